extensions = ["sphinx_newsbrief"]
project = "edition filter"
exclude_patterns = ["_build"]
show_warning_types = True
myst_enable_extensions = ["colon_fence", "deflist"]
