"""Demo-only extension: the ``{newsbrief-config}`` table, generated from the
package's own table of options so the guide never goes out of date."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from sphinx_newsbrief.config import OPTIONS


def _default(value: Any) -> str:
    """Short text for a default; large tables are named by their keys."""
    if isinstance(value, dict) and value:
        return "{" + ", ".join(repr(k) + ": ..." for k in value) + "}"
    return repr(value)


class ConfigReference(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        items = nodes.definition_list(classes=["nb-config-reference"])
        for opt in OPTIONS:
            item = nodes.definition_list_item()
            term = nodes.term()
            term += nodes.literal(opt.name, opt.name)
            term += nodes.Text(" = ")
            shown = _default(opt.default)
            term += nodes.literal(shown, shown)
            item += term
            definition = nodes.definition()
            para = nodes.paragraph()
            text, _ = self.parse_inline(opt.help, lineno=self.lineno)
            para.extend(text)
            definition += para
            item += definition
            items += item
        return [items]


def setup(app: Any) -> dict[str, Any]:
    app.add_directive("newsbrief-config", ConfigReference)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
