"""Random small projects for fuzzing: every front-matter key, directive option and role.

Used by ``tests/test_fuzz.py`` (with Hypothesis' ``st.randoms()``, so examples are
reproducible and shrink) and by ``bench/fuzz.py`` (thousands of projects, one
``random.Random(seed)`` each). Everything is a pure function of the random
source; nothing here builds or writes files except :func:`write_project`.

The directives, roles and front-matter keys come from the extension itself
(:func:`registered`), so a new directive is fuzzed without editing this file.
"""

from __future__ import annotations

import json
import os
import random
import re
import tempfile
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
#: Where the extension's classes live: what counts as "ours".
PACKAGE = "sphinx_newsbrief"

# -- what to fuzz, from the extension -----------------------------------------------


@cache
def registered() -> tuple[dict[str, dict[str, Any]], tuple[str, ...], tuple[str, ...]]:
    """The extension's directives (name -> option names, argument, content), roles and keys.

    Read from a throw-away Sphinx app in a child process: an app made in the
    test process outside Sphinx's test fixtures left state behind that later
    MyST-NB builds tripped over ("Source parser for markdown not registered").
    """
    import subprocess
    import sys

    code = "import json, fuzzgen; print(json.dumps(fuzzgen._registered_here()))"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(HERE), *sys.path]))}
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    found, role_names, keys = json.loads(proc.stdout.strip().splitlines()[-1])
    return found, tuple(role_names), tuple(keys)


def _registered_here() -> tuple[dict[str, dict[str, Any]], list[str], list[str]]:
    """:func:`registered`, in the current process (called in the child)."""
    import io

    from docutils.parsers.rst import directives, roles
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace

    from sphinx_newsbrief.frontmatter import ARTICLE_KEYS

    found: dict[str, dict[str, Any]] = {}
    role_names: list[str] = []
    with tempfile.TemporaryDirectory() as tmp, docutils_namespace():
        src = Path(tmp)
        (src / "conf.py").write_text(f"extensions = [{PACKAGE!r}]\n", encoding="utf-8")
        (src / "index.rst").write_text("Index\n=====\n", encoding="utf-8")
        Sphinx(
            str(src),
            str(src),
            str(src / "_build"),
            str(src / "_build" / ".doctrees"),
            "html",
            status=io.StringIO(),
            warning=io.StringIO(),
        )
        for name, cls in directives._directives.items():  # type: ignore[attr-defined]
            if getattr(cls, "__module__", "").startswith(PACKAGE):
                found[name] = {
                    "options": sorted(cls.option_spec or ()),
                    "argument": bool(cls.required_arguments or cls.optional_arguments),
                    "content": bool(cls.has_content),
                }
        for name, role in roles._roles.items():  # type: ignore[attr-defined]
            module = getattr(role, "__module__", None) or type(role).__module__
            if module.startswith(PACKAGE):
                role_names.append(name)
    return found, sorted(role_names), list(ARTICLE_KEYS)


# -- the strings --------------------------------------------------------------------

#: Short hostile strings: markup of every output format, controls, odd Unicode.
NASTY = (
    "</script><script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<svg/onload=alert(1)>",
    '"><b onmouseover=alert(1)>x</b>',
    "javascript:alert(1)",
    "]]><!--",
    "&amp; &lt; &#0; &bogus;",
    r"\input{/etc/passwd}",
    r"\end{document}",
    r"\def\x{\x}\x",
    r"\catcode`\%=12",
    "100% # $ ^ ~ \\ { } & _",
    "{{{{",
    "}}}}",
    "\\",
    "``",
    "`",
    "<",
    "{#id}",
    "<unconfirmed, id=a:b>",
    "a:b:c",
    "../../etc/passwd",
    "/etc/passwd",
    "C:\\Windows\\win.ini",
    "\u202eevil\u202c",
    "\u200d\u200c\u200b\ufeff",
    "مرحبا بالعالم",
    "שלום עולם",
    "한국어 뉴스",
    "Новости",
    "😀👩‍👩‍👧",
    "\t\x0b\x0c",
    "\x1b[31mred",
    "\x00",
    "\x7f",
    "\x85\u2028\u2029",
    "\ud800",
    " ",
    "",
    "-",
    "- a\n- b",
    "---",
    ":::",
    "```",
    ".. raw:: html",
    "*a",
    "**",
    "[x](javascript:alert(1))",
    "null",
    "~",
    "yes",
    "1e999",
    "2025-13-45",
    "2025-02-30",
    "2025-06-21",
    "2025-06-21T09:00:00+09:00",
    "9999-12-31",
    "0001-01-01",
    "&a [*a, *a]",
    "!!python/object/apply:os.system ['echo pwned']",
    "x" * 300,
)

