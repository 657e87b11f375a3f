extensions = ["sphinx_newsbrief"]
myst_enable_extensions = ["colon_fence"]
project = "Hardening"
exclude_patterns = ["_build"]
show_warning_types = True
newsbrief_tag_aliases = {"DPRK": "North Korea"}
newsbrief_date_format = "%W"
