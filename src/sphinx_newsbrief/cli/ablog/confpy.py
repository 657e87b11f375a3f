"""The converted ``conf.py``: ABlog out, sphinx-newsbrief in.

The file is edited as text, never run: ``import ablog`` (and ``from ablog
import ...``) become assignments from a small stand-in, so lines that still
name ABlog (``ablog.__version__``, ``ablog.get_html_templates_path()``) keep
working without ABlog installed; a clearly marked block at the end fixes up
``extensions``, ``templates_path`` and ``html_sidebars`` and sets the
``newsbrief_*`` values that ABlog settings map to. The result is checked
with :func:`compile`.
"""

from __future__ import annotations

import ast
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .site import ABLOG_SETTINGS, Conf

STAND_IN = "_NEWSBRIEF_NO_ABLOG"
TEMPLATES_MARK = "_ablog_templates_removed"
SIDEBAR = "newsbrief/sidebar-nav.html"
#: ABlog's sidebar templates under their old names (before ``ablog/``, ABlog 0.11).
OLD_SIDEBARS = (
    "archives.html",
    "authors.html",
    "categories.html",
    "languages.html",
    "locations.html",
    "postcard.html",
    "postcard2.html",
    "postnavy.html",
    "recentposts.html",
    "tagcloud.html",
)
#: ABlog settings with no sphinx-newsbrief counterpart, and why.
UNMAPPED = {
    "blog_path": "generated pages have fixed places (tags/, archive/, authors/, editions/)",
    "blog_languages": "an article has no language of its own",
    "blog_default_language": "an article has no language of its own",
    "blog_locations": "used: posts' locations were written as these full names",
    "blog_default_author": "used: posts without an author were given it",
    "blog_default_location": "used: posts without a location were given it",
    "blog_post_pattern": "used to find the posts; articles are found by their `date` "
    "(or newsbrief_article_patterns)",
    "blog_feed_archives": "feeds per tag and per author are always written",
    "blog_feed_subtitle": "feeds have no subtitle",
    "blog_feed_templates": "feed entries have no templates",
    "blog_feed_titles": "feed entries always carry a summary",
    "blog_archive_titles": "archive pages list title, date, tags and summary",
    "post_date_format_short": "one date format (newsbrief_date_format) is used",
    "post_auto_excerpt": "the excerpt is the `summary`, else the first paragraph",
    "post_auto_image": "listings show no image",
    "post_auto_orphan": "articles are never reported as outside a toctree",
    "post_always_section": "a document is one article",
    "post_redirect_refresh": "no redirect pages are made",
    "post_show_prev_next": "articles always link to the previous and next article",
    "fontawesome_css_file": "no icon font is used",
    "fontawesome_included": "no icon font is used",
    "fontawesome_link_cdn": "no icon font is used",
    "disqus_shortname": "Disqus is not supported; see newsbrief_comments (giscus, utterances)",
    "disqus_pages": "comments are on articles only (newsbrief_comments)",
    "disqus_drafts": "comments are on articles only (newsbrief_comments)",
    "skip_injecting_base_ablog_templates": "there are no ABlog templates",
    "ablog_builder": "the ablog command is not used: build with sphinx-build (or newsbrief serve)",
    "ablog_website": "the ablog command is not used: build with sphinx-build (or newsbrief serve)",
}


@dataclass
class ConfReport:
    converted: list[str] = field(default_factory=list)
    unmapped: list[str] = field(default_factory=list)
    ablog_uses: list[str] = field(default_factory=list)


def convert_conf(text: str, conf: Conf, srcdir: Path) -> tuple[str, ConfReport]:
    """The converted ``conf.py`` and what became of each ABlog setting."""
    report = ConfReport()
    tree = ast.parse(text)
    text, replaced = _replace_imports(text, tree)
    if replaced:
        report.converted.append(f"import of ABlog replaced by a stand-in ({STAND_IN})")
        report.ablog_uses += _ablog_uses(ast.parse(text), replaced)
    block = _fixups(conf, report, srcdir, text)
    new = text.rstrip("\n") + "\n\n\n" + "\n".join(block) + "\n"
    compile(new, "conf.py", "exec")
    return new, report


def _is_ablog(name: str | None) -> bool:
    return bool(name) and (name == "ablog" or str(name).startswith("ablog."))


def _offset(lines: list[str], lineno: int, col: int) -> int:
    return sum(len(line) for line in lines[: lineno - 1]) + len(
        lines[lineno - 1].encode("utf-8")[:col].decode("utf-8", "replace")
    )


