extensions = ["sphinx_newsbrief"]
project = "Small reactions"
exclude_patterns = ["_build"]
show_warning_types = True
