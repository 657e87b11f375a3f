"""Demo site of sphinx-newsbrief: a small news-analysis desk."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "Newsbrief"
author = "Newsbrief desk"
copyright = "2025, Newsbrief desk (sample content)"
language = "en"

extensions = ["sphinx_newsbrief", "configref"]
exclude_patterns = ["_build", "_ext"]

newsbrief_site_url = "https://newsbrief.example.org/"

html_theme = "furo"
html_title = "Newsbrief"
html_static_path = ["_static"]
html_css_files = ["demo.css"]
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

# One printable PDF per brief, beside the whole-site PDF. An empty title makes
# Sphinx use the article's own heading.
latex_documents += [
    (f"briefs/{path.stem}", f"{path.stem}.tex", "", author, "howto")
    for path in sorted((Path(__file__).parent / "briefs").glob("*.*"))
    if path.suffix in (".md", ".rst")
]
