extensions = ["sphinx_newsbrief"]
project = "Tags & <Feeds>"
author = "Desk </script> & Co"
exclude_patterns = ["_build"]
show_warning_types = True
newsbrief_site_url = "https://example.org/news/"
newsbrief_tag_aliases = {"DPRK": "North Korea"}
