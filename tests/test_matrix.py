"""Correctness matrix: incremental, clean and parallel builds write the same site.

A small news site (feeds on, authors, tags, questions and answers, claims
re-assessed across articles, reactions read from a CSV file, a draft, the
sidebar's "News" block) is built clean once per variant (:data:`VARIANTS`:
``html``; ``dirhtml``; ``html`` with full-content feeds; the same with the
first and the incremental build at ``-j 2``). For each change of
:data:`CHANGES` (:data:`MATRIX` says which run in which variant) the built
project is restored, changed and built again incrementally; the changed
project is also built clean in a fresh folder and clean with parallel reads
(``-j 2``, which also writes in parallel). The three output folders must hold
the same files with the same bytes: every HTML page (head and sidebar
included, not only the main content), every Atom feed, ``objects.inv``,
``searchindex.js``, ``_sources/``, ``_static/``, ``.buildinfo``. Each change
must also show in the output (:data:`EXPECT`), so that none proves nothing.

What is normalised, and why (nothing else is):

- ``searchindex.js`` is compared as data, with every list of document numbers
  sorted: Sphinx's incremental build loads the previous index and appends the
  documents it read again, so the numbers of documents under a term come in
  another order than in a clean build (Sphinx's own behaviour, not this
  extension's; the terms, titles and documents themselves must be equal),
  and terms with an empty list of documents are left out: when documents
  are pruned from the loaded index, Sphinx keeps their terms with no
  document (``IndexBuilder.prune``), a clean build has no such term.
- The search index's ``indexentries`` (terms of ``index`` directives and
  nodes, such as the tags' index entries) between the incremental and the
  clean build only: Sphinx does not load them back from the previous
  ``searchindex.js`` (``IndexBuilder.load`` restores titles and terms only), so
  after an incremental build they hold only the documents written in that
  build, for any project. Parallel and clean builds are compared with them.
- Outputs that Sphinx leaves behind for a *source document* that no longer
  exists (``<doc>.html``, ``<doc>/index.html`` with ``dirhtml``, and
  ``_sources/<doc>.<suffix>.txt`` after a delete or
  a move): Sphinx never removes those, for any project, so the incremental
  folder may hold them in addition. Pages and feeds the *extension* generates
  are not excused: a tag removed from its last article must take its page
  and its feed with it.
- ``.doctrees``/the environment are not output and are not compared.

The output folder's path never appears in the output (it differs between the
three builds and would show as a difference), so it needs no normalising;
asset ``?v=`` hashes are checksums of the files' contents and build dates come
from nothing the extension writes, so they need none either.

Then: the first published article added, published, or the last one deleted
or unpublished, and a ``feed.xml`` of the project's own shipped or removed,
each compared in the same way (the links to the site's feed in every page's
head and the sidebar's "News" block change on pages that show no article).

Reproducible builds, at the end: two clean builds with ``SOURCE_DATE_EPOCH``
set, in separate processes with different ``PYTHONHASHSEED`` values (so set
order differs), from sources and into output and doctree folders at different
paths, write the same bytes (the site as html, dirhtml, html with
full-content feeds at ``-j 2``, and latex: the briefs' and editions' ``.tex``;
the demo as html, serial against ``-j 2``, and latex). Nothing is normalised
there. Compiled PDFs are not compared.
"""

from __future__ import annotations

import difflib
import json
import re
import shutil
import sys
from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
import sphinx

CONF = """\
extensions = ["sphinx_newsbrief"]
project = "Matrix Desk"
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence"]
newsbrief_site_url = "https://news.example.org/"
newsbrief_authors = {"desk": {"name": "Desk Analyst", "bio": "Covers the region."}}
html_sidebars = {"**": ["newsbrief/sidebar-nav.html", "relations.html", "searchbox.html"]}
"""

INDEX = """\
# Front page

```{briefs}
```

## Open questions

```{questionlist}
```

```{toctree}
:hidden:

register
```
"""

