extensions = ["sphinx_newsbrief"]
project = "Only"
exclude_patterns = ["_build"]
show_warning_types = True
myst_enable_extensions = ["colon_fence"]
