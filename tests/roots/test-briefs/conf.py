extensions = ["sphinx_newsbrief"]
project = "briefs"
exclude_patterns = ["_build"]
show_warning_types = True
