"""Read and validate an article's metadata from its source text.

MyST hands front matter to Sphinx as strings (a list arrives as JSON text),
docutils splits and smart-quotes bibliographic fields such as ``authors``, and
one bad value (``date: 2025-13-45``) makes MyST drop the whole front matter.
So the extension reads the metadata block itself, keeping dates as strings and
remembering the line of every key, and validates field by field: each problem
is reported with its line and the rest of the metadata is still used.

Everything here is a pure function of the text, so it is easy to test with
property-based tests.

The package is a leaf: it imports nothing else of the extension. Its parts:
:mod:`.reading` (the block as written, and rewriting it for MyST),
:mod:`.validating` (field by field) and :mod:`.loader` (safe YAML).
"""

from __future__ import annotations

from .loader import NODE_BUDGET, YamlResult, load_yaml
from .reading import (
    Field,
    Problem,
    RawMetadata,
    escaped_rst_fields,
    first_heading_level,
    front_matter_span,
    needs_title_heading,
    read_markdown,
    read_notebook,
    read_rst,
    sanitised_front_matter,
)
from .validating import (
    ABLOG_KEYS,
    ARTICLE_KEYS,
    FOREIGN_KEYS,
    ablog_keys,
    edition_of,
    iso_week,
    parse_date,
    unknown_keys,
    validate,
)

__all__ = [
    "ABLOG_KEYS",
    "ARTICLE_KEYS",
    "FOREIGN_KEYS",
    "NODE_BUDGET",
    "Field",
    "Problem",
    "RawMetadata",
    "YamlResult",
    "ablog_keys",
    "edition_of",
    "escaped_rst_fields",
    "first_heading_level",
    "front_matter_span",
    "iso_week",
    "load_yaml",
    "needs_title_heading",
    "parse_date",
    "read_markdown",
    "read_notebook",
    "read_rst",
    "sanitised_front_matter",
    "unknown_keys",
    "validate",
]
