extensions = ["sphinx_newsbrief"]
myst_enable_extensions = ["colon_fence"]
project = "Claims"
exclude_patterns = ["_build"]
show_warning_types = True
