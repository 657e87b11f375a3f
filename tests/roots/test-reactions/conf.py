extensions = ["sphinx_newsbrief"]
project = "reactions"
exclude_patterns = ["_build"]
show_warning_types = True
numfig = True
newsbrief_actor_aliases = {"US": "United States"}
latex_documents = [("lead", "lead.tex", "", "Desk", "howto")]
myst_enable_extensions = ["colon_fence", "deflist"]
