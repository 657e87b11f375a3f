extensions = ["sphinx_newsbrief"]
project = "uncertainty"
exclude_patterns = ["_build"]
show_warning_types = True
latex_documents = [("lead", "lead.tex", "", "Desk", "howto")]
myst_enable_extensions = ["colon_fence", "deflist"]
