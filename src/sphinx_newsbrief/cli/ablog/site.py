"""What an ABlog site's ``conf.py`` says, read without running it.

Top-level assignments whose value is a Python literal are evaluated with
:func:`ast.literal_eval`; other assignments are only known by name. This is
enough for ABlog's settings, which are literals in practice.
"""

from __future__ import annotations

import ast
import contextlib
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

#: ABlog's settings and their defaults (ablog/blog.py ``CONFIG``), plus the
#: ``ablog`` command's own (``ablog_builder``, ``ablog_website``).
ABLOG_SETTINGS: dict[str, Any] = {
    "blog_archive_titles": None,
    "blog_authors": {},
    "blog_baseurl": "",
    "blog_default_author": None,
    "blog_default_language": None,
    "blog_default_location": None,
    "blog_feed_archives": False,
    "blog_feed_fulltext": False,
    "blog_feed_length": None,
    "blog_feed_subtitle": None,
    "blog_feed_templates": {"atom": {}},
    "blog_feed_titles": None,
    "blog_languages": {},
    "blog_locations": {},
    "blog_path": "blog",
    "blog_post_pattern": [],
    "blog_title": "Blog",
    "disqus_drafts": False,
    "disqus_pages": False,
    "disqus_shortname": None,
    "fontawesome_css_file": "",
    "fontawesome_included": False,
    "fontawesome_link_cdn": None,
    "post_always_section": False,
    "post_auto_excerpt": 1,
    "post_auto_image": 0,
    "post_auto_orphan": True,
    "post_date_format_short": "%d %B",
    "post_date_format": "%d %B %Y",
    "post_redirect_refresh": 5,
    "post_show_prev_next": True,
    "skip_injecting_base_ablog_templates": False,
    "ablog_builder": "dirhtml",
    "ablog_website": "_website",
}


@dataclass
class Conf:
    """The literal top-level values of a ``conf.py`` and the names it assigns."""

    values: dict[str, Any] = field(default_factory=dict)
    assigned: dict[str, int] = field(default_factory=dict)  # name -> line of its last assignment

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)

    def literal(self, name: str) -> bool:
        return name in self.values


def read_conf(text: str, filename: str = "conf.py") -> Conf:
    """Read ``conf.py``; a syntax error is raised as :class:`SyntaxError`."""
    tree = ast.parse(text, filename=filename)
    conf = Conf()
    for node in tree.body:
        targets: list[ast.expr] = []
        value: ast.expr | None = None
        if isinstance(node, ast.Assign):
            targets, value = list(node.targets), node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        for target in targets:
            if not isinstance(target, ast.Name) or value is None:
                continue
            conf.assigned[target.id] = node.lineno
            conf.values.pop(target.id, None)
            with contextlib.suppress(
                ValueError, TypeError, SyntaxError, MemoryError, RecursionError
            ):
                conf.values[target.id] = ast.literal_eval(value)
    return conf


@dataclass
class Site:
    """What the conversion of posts needs to know about the site."""

    post_date_format: str = "%d %B %Y"
    #: ``blog_locations``: key -> full name.
    locations: dict[str, str] = field(default_factory=dict)
    default_authors: tuple[str, ...] = ()
    default_location: tuple[str, ...] = ()
    #: Docnames matched by ``blog_post_pattern`` (posts even without ``blogpost``).
    pattern_posts: frozenset[str] = frozenset()


def site_of(conf: Conf, srcdir: Path) -> Site:
    """The :class:`Site` of an ABlog project from its ``conf.py``."""
    fmt = conf.get("post_date_format", ABLOG_SETTINGS["post_date_format"])
    return Site(
        post_date_format=fmt if isinstance(fmt, str) else "%d %B %Y",
        locations=_full_names(conf.get("blog_locations", {})),
        default_authors=_names(conf.get("blog_default_author")),
        default_location=_names(conf.get("blog_default_location")),
        pattern_posts=_pattern_posts(conf.get("blog_post_pattern", []), srcdir),
    )


def _full_names(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        return {}
    names = {}
    for key, entry in value.items():
        name = entry[0] if isinstance(entry, (tuple, list)) and entry else None
        if isinstance(name, str) and name.strip():
            names[str(key)] = name.strip()
    return names


def _names(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,) if value.strip() else ()
    if isinstance(value, (list, tuple)):
        return tuple(str(v) for v in value if str(v).strip())
    return ()


def _pattern_posts(patterns: Any, srcdir: Path) -> frozenset[str]:
    if isinstance(patterns, str):
        patterns = [patterns]
    if not isinstance(patterns, (list, tuple)):
        return frozenset()
    found = set()
    for pattern in patterns:
        with contextlib.suppress(ValueError, NotImplementedError):  # absolute or bad patterns
            for match in srcdir.glob(str(pattern)):
                found.add(PurePath(match).relative_to(srcdir).with_suffix("").as_posix())
    return frozenset(found)
