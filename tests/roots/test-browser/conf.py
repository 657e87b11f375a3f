extensions = ["sphinx_newsbrief"]
project = "browser"
exclude_patterns = ["_build", "_themes"]
myst_enable_extensions = ["colon_fence", "deflist"]
html_theme = "alabaster"
# A theme built on furo, for the test that furo's derivatives follow the OS setting too.
html_theme_path = ["_themes"]