#: Values that satisfy an option, by option name (plus random ones, which must warn).
GOOD = {
    "status": (
        "confirmed",
        "reported",
        "unconfirmed",
        "disputed",
        "denied",
        "speculative",
        "open",
        "answered",
        "partly",
        "superseded",
    ),
    "likelihood": ("almost-no-chance", "unlikely", "roughly-even", "likely", "almost-certain"),
    "confidence": ("low", "moderate", "high"),
    "grade": ("A1", "B2", "F6", "G7", "b2"),
    "as-of": ("2025-06-21", "2025-06-22T10:00"),
    "id": ("nk:pledge", "nk:other", "x"),
    "id-prefix": ("nk", "q", "a:b"),
    "source": ("Posts on social media", "https://example.org/x"),
    "sort": ("-date", "date", "title", "actor", "stance"),
    "format": ("list", "table"),
    "limit": ("0", "1", "3", "-1", "²"),
    "tags": ("News", "News, Iran", "North Korea"),
    "article": ("current", "a1", "index"),
    "edition": ("2025-w25", "2025-06-21", "all"),
    "history": ("", "yes"),
    "exclude-current": ("",),
    "columns": ("actor, stance", "actor,stance,summary,basis,date,source", "nope"),
    "file": ("data/r.csv", "data/r.yaml", "data/missing.csv", "data", "data/r.txt"),
    "name": ("reactions-1", "x"),
    "class": ("special", "a b"),
}

#: Values for front-matter keys, by key.
GOOD_META = {
    "title": ("A title", "Title with `code` and *stars*"),
    "date": ("2025-06-21", "2025-06-22", "2025-06-23T10:00", "2025-06-21 14:30:05"),
    "updated": ("2025-06-24", "2025-06-20"),
    "authors": (["Desk analyst"], "A. Writer", ["A", "B"], []),
    "summary": ("One sentence.",),
    "tags": (["News", "Iran"], "News, North Korea", ["DPRK"], []),
    "location": ("Seoul",),
    "edition": ("2025-06-23", "special"),
    "draft": (False, True, "yes"),
    "comments": (True, False, "maybe"),
}

#: What ``str.splitlines`` (so docutils) takes for the end of a line.
_BREAKS = r"[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]"


def nasty(rng: random.Random, *, single_line: bool = False) -> str:
    """A hostile string: from :data:`NASTY`, random characters, or a mix of both."""
    roll = rng.random()
    if roll < 0.55:
        text = rng.choice(NASTY)
    elif roll < 0.8:
        alphabet = "abc <>&\"'`{}[]()\\%$#^~_:;,=*-|!@/\n\t\x00\x7f\u202e\u200dй한"
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24)))
    else:
        text = " ".join(rng.choice(NASTY) for _ in range(rng.randint(2, 4)))
    if single_line:
        text = re.sub(_BREAKS, " ", text)
    return text


def value_for(rng: random.Random, option: str) -> str:
    """An option value: usually one that is allowed, otherwise hostile text (one line)."""
    good = GOOD.get(option)
    if good and rng.random() < 0.6:
        return str(rng.choice(good))
    return nasty(rng, single_line=True)


