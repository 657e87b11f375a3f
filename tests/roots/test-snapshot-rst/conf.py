extensions = ["sphinx_newsbrief"]
project = "Snapshot desk"
author = "Snapshot desk"
copyright = "2025, Snapshot desk"
exclude_patterns = ["_build"]
show_warning_types = True
numfig = True
today = "1 July 2025"
newsbrief_tags = {
    "news": {"name": "News", "description": "Reporting as it happens."},
    "north-korea": {"name": "North Korea", "description": "The DPRK."},
    "iran": {"name": "Iran"},
    "sanctions": {"name": "Sanctions"},
    "update": {"name": "Update"},
    "explainer": {"name": "Explainer"},
}
newsbrief_tag_aliases = {"DPRK": "North Korea"}
latex_documents = [
    ("index", "index.tex", "Snapshot desk", "Desk", "howto"),
    ("early", "early.tex", "", "Desk", "howto"),
    ("lead", "lead.tex", "", "Desk", "howto"),
    ("later", "later.tex", "", "Desk", "howto"),
]