REGISTER = """\
# Register

```{uncertaintylist}
:article: all
```

```{reactionmatrix}
```
"""

LEAD = """\
---
date: 2025-06-21
tags: [News, Iran]
authors: [desk]
summary: A pledge of support is reported.
---
# Pledge reported

The pledge was reported on social media and not confirmed by either side.

:::{uncertainty} The pledge
:id: nk-iran:pledge
:status: unconfirmed
:likelihood: roughly-even
:confidence: low
Nobody has confirmed it.
:::

:::{reactions} Reactions
:file: data/reactions.csv
:::

:::{questions} What's next
:id-prefix: nk-iran
- Will the support materialise? {#materialise}
- Could this derail diplomacy? {#diplomacy}
:::
"""

FOLLOW = """\
---
date: 2025-06-24
tags: [News, North Korea]
---
# Pledge denied

The pledge is {claim}`now denied <denied, unlikely, id=nk-iran:pledge>` by both sides.
See {question}`nk-iran:materialise`.

:::{answer} nk-iran:materialise
:status: partly
No delivery has been seen so far.
:::
"""

SANCTIONS = """\
---
date: 2025-07-02
tags: [Sanctions]
summary: New measures are announced.
---
# Sanctions announced

The new measures target shipping.
"""

DRAFT = """\
---
date: 2025-06-28
tags: [News, Iran]
draft: true
summary: Not yet.
---
# Draft analysis

Work in progress.
"""

CSV = """\
actor,stance,basis,summary,date
United States,condemn,stated,Condemned the pledge.,2025-06-22
Russia,no-comment,,Declined to comment.,
"""

SITE = {
    "conf.py": CONF,
    "index.md": INDEX,
    "register.md": REGISTER,
    "lead.md": LEAD,
    "follow.md": FOLLOW,
    "sanctions.md": SANCTIONS,
    "draft.md": DRAFT,
    "data/reactions.csv": CSV,
}


def write_site(src: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = src / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return src


# -- building ----------------------------------------------------------------------------


def sphinx_build(
    src: Path, builddir: Path | None = None, buildername: str = "html", **kwargs: Any
) -> Path:
    """Build ``src`` (HTML) and return the output folder.

    Module-scoped fixtures cannot use ``make_app``, so this does what it does:
    a fresh app, the output captured, ``sys.path`` and Sphinx's shared
    ``source_suffix`` default restored afterwards.
    """
    from sphinx.config import Config
    from sphinx.testing.util import SphinxTestApp

    default = Config.config_values["source_suffix"].default
    saved_suffixes, saved_path = dict(default), sys.path.copy()
    app = SphinxTestApp(
        buildername, srcdir=src, builddir=builddir, status=StringIO(), warning=StringIO(), **kwargs
    )
    try:
        app.build()
        warnings = app.warning.getvalue()  # type: ignore[attr-defined]
        assert "Traceback" not in warnings, warnings
        return Path(app.outdir)
    finally:
        app.cleanup()
        sys.path[:] = saved_path
        default.clear()
        default.update(saved_suffixes)


def bump(path: Path) -> None:
    """Move a file's mtime forward so that Sphinx sees it as changed."""
    import os

    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))


# -- comparing ---------------------------------------------------------------------------


def _sorted_lists(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _sorted_lists(v) for k, v in value.items()}
    if isinstance(value, list):
        items = [_sorted_lists(v) for v in value]
        if all(isinstance(v, int) for v in items):
            return sorted(items)
        return items
    return value


def _search_index(data: bytes) -> bytes:
    """``searchindex.js`` with every list of document numbers sorted (see the module doc)."""
    text = data.decode("utf-8")
    match = re.fullmatch(r"(?s)(Search\.setIndex\()(.*)(\))\s*", text)
    assert match, text[:200]
    index = _sorted_lists(json.loads(match.group(2)))
    for key in ("terms", "titleterms"):
        index[key] = {term: docs for term, docs in index[key].items() if docs != []}
    return json.dumps(index, sort_keys=True, indent=1).encode("utf-8")


