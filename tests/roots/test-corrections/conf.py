extensions = ["sphinx_newsbrief"]
myst_enable_extensions = ["colon_fence"]
project = "Corrections"
exclude_patterns = ["_build"]
show_warning_types = True
newsbrief_site_url = "https://news.example.org/"
