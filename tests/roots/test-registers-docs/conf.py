extensions = ["sphinx_newsbrief"]
project = "docs"
exclude_patterns = ["_build"]
show_warning_types = True
myst_enable_extensions = ["colon_fence", "deflist"]
latex_documents = [("index", "docs.tex", "Docs", "Team", "manual")]
