extensions = ["sphinx_newsbrief"]
project = "Headings"
exclude_patterns = ["_build"]
show_warning_types = True
