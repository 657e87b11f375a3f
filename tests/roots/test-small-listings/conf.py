extensions = ["sphinx_newsbrief"]
project = "Small listings"
exclude_patterns = ["_build"]
show_warning_types = True