def meta_value(rng: random.Random, key: str) -> Any:
    good = GOOD_META.get(key)
    roll = rng.random()
    if good and roll < 0.55:
        return rng.choice(good)
    if roll < 0.7:
        return [nasty(rng) for _ in range(rng.randint(0, 3))]
    if roll < 0.75:
        return {"nested": nasty(rng)}
    if roll < 0.8:
        return rng.choice([None, 0, 3.5, True, -1])
    return nasty(rng)


# -- documents ----------------------------------------------------------------------


def yaml_value(value: Any) -> str:
    """``value`` as one-line YAML that reads back as ``value`` (control characters escaped)."""
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10**9)
    if any(unicodedata.category(c) == "Cc" and c != "\n" for c in text):
        # PyYAML writes some (U+0085) as they are: all non-ASCII as escapes then
        text = yaml.safe_dump(value, default_flow_style=True, width=10**9)
    text = text.strip()
    if text.endswith("\n..."):
        text = text[: -len("\n...")].strip()
    return text.replace("\n", " ")


def front_matter(rng: random.Random, keys: tuple[str, ...], *, dated: bool) -> str:
    lines = []
    chosen = [key for key in keys if rng.random() < 0.6]
    if dated and "date" not in chosen:
        chosen.insert(0, "date")
    if rng.random() < 0.15:
        chosen.append(rng.choice(["colour", "tag", "Date", nasty(rng, single_line=True)]))
    for key in chosen:
        value = meta_value(rng, key)
        if key == "date" and dated and rng.random() < 0.8:
            value = rng.choice(GOOD_META["date"])
        raw = yaml_value(value)
        if rng.random() < 0.1 and isinstance(value, str) and value.isprintable():
            raw = value  # as an author would type it, unquoted
        written = key if key.isprintable() and rng.random() > 0.9 else yaml_value(key)
        lines.append(f"{written}: {raw}")
    return "---\n" + "\n".join(lines) + "\n---\n"


def reaction_rows(rng: random.Random) -> list[dict[str, Any]]:
    fields = ("actor", "stance", "summary", "basis", "source", "date")
    good = {
        "actor": ("United States", "DPRK", "Iran"),
        "stance": ("support", "condemn", "no-comment", "neutral"),
        "summary": ("Says so.",),
        "basis": ("stated", "expected", "reported"),
        "source": ("https://example.org/s", "javascript:alert(1)"),
        "date": ("2025-06-21",),
    }
    rows = []
    for _ in range(rng.randint(0, 4)):
        row: dict[str, Any] = {}
        for field in fields:
            if rng.random() < 0.8:
                row[field] = (
                    rng.choice(good[field]) if rng.random() < 0.6 else meta_value(rng, field)
                )
        rows.append(row)
    return rows


def body_for(rng: random.Random, name: str) -> str:
    """The content of a directive: what it expects, or something else."""
    roll = rng.random()
    if name == "reactions" and roll < 0.7:
        rows = reaction_rows(rng)
        if rng.random() < 0.5:
            return yaml.safe_dump(rows, allow_unicode=True, sort_keys=False)
        return json.dumps(rows, ensure_ascii=False)
    if name == "questions" and roll < 0.7:
        items = []
        for _ in range(rng.randint(0, 4)):
            text = rng.choice(["Will it happen?", "Who pays?", nasty(rng, single_line=True)])
            if rng.random() < 0.4:
                text += (
                    " {#"
                    + rng.choice(["materialise", "x", "a.b", nasty(rng, single_line=True)])
                    + "}"
                )
            items.append(f"- {text}")
        return "\n".join(items)
    if roll < 0.3:
        return ""
    if roll < 0.5:
        return f"{nasty(rng)} {role_use(rng)}"
    if roll < 0.6:
        return yaml.safe_dump(reaction_rows(rng), allow_unicode=True)
    return nasty(rng)


