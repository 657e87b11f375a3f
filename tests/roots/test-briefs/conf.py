extensions = ["sphinx_newsbrief"]
project = "briefs"
exclude_patterns = ["_build"]