def _replace_imports(text: str, tree: ast.Module) -> tuple[str, set[str]]:
    """Each import of ABlog as an assignment from the stand-in; the names it bound."""
    nodes = [
        n
        for n in ast.walk(tree)
        if (isinstance(n, ast.Import) and any(_is_ablog(a.name) for a in n.names))
        or (isinstance(n, ast.ImportFrom) and not n.level and _is_ablog(n.module))
    ]
    if not nodes:
        return text, set()
    lines = text.splitlines(keepends=True)
    edits = []
    names: set[str] = set()
    for node in nodes:
        statement, bound = _stand_in_statement(node)
        names |= bound
        start = _offset(lines, node.lineno, node.col_offset)
        end = _offset(lines, node.end_lineno or node.lineno, node.end_col_offset or 0)
        edits.append((start, end, statement))
    for start, end, statement in sorted(edits, reverse=True):
        text = text[:start] + statement + text[end:]
    first = min(nodes, key=lambda n: n.lineno).lineno
    top = next(s for s in tree.body if s.lineno <= first <= (s.end_lineno or s.lineno))
    lines = text.splitlines(keepends=True)
    lines[top.lineno - 1 : top.lineno - 1] = _stand_in_lines()
    return "".join(lines), names


def _stand_in_statement(node: ast.Import | ast.ImportFrom) -> tuple[str, set[str]]:
    parts: list[str] = []
    bound: set[str] = set()
    if isinstance(node, ast.Import):
        kept = [a for a in node.names if not _is_ablog(a.name)]
        if kept:
            parts.append("import " + ", ".join(_alias(a) for a in kept))
        for alias in node.names:
            if _is_ablog(alias.name):
                name = alias.asname or alias.name.split(".")[0]
                parts.append(f"{name} = {STAND_IN}")
                bound.add(name)
    else:
        for alias in node.names:
            if alias.name == "*":
                continue
            name = alias.asname or alias.name
            parts.append(f'{name} = getattr({STAND_IN}, "{alias.name}", None)')
            bound.add(name)
    return "; ".join(parts) or "pass", bound


def _alias(alias: ast.alias) -> str:
    return f"{alias.name} as {alias.asname}" if alias.asname else alias.name


def _stand_in_lines() -> list[str]:
    return [
        "# newsbrief import-ablog: this site no longer uses ABlog. This stand-in keeps the\n",
        "# lines that still name it working without ABlog installed (the import report\n",
        '# lists them): its version is "0", its file this one, anything else None.\n',
        "class _NewsbriefNoAblog:\n",
        '    __version__ = "0"\n',
        "    __file__ = __file__\n",
        "\n",
        "    @staticmethod\n",
        "    def get_html_templates_path():\n",
        f'        return "{TEMPLATES_MARK}"\n',
        "\n",
        "    def __getattr__(self, name):\n",
        "        return None\n",
        "\n",
        "\n",
        f"{STAND_IN} = _NewsbriefNoAblog()\n",
        "del _NewsbriefNoAblog\n",
        "\n",
    ]


def _ablog_uses(tree: ast.Module, names: set[str]) -> list[str]:
    gives = {"__version__": "'0'", "__file__": "this conf.py's path"}
    uses = [
        f"conf.py:{node.lineno}: {node.value.id}.{node.attr} "
        f"(the stand-in gives {gives.get(node.attr, 'None')})"
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id in names
        and node.attr != "get_html_templates_path"
    ]
    return sorted(set(uses), key=lambda u: int(u.split(":")[1]))


def _literal(conf: Conf, name: str) -> str:
    """``name``'s value as a literal when ``conf.py`` has one, else the name itself."""
    return python(conf.values[name]) if conf.literal(name) else name


def _fixups(conf: Conf, report: ConfReport, srcdir: Path, text: str) -> list[str]:
    block = [
        "# -- sphinx-newsbrief " + "-" * 59,
        "# Added by `newsbrief import-ablog`: sphinx-newsbrief replaces ABlog. The ABlog",
        "# settings above are no longer read (newsbrief-import-report.txt says what became",
        "# of each); the values below are the ones that carried over.",
    ]
    if "extensions" in conf.assigned:
        block += [
            'extensions = [_name for _name in extensions if _name != "ablog"]',
            'if "sphinx_newsbrief" not in extensions:',
            '    extensions.append("sphinx_newsbrief")',
        ]
    else:
        block.append('extensions = ["sphinx_newsbrief"]')
    report.converted.append("extensions: ablog removed, sphinx_newsbrief added")
    if "get_html_templates_path" in text and "templates_path" in conf.assigned:
        block.append(f'templates_path = [_p for _p in templates_path if _p != "{TEMPLATES_MARK}"]')
        report.converted.append("templates_path: ABlog's templates folder removed")
    if "html_sidebars" in conf.assigned:
        block += _sidebars(conf, srcdir)
        report.converted.append(f"html_sidebars: ABlog's sidebars replaced by {SIDEBAR}")
    block += _mapped(conf, report)
    suffixes = conf.get("source_suffix")
    if ".txt" in str(suffixes) or (suffixes is None and "source_suffix" in conf.assigned):
        block.append(
            'exclude_patterns = [*globals().get("exclude_patterns", []), '
            '"newsbrief-import-report.txt"]'
        )
    _unmapped(conf, report)
    return block