def role_use(rng: random.Random, roles: tuple[str, ...] | None = None) -> str:
    name = rng.choice(roles or registered()[1])
    good = {
        "claim": ("It happened <unconfirmed>", "It did <reported, id=nk:pledge>", "No label"),
        "tag": ("North Korea", "News"),
        "question": ("nk:materialise", "q:who-pays", "nope:none"),
    }.get(name, ("x",))
    text = rng.choice(good) if rng.random() < 0.5 else nasty(rng, single_line=True)
    text = text.replace("`", "'")
    return f"{{{name}}}`{text}`"


def directive_md(rng: random.Random, name: str, spec: dict[str, Any], depth: int = 0) -> str:
    fence = ":" * (3 + 50 - depth) if depth else ":::"
    argument = ""
    if spec["argument"] and rng.random() < 0.8:
        argument = " " + (
            rng.choice(["2025-06-23", "nk:materialise", "News, Iran", "A title"])
            if rng.random() < 0.5
            else nasty(rng, single_line=True)
        )
    options = [
        f":{option}: {value_for(rng, option)}" for option in spec["options"] if rng.random() < 0.5
    ]
    if rng.random() < 0.1:
        options.append(f":{nasty(rng, single_line=True)}: x")
    body = body_for(rng, name) if spec["content"] or rng.random() < 0.2 else ""
    return "\n".join([f"{fence}{{{name}}}{argument}", *options, body, fence]) + "\n"


def directive_rst(rng: random.Random, name: str, spec: dict[str, Any]) -> str:
    argument = ""
    if spec["argument"] and rng.random() < 0.8:
        argument = " " + (
            rng.choice(["2025-06-23", "nk:materialise", "A title"])
            if rng.random() < 0.5
            else nasty(rng, single_line=True)
        )
    options = [
        f"   :{option}: {value_for(rng, option)}"
        for option in spec["options"]
        if rng.random() < 0.5
    ]
    body = body_for(rng, name) if spec["content"] else ""
    indented = "\n".join("   " + line if line else "" for line in body.splitlines())
    return "\n".join([f".. {name}::{argument}", *options, "", indented, ""]) + "\n"


def rst_docinfo(rng: random.Random, keys: tuple[str, ...]) -> str:
    lines = []
    for key in keys:
        if rng.random() < 0.5:
            value = meta_value(rng, key)
            text = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
            text = re.sub(_BREAKS, " ", text)
            lines.append(f":{key}: {text}")
    if not any(line.startswith(":date:") for line in lines):
        lines.insert(0, ":date: 2025-06-22")
    return "\n".join(lines) + "\n\n"


def article(rng: random.Random, index: int, *, rst: bool = False) -> str:
    directives_, roles, keys = registered()
    names = sorted(directives_)
    chosen = rng.sample(names, k=min(len(names), rng.randint(2, 6)))
    if rst:
        parts = [rst_docinfo(rng, keys), f"Article {index}\n==========\n"]
        parts += [directive_rst(rng, name, directives_[name]) for name in chosen]
        parts.append(f"Text {role_use(rng, roles).replace('{', ':').replace('}', ':', 1)}\n")
        return "\n".join(parts)
    parts = [front_matter(rng, keys, dated=rng.random() < 0.9)]
    if rng.random() < 0.7:
        parts.append(f"# {nasty(rng, single_line=True) or 'Heading'}\n")
    parts.append(f"A lede with {role_use(rng, roles)} and {role_use(rng, roles)}.\n")
    for name in chosen:
        parts.append(directive_md(rng, name, directives_[name]))
        if rng.random() < 0.3:
            parts.append(f"- {role_use(rng, roles)}\n")
    return "\n".join(parts)


CONF = """\
extensions = ["sphinx_newsbrief"]
myst_enable_extensions = ["colon_fence", "deflist"]
project = "Fuzz"
author = "Fuzz"
exclude_patterns = ["_build"]
show_warning_types = True
newsbrief_site_url = "https://news.example.org/"
newsbrief_pdf = {"briefs": True, "editions": True}
newsbrief_tag_aliases = {"DPRK": "North Korea"}
"""


