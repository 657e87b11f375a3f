"""Demo site of sphinx-newsbrief: a small news-analysis desk."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "Newsbrief"
author = "Newsbrief desk"
copyright = "2025, Newsbrief desk (sample content)"
language = "en"
numfig = True

extensions = ["sphinx_newsbrief", "configref"]
# MyST syntax the demo's articles use: ::: fences for directives, definition lists.
myst_enable_extensions = ["colon_fence", "deflist"]
exclude_patterns = ["_build", "_ext"]

newsbrief_site_url = "https://newsbrief.example.org/"
# Feed entries carry each whole article (absolute links and images), not just its summary.
newsbrief_feed_content = "full"

html_theme = "furo"
html_title = "Newsbrief"
html_static_path = ["_static"]
html_css_files = ["demo.css"]
html_sidebars = {
    "**": [
        "sidebar/brand.html",
        "sidebar/search.html",
        "sidebar/scroll-start.html",
        "newsbrief/sidebar-nav.html",
        "sidebar/navigation.html",
        "sidebar/scroll-end.html",
    ]
}
newsbrief_tags = {
    "news": {"name": "News", "description": "Reporting on a development as it happens."},
    "explainer": {"name": "Explainer", "description": "Background that puts the news in context."},
    "update": {"name": "Update", "description": "Follow-ups that track how a story develops."},
    "method": {"name": "Method", "description": "How the desk works and labels what it knows."},
    "north-korea": {"name": "North Korea", "description": "The Democratic People's Republic of Korea."},
    "iran": {"name": "Iran", "description": "The Islamic Republic of Iran."},
    "russia": {"name": "Russia", "description": "The Russian Federation."},
    "sanctions": {"name": "Sanctions", "description": "UN Security Council and national sanctions regimes."},
}
newsbrief_tag_aliases = {"DPRK": "North Korea"}
# Who writes here: bylines link to each author's page (authors/<key>), which shows the bio.
newsbrief_authors = {
    "desk": {
        "name": "Newsbrief desk",
        "bio": "The demo's analysis desk: sample briefs on one developing story, written "
        "to show what the extension does with labelled uncertainty, reactions and questions.",
    },
}
html_theme_options = {
    "source_repository": "",
    "navigation_with_keys": True,
}

latex_documents = [
    ("index", "newsbrief-demo.tex", "Newsbrief: a demo analysis desk", author, "manual"),
]
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "11pt",
}

# Printable PDFs beside the whole-site one: a brief per article and one PDF per
# edition (week), built by `sphinx-build -M latexpdf` (LaTeX runs on xelatex).
newsbrief_pdf = {"briefs": True, "editions": True}

# A comment box under each brief (giscus; `comments: false` in a brief's front
# matter leaves it off). PLACEHOLDER settings: the repository and ids below do
# not exist, so the box shows its heading and an empty frame. A real site takes
# its own from the giscus configuration page for its repository.
newsbrief_comments = {
    "provider": "giscus",
    "repo": "example/newsbrief-comments",
    "repo-id": "PLACEHOLDER",
    "category": "Comments",
    "category-id": "PLACEHOLDER",
}
