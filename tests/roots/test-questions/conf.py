extensions = ["sphinx_newsbrief"]
project = "questions"
exclude_patterns = ["_build"]
latex_documents = [("lead", "lead.tex", "", "Desk", "howto")]
show_warning_types = True
myst_enable_extensions = ["colon_fence", "deflist"]
