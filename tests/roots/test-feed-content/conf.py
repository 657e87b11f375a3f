extensions = ["sphinx_newsbrief"]
project = "Desk Weekly"
exclude_patterns = ["_build"]
show_warning_types = True
newsbrief_site_url = "https://news.example.org/desk/"
newsbrief_feed_content = "full"
newsbrief_authors = {
    "ann": {"name": "Ann Analyst", "url": "https://ann.example.net/", "bio": "Writes analysis."},
}
newsbrief_comments = {
    "provider": "giscus",
    "repo": "example/comments",
    "repo-id": "R1",
    "category": "Comments",
    "category-id": "C1",
}
