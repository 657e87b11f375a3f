extensions = ["sphinx_newsbrief"]
project = "Blog look-alike"
exclude_patterns = ["_build"]
show_warning_types = True
newsbrief_site_url = "https://blog.example.org/"
newsbrief_excerpt_words = 12
newsbrief_authors = {
    "jdoe": {
        "name": "Jane Doe",
        "url": "https://jane.example.org/",
        "bio": "Jane covers sanctions & <trade>.",
    },
}
newsbrief_edition_by = "month"