def _sidebars(conf: Conf, srcdir: Path) -> list[str]:
    folders = conf.get("templates_path", ["_templates"])
    folders = [f for f in folders if isinstance(f, str)] if isinstance(folders, list) else []
    own = {n for n in OLD_SIDEBARS for f in folders if (srcdir / f / n).is_file()}
    old = sorted(set(OLD_SIDEBARS) - own)
    return [
        f"_NEWSBRIEF_ABLOG_SIDEBARS = {python(old)}",
        "",
        "",
        "def _newsbrief_sidebar(names):",
        '    """ABlog\'s sidebar templates out; the generated pages\' links in their place."""',
        "    names = [names] if isinstance(names, str) else list(names)",
        '    gone = [n for n in names if n.startswith("ablog/") or n in _NEWSBRIEF_ABLOG_SIDEBARS]',
        "    kept = [n for n in names if n not in gone]",
        f'    if gone and "{SIDEBAR}" not in kept:',
        "        kept.insert(names.index(gone[0]), " + f'"{SIDEBAR}")',
        "    return kept",
        "",
        "",
        "html_sidebars = {_k: _newsbrief_sidebar(_v) for _k, _v in html_sidebars.items()}",
        "del _newsbrief_sidebar, _NEWSBRIEF_ABLOG_SIDEBARS",
    ]


def _mapped(conf: Conf, report: ConfReport) -> list[str]:
    lines = []
    pairs = (
        ("blog_baseurl", "newsbrief_site_url"),
        ("blog_title", "newsbrief_publisher"),
        ("post_date_format", "newsbrief_date_format"),
    )
    for old, new in pairs:
        if old in conf.assigned and conf.get(old, True):
            lines.append(f"{new} = {_literal(conf, old)}")
            report.converted.append(f"{old} -> {new}")
    if "blog_authors" in conf.assigned and conf.get("blog_authors", True):
        lines.append(f"newsbrief_authors = {_authors(conf)}")
        report.converted.append("blog_authors -> newsbrief_authors")
    if "blog_feed_fulltext" in conf.assigned and conf.get("blog_feed_fulltext", True):
        value = '"full"' if conf.literal("blog_feed_fulltext") else (
            '"full" if blog_feed_fulltext else "summary"'
        )  # fmt: skip
        lines.append(f"newsbrief_feed_content = {value}")
        report.converted.append("blog_feed_fulltext -> newsbrief_feed_content")
    length = conf.get("blog_feed_length")
    if isinstance(length, int) and length > 0:
        lines.append(f"newsbrief_feed_length = {length}")
        report.converted.append("blog_feed_length -> newsbrief_feed_length")
    elif "blog_feed_length" in conf.assigned:
        report.unmapped.append(
            "blog_feed_length: ABlog fed every post; newsbrief_feed_length (default 20) limits it"
        )
    return lines


def _authors(conf: Conf) -> str:
    value = conf.values.get("blog_authors")
    if not isinstance(value, dict):
        return (
            '{_key: {"name": _name, **({"url": _url} if _url else {})} '
            "for _key, (_name, _url) in blog_authors.items()}"
        )
    authors: dict[str, dict[str, Any]] = {}
    for key, entry in value.items():
        pair = [*entry, None, None] if isinstance(entry, (tuple, list)) else [entry, None]
        name, url = pair[0], pair[1]
        authors[str(key)] = {"name": name, **({"url": url} if url else {})}
    return python(authors)


def _unmapped(conf: Conf, report: ConfReport) -> None:
    mapped = {
        "blog_baseurl",
        "blog_title",
        "blog_authors",
        "blog_feed_fulltext",
        "blog_feed_length",
        "post_date_format",
    }
    for name in conf.assigned:
        ablog = name in ABLOG_SETTINGS or name.startswith(("blog_", "post_", "disqus_"))
        if ablog and name not in mapped:
            why = UNMAPPED.get(name, "an ABlog setting with no counterpart")
            report.unmapped.append(f"{name}: {why}")


def python(value: Any, indent: int = 0) -> str:
    """``value`` as Python source, formatted as ruff would (double quotes, one item a line)."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple, dict)):
        flat = _flat(value)
        if len(flat) + indent <= 88:
            return flat
        pad = " " * (indent + 4)
        if isinstance(value, dict):
            items = [f"{pad}{python(k)}: {python(v, indent + 4)}," for k, v in value.items()]
            return "{\n" + "\n".join(items) + "\n" + " " * indent + "}"
        items = [f"{pad}{python(v, indent + 4)}," for v in value]
        brackets = "()" if isinstance(value, tuple) else "[]"
        return brackets[0] + "\n" + "\n".join(items) + "\n" + " " * indent + brackets[1]
    return repr(value)


def _flat(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_flat(k)}: {_flat(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flat(v) for v in value) + "]"
    if isinstance(value, tuple):
        inner = ", ".join(_flat(v) for v in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    return python(value)
