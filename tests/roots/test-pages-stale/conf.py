extensions = ["sphinx_newsbrief"]
project = "pages"
exclude_patterns = ["_build"]
show_warning_types = True
newsbrief_page_size = 2
