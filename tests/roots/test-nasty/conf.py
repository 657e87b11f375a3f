# The corpus project of tests/test_fuzz.py: hostile strings in every field.
# The articles are written at test time (into a copy of this folder), from the corpus.
extensions = ["sphinx_newsbrief"]
myst_enable_extensions = ["colon_fence"]
project = "Nasty desk"
author = "Nasty desk"
exclude_patterns = ["_build"]
show_warning_types = True
newsbrief_site_url = "https://nasty.example.org/"
newsbrief_feed_content = "full"
newsbrief_pdf = {"briefs": True, "editions": True}
newsbrief_publisher = "Nasty </script> desk \\end{document} 100%"
latex_elements = {"papersize": "a4paper"}