def data_files(rng: random.Random) -> dict[str, str]:
    rows = reaction_rows(rng)
    fields = ["actor", "stance", "summary", "basis", "source", "date"]
    csv_lines = [",".join(fields)]
    for row in rows:
        cells = [json.dumps(str(row.get(field, "")), ensure_ascii=False) for field in fields]
        csv_lines.append(",".join(cells))
    return {
        "data/r.csv": "\n".join(csv_lines) + "\n",
        "data/r.yaml": yaml.safe_dump(rows, allow_unicode=True),
        "data/r.txt": nasty(rng),
    }


def project(
    rng: random.Random, *, articles: tuple[int, int] = (2, 4), every: bool = True
) -> dict[str, str]:
    """A project: ``conf.py``, an index with listings, a few articles (one rST sometimes).

    With ``every``, each directive and role of the extension appears at least once.
    """
    files = {"conf.py": CONF}
    directives_, _roles, _keys = registered()
    index = ["# Index\n"]
    aggregates = ("briefs", "uncertaintylist", "questionlist", "reactionmatrix", "tagindex")
    index += [
        directive_md(rng, name, directives_[name])
        for name in aggregates
        if name in directives_ and rng.random() < 0.6
    ]
    files["index.md"] = "\n".join(index)
    for i in range(rng.randint(*articles)):
        rst = rng.random() < 0.2
        files[f"a{i}.{'rst' if rst else 'md'}"] = article(rng, i, rst=rst)
    if every:
        # what no article used yet, in one more article: every example covers everything
        text = "\n".join(files.values())
        unused = [
            name
            for name in sorted(directives_)
            if f"{{{name}}}" not in text and f".. {name}::" not in text
        ]
        parts = [front_matter(rng, _keys, dated=True), "# Everything else\n"]
        parts += [f"Roles: {role_use(rng, (name,))}\n" for name in _roles]
        parts += [directive_md(rng, name, directives_[name]) for name in unused]
        files["rest.md"] = "\n".join(parts)
    files.update(data_files(rng))
    return files


def write_project(files: dict[str, str], root: Path) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        # lone surrogates cannot be encoded: they become U+FFFD as an editor would save them
        path.write_text(text, encoding="utf-8", errors="replace")
    return root


# -- checking the result ------------------------------------------------------------

#: Sphinx's own warnings without a line, about the project, not our code:
#: a document outside every toctree; a directive name with a colon whose prefix is
#: no domain (Sphinx's lookup warns with no location at all, and MyST-Parser then
#: gives the located ``myst.directive_unknown``: found by bench/fuzz.py, seed 81380,
#: a code fence ``{#[x](javascript:alert(1))}``, the same without the extension).
SPHINX_WITHOUT_LINE = ("[toc.not_included]", "WARNING: unknown directive name: ")

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_LOCATED = re.compile(r"^(?P<file>[^\s].*?):(?P<line>\d+): (?:WARNING|ERROR|CRITICAL)")


def problems(warning_text: str) -> list[str]:
    """Warnings that break the rules: a newsbrief warning, or any warning, without file:line.

    Sphinx writes ``path:line: WARNING: ... [type.subtype]``. A warning without a
    line, at line 0, or with no location at all is reported, as is a traceback.
    """
    found = []
    for line in _ANSI.sub("", warning_text).splitlines():
        if "Traceback" in line or "Exception occurred" in line:
            found.append(line)
            continue
        if not re.search(r"\b(WARNING|ERROR|CRITICAL)\b", line):
            continue
        if any(kind in line for kind in SPHINX_WITHOUT_LINE):
            continue
        match = _LOCATED.match(line)
        if match is None or match["line"] == "0":
            found.append(line)
    return found