def tree(outdir: Path) -> dict[str, bytes]:
    """Every file of an output folder, by path, normalised as the module doc says."""
    files = {}
    for path in sorted(Path(outdir).rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(outdir).as_posix()
        data = path.read_bytes()
        if rel == "searchindex.js":
            data = _search_index(data)
        files[rel] = data
    return files


def left_by_sphinx(removed_docs: set[str]) -> Callable[[str], bool]:
    """Whether an output path is one Sphinx leaves behind for a removed source document."""

    def check(rel: str) -> bool:
        if rel.startswith("_sources/"):
            stem = rel.removeprefix("_sources/").removesuffix(".txt")
            return any(stem.startswith(f"{doc}.") for doc in removed_docs)
        # html: <doc>.html; dirhtml: <doc>/index.html
        return rel.removesuffix(".html") in removed_docs or rel.removesuffix("/index.html") in (
            removed_docs
        )

    return check


def differences(left: dict[str, bytes], right: dict[str, bytes], names: str) -> list[str]:
    """What differs between two trees, readable (a short diff per file)."""
    out = [f"{names}: only in the first: {rel}" for rel in sorted(left.keys() - right.keys())]
    out += [f"{names}: only in the second: {rel}" for rel in sorted(right.keys() - left.keys())]
    for rel in sorted(left.keys() & right.keys()):
        if left[rel] == right[rel]:
            continue
        try:
            a = left[rel].decode("utf-8").splitlines()
            b = right[rel].decode("utf-8").splitlines()
        except UnicodeDecodeError:
            out.append(f"{names}: {rel} differs (binary)")
            continue
        diff = list(difflib.unified_diff(a, b, "first", "second", n=1, lineterm=""))
        out.append(f"{names}: {rel}\n" + "\n".join(diff[:40]))
    return out


def _without_index_entries(files: dict[str, bytes]) -> dict[str, bytes]:
    """``files`` with the search index's ``indexentries`` left out (see the module doc)."""
    index = json.loads(files["searchindex.js"])
    index.pop("indexentries", None)
    return {**files, "searchindex.js": json.dumps(index, sort_keys=True, indent=1).encode()}


def assert_same(
    incremental: Path, clean: Path, parallel: Path, removed: set[str] = frozenset()
) -> None:
    inc, cln, par = tree(incremental), tree(clean), tree(parallel)
    leftover = left_by_sphinx(set(removed))
    inc = {rel: data for rel, data in inc.items() if rel in cln or not leftover(rel)}
    problems = differences(par, cln, "parallel/clean") + differences(
        _without_index_entries(inc), _without_index_entries(cln), "incremental/clean"
    )
    assert not problems, "\n\n".join(problems)


# -- the changes -------------------------------------------------------------------------


def _edit(name: str, old: str, new: str) -> Callable[[Path], set[str]]:
    def apply(src: Path) -> set[str]:
        path = src / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        bump(path)
        return set()

    return apply


def _add(name: str, text: str) -> Callable[[Path], set[str]]:
    def apply(src: Path) -> set[str]:
        write_site(src, {name: text})
        return set()

    return apply


def _delete(name: str) -> Callable[[Path], set[str]]:
    def apply(src: Path) -> set[str]:
        (src / name).unlink()
        return {name.rsplit(".", 1)[0]}

    return apply


def _move(name: str, to: str) -> Callable[[Path], set[str]]:
    def apply(src: Path) -> set[str]:
        (src / to).parent.mkdir(parents=True, exist_ok=True)
        (src / name).rename(src / to)
        return {name.rsplit(".", 1)[0]}

    return apply


NEW_ARTICLE = """\
---
date: 2025-06-26
tags: [Iran, Diplomacy]
authors: [desk]
---
# Talks resume

Talks resumed, a {claim}`first step <reported, likely, id=talks:resume>`.

:::{answer} nk-iran:diplomacy
:status: answered
Diplomacy goes on.
:::
"""

ANSWER = """
:::{answer} nk-iran:diplomacy
:status: superseded
The measures changed the question.
:::
"""

EARLY = """\
---
date: 2025-06-22
tags: [IRAN, news]
authors: [Guest Writer]
---
# An early note

Spelt otherwise.
"""

CORRECTION = """
:::{correction} 2025-06-25
An earlier version gave the wrong date.
:::
"""

CHANGES: dict[str, Callable[[Path], set[str]]] = {
    "body-edit": _edit("follow.md", "by both sides.", "by both sides, and by a third."),
    "title-edit": _edit("lead.md", "# Pledge reported", "# Pledge of support reported"),
    # the newest article becomes the oldest (new neighbours, edition, month)
    "date-reorders": _edit("sanctions.md", "date: 2025-07-02", "date: 2025-06-02"),
    "tag-add": _edit("follow.md", "tags: [News, North Korea]", "tags: [News, North Korea, Talks]"),
    # Sanctions was sanctions.md's only tag and no other article has it: its page and feed go
    "tag-remove": _edit("sanctions.md", "tags: [Sanctions]", "tags: []"),
    "tag-rename": _edit("lead.md", "tags: [News, Iran]", "tags: [News, Tehran]"),
    "answer-add": _edit("sanctions.md", "target shipping.\n", "target shipping.\n" + ANSWER),
    "answer-remove": _edit("follow.md", ":::{answer} nk-iran:materialise", ":::{note}"),
    "article-add": _add("talks.md", NEW_ARTICLE),
    # a document read first in a clean build, last in the incremental one, spells the tags
    # otherwise and names an author who is not in newsbrief_authors
    "article-add-spelling": _add("a-early.md", EARLY),
    "updated-add": _edit(
        "lead.md", "date: 2025-06-21\n", "date: 2025-06-21\nupdated: 2025-06-30\n"
    ),
    "edition-set": _edit("lead.md", "date: 2025-06-21\n", "date: 2025-06-21\nedition: Special\n"),
    "author-add": _edit("sanctions.md", "tags: [Sanctions]", "tags: [Sanctions]\nauthors: [desk]"),
    "correction-add": _edit("follow.md", "by both sides.\n", "by both sides.\n" + CORRECTION),
    # the re-assessment goes: the lead's box shows its own status again
    "claim-remove": _edit(
        "follow.md", "{claim}`now denied <denied, unlikely, id=nk-iran:pledge>`", "now denied"
    ),
    # the answered question goes (the answer then names no question)
    "question-remove": _edit("lead.md", "- Will the support materialise? {#materialise}\n", ""),
    "article-delete": _delete("sanctions.md"),
    "article-move": _move("follow.md", "briefs/follow.md"),
    "draft-toggle": _edit("draft.md", "draft: true", "draft: false"),
    "csv-edit": _edit("data/reactions.csv", "Russia,no-comment", "Russia,concern"),
    "conf-date-format": _edit(
        "conf.py", "project =", 'newsbrief_date_format = "%d/%m/%Y"\nproject ='
    ),
    "conf-excerpt-words": _edit("conf.py", "project =", "newsbrief_excerpt_words = 4\nproject ="),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Callable[[str], tuple[Path, Path]]:
    """The site built once per builder: (the folder to build in, a pristine copy of it
    after the build).

    Each test restores the folder from the copy (``copytree`` keeps the files'
    times, and the path stays the same, so Sphinx sees the build as its own).
    """
    done: dict[str, tuple[Path, Path]] = {}

    def get(variant: str) -> tuple[Path, Path]:
        if variant not in done:
            builder, conf, jobs = VARIANTS[variant]
            root = tmp_path_factory.mktemp(f"matrix-{variant}")
            work = write_site(root / "work", {**SITE, "conf.py": CONF + conf})
            sphinx_build(work, buildername=builder, parallel=jobs)
            pristine = root / "pristine"
            shutil.copytree(work, pristine)
            done[variant] = (work, pristine)
        return done[variant]

    return get


#: Each variant of the site: (builder, lines added to ``conf.py``, jobs of the first and
#: the incremental build).
VARIANTS = {
    "html": ("html", "", 0),
    "dirhtml": ("dirhtml", "", 0),
    "full-feeds": ("html", 'newsbrief_feed_content = "full"\n', 0),
    "j2-incremental": ("html", 'newsbrief_feed_content = "full"\n', 2),
}
#: The changes each variant runs (``html``: all of them). ``dirhtml`` has a folder per
#: page (stale folders must go too); full-content feeds hold the bodies of the articles,
#: which pages hand over when they are written (in worker processes with ``-j 2``).
MATRIX = [("html", change) for change in CHANGES] + [
    *(("dirhtml", c) for c in ("title-edit", "tag-remove", "article-delete", "article-move")),
    *(("full-feeds", c) for c in ("body-edit", "csv-edit", "article-move", "draft-toggle")),
    *(("j2-incremental", c) for c in ("body-edit", "tag-rename", "answer-add", "article-delete")),
]


@pytest.fixture
def parallel_reads(monkeypatch) -> list[int]:
    """The number of documents each parallel read was given (as in test_collector)."""
    from sphinx.builders import Builder

    calls: list[int] = []
    original = Builder._read_parallel

    def spy(self: Any, docnames: list[str], nproc: int) -> None:
        calls.append(len(docnames))
        original(self, docnames, nproc)

    monkeypatch.setattr(Builder, "_read_parallel", spy)
    return calls


@pytest.mark.parametrize(("variant", "change"), MATRIX)
def test_incremental_clean_and_parallel_builds_are_identical(
    built, tmp_path, parallel_reads, variant, change
):
    builder, _conf, jobs = VARIANTS[variant]
    work, pristine = built(variant)
    shutil.rmtree(work)
    shutil.copytree(pristine, work)
    removed = CHANGES[change](work)
    incremental = sphinx_build(work, buildername=builder, parallel=jobs)
    parallel_reads.clear()  # (Sphinx reads few documents serially)
    clean_src = shutil.copytree(work, tmp_path / "clean", ignore=shutil.ignore_patterns("_build"))
    par_src = shutil.copytree(work, tmp_path / "par", ignore=shutil.ignore_patterns("_build"))
    clean = sphinx_build(clean_src, freshenv=True, buildername=builder)
    assert parallel_reads == []
    parallel = sphinx_build(par_src, freshenv=True, parallel=2, buildername=builder)
    # Sphinx before 8 reads five documents or fewer serially (the site after a delete)
    assert parallel_reads or sphinx.version_info < (8,), "the -j 2 build read in parallel"
    assert_same(incremental, clean, parallel, removed)
    # the change showed in the output (a change that changed nothing would prove nothing)
    after = tree(clean)
    assert after != tree(pristine / "_build" / builder)
    if variant == "html":
        assert EXPECT.get(change, lambda _tree: True)(after)
    if "full" in VARIANTS[variant][1]:
        assert b"<content" in after["feed.xml"]
        assert change != "body-edit" or b"by a third" in after["feed.xml"]


#: What the clean build of each change must show: the change took effect.
EXPECT: dict[str, Callable[[dict[str, bytes]], bool]] = {
    "body-edit": lambda t: b"by a third" in t["follow.html"],
    "title-edit": lambda t: b"Pledge of support reported" in t["index.html"],
    "tag-add": lambda t: "tags/talks.html" in t and "tags/talks.xml" in t,
    "tag-remove": lambda t: "tags/sanctions.html" not in t and "tags/sanctions.xml" not in t,
    "tag-rename": lambda t: "tags/tehran.xml" in t and "tags/iran.xml" not in t,
    "answer-add": lambda t: b"The measures changed the question" in t["sanctions.html"],
    "article-add": lambda t: "tags/diplomacy.xml" in t and b"Talks resume" in t["feed.xml"],
    "article-delete": lambda t: "sanctions.html" not in t and "tags/sanctions.xml" not in t,
    "article-move": lambda t: "briefs/follow.html" in t and "follow.html" not in t,
    "draft-toggle": lambda t: b"Draft analysis" in t["feed.xml"],
    "article-add-spelling": lambda t: "authors/guest-writer.xml" in t,
    "updated-add": lambda t: b"2025-06-30T00:00:00Z" in t["feed.xml"],
    "edition-set": lambda t: "editions/special.html" in t,
    "author-add": lambda t: b"Sanctions announced" in t["authors/desk.xml"],
    "correction-add": lambda t: "corrections.xml" in t and "corrections/index.html" in t,
    "claim-remove": lambda t: b"Denied; Unlikely" not in t["lead.html"],
    "conf-date-format": lambda t: b"24/06/2025" in t["follow.html"],
    "conf-excerpt-words": lambda t: b"by both sides" not in t["feed.xml"],
    "csv-edit": lambda t: b"Concern" in t["lead.html"] or b"concern" in t["lead.html"],
}


# -- the site has a published article, or not (issue item 16) ---------------------------

ONLY = """\
---
date: 2025-06-21
tags: [News]
---
# The only article

Its body.
"""

LONE_SITE = {
    "conf.py": CONF,
    "index.md": "# Home\n\nNo listing here.\n",
    "about.md": "# About\n\nUs.\n",
}


@pytest.mark.parametrize(
    ("start", "change"),
    [
        pytest.param({"only.md": ONLY}, _delete("only.md"), id="delete-the-only"),
        pytest.param({}, _add("only.md", ONLY), id="add-the-first"),
        pytest.param(
            {"only.md": ONLY.replace("tags:", "draft: true\ntags:")},
            _edit("only.md", "draft: true", "draft: false"),
            id="publish-the-first",
        ),
        pytest.param(
            {"only.md": ONLY},
            _edit("only.md", "date: 2025-06-21", "date: 2025-06-21\ndraft: true"),
            id="unpublish-the-only",
        ),
    ],
)
def test_first_and_last_published_article(tmp_path, start, change):
    """Pages that show nothing of the articles still link the feed and the "News" block
    only while the site has a published article: unchanged pages are rewritten when that
    fact changes."""
    work = write_site(tmp_path / "work", {**LONE_SITE, **start})
    sphinx_build(work)
    before = (work / "_build" / "html" / "about.html").read_text(encoding="utf-8")
    removed = change(work)
    incremental = sphinx_build(work)
    clean_src = shutil.copytree(work, tmp_path / "clean", ignore=shutil.ignore_patterns("_build"))
    clean = sphinx_build(clean_src, freshenv=True)
    par_src = shutil.copytree(work, tmp_path / "par", ignore=shutil.ignore_patterns("_build"))
    parallel = sphinx_build(par_src, freshenv=True, parallel=2)
    assert_same(incremental, clean, parallel, removed)
    after = (clean / "about.html").read_text(encoding="utf-8")
    for marker in ('rel="alternate" type="application/atom+xml"', "nb-sidebar-nav"):
        assert (marker in before) != (marker in after), marker


@pytest.mark.parametrize("present", [False, True], ids=["ship", "unship"])
def test_project_ships_its_own_feed(tmp_path, present):
    """A ``feed.xml`` of the project's ``html_extra_path`` added (or removed) without
    any other change: the pages stop (or start) linking the extension's feed, as a
    clean build does."""
    conf = CONF + 'html_extra_path = ["extra"]\n'
    work = write_site(tmp_path / "work", {**LONE_SITE, "conf.py": conf, "only.md": ONLY})
    (work / "extra").mkdir()
    own = work / "extra" / "feed.xml"
    if present:
        own.write_text("<feed/>\n", encoding="utf-8")
    sphinx_build(work)
    if present:
        own.unlink()
    else:
        own.write_text("<feed/>\n", encoding="utf-8")
    incremental = sphinx_build(work)
    clean_src = shutil.copytree(work, tmp_path / "clean", ignore=shutil.ignore_patterns("_build"))
    clean = sphinx_build(clean_src, freshenv=True)
    par_src = shutil.copytree(work, tmp_path / "par", ignore=shutil.ignore_patterns("_build"))
    parallel = sphinx_build(par_src, freshenv=True, parallel=2)
    assert_same(incremental, clean, parallel)


# -- reproducible builds -----------------------------------------------------------------

REPRODUCIBLE_CONF = CONF + 'newsbrief_pdf = {"briefs": True, "editions": True}\n'


def sphinx_process(src: Path, builddir: Path, builder: str, seed: str, *options: str) -> Path:
    """Build ``src`` in a process of its own with ``PYTHONHASHSEED=seed``.

    Another hash seed iterates sets of strings in another order: output that
    depends on that order differs between the two processes.
    """
    import os
    import subprocess

    import sphinx_newsbrief

    package_root = Path(sphinx_newsbrief.__file__).resolve().parents[1]
    env = {
        **os.environ,
        "PYTHONHASHSEED": seed,
        "SOURCE_DATE_EPOCH": "1751500000",  # 2025-07-03
        "PYTHONPATH": os.pathsep.join([str(package_root), os.environ.get("PYTHONPATH", "")]),
    }
    outdir = builddir / builder
    command = [sys.executable, "-m", "sphinx", "-q", "-E", "-b", builder, *options]
    command += ["-d", str(builddir / "doctrees"), str(src), str(outdir)]
    run = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "Traceback" not in run.stderr, run.stderr[-3000:]
    return outdir


@pytest.mark.parametrize(
    ("builder", "options"),
    [
        ("html", ()),
        ("html", ("-D", "newsbrief_feed_content=full", "-j", "2")),
        ("dirhtml", ()),
        ("latex", ()),
    ],
    ids=["html", "html-full-feeds-j2", "dirhtml", "latex"],
)
def test_reproducible(tmp_path, builder, options):
    """Two clean builds with ``SOURCE_DATE_EPOCH`` set, in processes with different
    hash seeds, from sources and into output and doctree folders at different paths,
    write the same files byte for byte: pages, feeds (``<updated>``), JSON-LD dates,
    the search index, the LaTeX sources of the briefs and editions. Nothing is
    normalised."""
    site = {**SITE, "conf.py": REPRODUCIBLE_CONF}
    trees = []
    for src, builddir, seed in (
        (tmp_path / "one" / "site", tmp_path / "one" / "site" / "_build", "1"),
        (tmp_path / "second" / "elsewhere", tmp_path / "out" / "b", "2"),
    ):
        write_site(src, site)
        outdir = sphinx_process(src, builddir, builder, seed, *options)
        trees.append({rel: path.read_bytes() for rel, path in _files(outdir)})
    problems = differences(trees[0], trees[1], "first/second")
    assert not problems, "\n\n".join(problems)
    if builder == "latex":
        assert any(rel.endswith(".tex") and "follow" in rel for rel in trees[0])
    else:
        assert b"2025-07-02T00:00:00Z" in trees[0]["feed.xml"]


def _files(outdir: Path) -> list[tuple[str, Path]]:
    return [(p.relative_to(outdir).as_posix(), p) for p in sorted(outdir.rglob("*")) if p.is_file()]


@pytest.mark.parametrize("builder", ["html", "latex"])
def test_demo_reproducible(tmp_path, builder):
    """The demo site (full-content feeds, authors, corrections, comments, PDFs): two
    clean builds in different folders and processes with different hash seeds, the
    second with ``-j 2``, write the same bytes."""
    from helpers import copy_demo

    trees = []
    for number, options in enumerate(((), ("-j", "2"))):
        src = copy_demo(tmp_path / f"demo{number}" / "src")
        outdir = sphinx_process(src, tmp_path / f"out{number}", builder, str(number + 1), *options)
        trees.append({rel: path.read_bytes() for rel, path in _files(outdir)})
    problems = differences(trees[0], trees[1], "first/second")
    assert not problems, "\n\n".join(problems)
