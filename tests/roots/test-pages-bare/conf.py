extensions = ["sphinx_newsbrief"]
project = "bare"
exclude_patterns = ["_build"]
show_warning_types = True
newsbrief_edition_by = "none"
html_sidebars = {"**": ["newsbrief/sidebar-nav.html", "localtoc.html"]}
