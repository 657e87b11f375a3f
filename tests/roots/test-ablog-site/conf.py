# A small ABlog site, written the way `ablog start` and ABlog's own docs write one
# (ABlog 0.11). The tests convert it with `newsbrief import-ablog` and build the copy;
# it is never built as it is (ABlog is not installed for the tests).

import os
import sys

import ablog

# -- General ABlog Options ----------------------------------------------------

blog_path = "blog"
blog_title = "Field Notes"
blog_baseurl = "https://notes.example.org/"
blog_authors = {
    "Ahmet": ("Ahmet Bakan", "https://example.org/ahmet"),
    "Luc": ("Luc Saffre", None),
}
blog_locations = {
    "Pittsburgh": ("Pittsburgh, PA", "https://en.wikipedia.org/wiki/Pittsburgh"),
    "SF": ("San Francisco, CA", None),
}
blog_languages = {"en": ("English", None)}
blog_default_language = "en"
blog_feed_fulltext = True
blog_feed_length = 10
blog_feed_archives = True
disqus_shortname = "field-notes"
fontawesome_included = True
post_auto_excerpt = 1
post_redirect_refresh = 3

# -- Sphinx Options -----------------------------------------------------------

extensions = [
    "sphinx.ext.extlinks",
    "sphinx.ext.todo",
    "ablog",
    "myst_parser",
]
templates_path = ["_templates"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
master_doc = "index"
project = "Field Notes"
copyright = "2024, Field Notes"
author = "Ahmet Bakan"
version = ablog.__version__
language = "en"
exclude_patterns = ["_build"]
html_theme = "alabaster"
html_static_path = ["_static"]
html_sidebars = {
    "**": [
        "about.html",
        "ablog/postcard.html",
        "navigation.html",
        "ablog/recentposts.html",
        "ablog/tagcloud.html",
        "ablog/categories.html",
        "ablog/archives.html",
        "searchbox.html",
    ]
}
