extensions = ["sphinx_newsbrief"]
project = "Desk Weekly"
exclude_patterns = ["_build"]
show_warning_types = True
newsbrief_site_url = "https://news.example.org/desk/"
