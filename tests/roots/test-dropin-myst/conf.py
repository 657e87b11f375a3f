# A MyST documentation project that chose no MyST syntax extensions.
project = "Fruit"
author = "Fruit team"
extensions = ["myst_parser"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build"]
show_warning_types = True
