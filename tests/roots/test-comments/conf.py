extensions = ["sphinx_newsbrief"]
project = "comments"
exclude_patterns = ["_build"]
# newsbrief_comments is set by each test (confoverrides): off by default.
show_warning_types = True  # Sphinx 7.4 shows "[newsbrief.comments]" only when asked
