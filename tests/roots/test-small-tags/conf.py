extensions = ["sphinx_newsbrief"]
project = "Small tags"
exclude_patterns = ["_build"]
show_warning_types = True
