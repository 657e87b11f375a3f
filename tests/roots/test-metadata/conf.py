extensions = ["sphinx_newsbrief"]
myst_enable_extensions = ["colon_fence"]
project = "Desk Weekly"
exclude_patterns = ["_build"]
show_warning_types = True
newsbrief_site_url = "https://news.example.org/desk/"
newsbrief_publisher = "Desk & Co <News>"
newsbrief_edition_by = "week"
newsbrief_authors = {
    "analyst": {"name": "Desk analyst", "url": "https://people.example.org/analyst"},
}
