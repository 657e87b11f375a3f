# An rST documentation project shaped like a real one: autodoc, todo, an explicit
# source_suffix, and a stray README.md that must never become a page.
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

project = "Widget"
author = "Widget team"
extensions = ["sphinx.ext.autodoc", "sphinx.ext.todo", "sphinx.ext.intersphinx"]
source_suffix = ".rst"
exclude_patterns = ["_build"]
todo_include_todos = True
show_warning_types = True
