"""``newsbrief import-ablog SRC DST``: copy an ABlog site and convert the copy."""

from __future__ import annotations

import argparse
import fnmatch
import os
import re
import shutil
from pathlib import Path
from typing import Any

from ..common import CommandError
from .confpy import convert_conf
from .directives import convert_myst_directives, convert_rst_directives
from .myst import code_lines, convert_myst
from .notebook import convert_notebook
from .refs import Labels, convert_refs
from .report import FILE_NAME, FileReport, Report, render
from .rst import PostResult, convert_rst, literal_lines
from .site import Conf, Site, read_conf, site_of

SOURCES = (".rst", ".md", ".ipynb")
#: Folders never copied: build output and version control.
NOT_COPIED = {"_build", "_website", "__pycache__", ".git", ".hg", ".svn", ".ipynb_checkpoints"}
_NOT_SOURCES = {"_static", "_templates", "node_modules"}
_RST_LABEL = re.compile(r"^[ \t]*\.\.[ \t]+_([^:`]+|`[^`]+`):[ \t]*$", re.M)
_MYST_LABEL = re.compile(r"^\(([^()\s]+)\)=[ \t]*$", re.M)


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "import-ablog",
        help="convert an ABlog site into a sphinx-newsbrief site",
        description="Copy the ABlog site SRC (the folder of its conf.py) into DST, which must "
        "not exist or be empty, and convert the copy: posts become articles, postlist "
        "becomes briefs, update gets an ISO date, references to ABlog's pages point at "
        "sphinx-newsbrief's, and conf.py loads sphinx_newsbrief instead of ablog. "
        f"What had no place to go is printed and written to DST/{FILE_NAME}.",
    )
    parser.add_argument("src", help="the ABlog site (the folder of its conf.py)")
    parser.add_argument("dst", help="where the converted copy goes (a new or empty folder)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    src, dst = Path(args.src), Path(args.dst)
    conf = _check(src, dst)
    report = import_site(src, dst, conf)
    text = render(report)
    (dst / FILE_NAME).write_text(text, encoding="utf-8")
    print(text, end="")
    print(f"\nReport written to {dst / FILE_NAME}")
    return 0


def _check(src: Path, dst: Path) -> Conf:
    if not src.is_dir():
        raise CommandError(f"{src}: no such folder")
    conf_py = src / "conf.py"
    if not conf_py.is_file():
        raise CommandError(f"{src} is not a Sphinx project (no conf.py)")
    if dst.exists() and (not dst.is_dir() or any(dst.iterdir())):
        raise CommandError(f"{dst} exists and is not an empty folder; not writing into it")
    if dst.resolve().is_relative_to(src.resolve()):
        raise CommandError(f"{dst} is inside {src}; choose a folder outside the site")
    text = conf_py.read_text(encoding="utf-8")
    try:
        conf = read_conf(text, str(conf_py))
    except SyntaxError as err:
        raise CommandError(f"{conf_py}:{err.lineno}: not valid Python ({err.msg})") from None
    if "ablog" not in str(conf.get("extensions", "")) and "ablog" not in text:
        raise CommandError(f"{src} is not an ABlog site ('ablog' is not in its conf.py)")
    return conf


def import_site(src: Path, dst: Path, conf: Conf) -> Report:
    """Copy ``src`` into ``dst`` and convert the copy; return the report."""
    report = Report(src, dst)

    def ignore(folder: str, names: list[str]) -> set[str]:
        skipped = {n for n in names if n in NOT_COPIED and Path(folder, n).is_dir()}
        base = Path(folder).relative_to(src)
        report.not_copied += sorted((base / n).as_posix() + "/" for n in skipped)
        return skipped

    shutil.copytree(src, dst, ignore=ignore, dirs_exist_ok=True)
    site = site_of(conf, dst)
    documents = _documents(dst, conf)
    texts, labels = _convert_posts(dst, documents, site, conf, report)
    for path, text in texts.items():
        _convert_rest(dst, path, text, site, labels, report)
    conf_text, report.conf = convert_conf((dst / "conf.py").read_text(encoding="utf-8"), conf, dst)
    (dst / "conf.py").write_text(conf_text, encoding="utf-8")
    return report


def _documents(root: Path, conf: Conf) -> list[str]:
    excluded = conf.get("exclude_patterns", [])
    patterns = [p for p in excluded if isinstance(p, str)] if isinstance(excluded, list) else []
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _NOT_SOURCES)
        for name in sorted(files):
            rel = Path(folder, name).relative_to(root).as_posix()
            if Path(name).suffix in SOURCES and not _excluded(rel, patterns):
                found.append(rel)
    return found


def _excluded(rel: str, patterns: list[str]) -> bool:
    return any(fnmatch.fnmatch(rel, p) or rel.startswith(p.rstrip("/") + "/") for p in patterns)


def _convert_posts(
    root: Path, documents: list[str], site: Site, conf: Conf, report: Report
) -> tuple[dict[str, str], Labels]:
    """Convert each document's post metadata; learn the site's labels on the way."""
    labels = Labels()
    authors = conf.get("blog_authors", {})
    labels.add_authors([*(authors if isinstance(authors, dict) else {}), *site.default_authors])
    texts = {}
    for path in documents:
        file = FileReport(path)
        report.files.append(file)
        try:
            text = (root / path).read_text(encoding="utf-8")
        except UnicodeDecodeError:
            file.notes.append("not UTF-8 text: left as it is")
            continue
        docname = path.rsplit(".", 1)[0]
        try:
            new, file.post = _convert_post(text, docname, Path(path).suffix, site)
        except ValueError as err:  # a notebook that is not JSON
            file.notes.append(f"not converted: {err}")
            continue
        texts[path] = new
        labels.defined |= {m.strip("`").lower() for m in _RST_LABEL.findall(text)}
        labels.defined |= {m.lower() for m in _MYST_LABEL.findall(text)}
        if file.post is not None:
            fields = file.post.converted.fields
            labels.add_tags(fields.get("tags", []))
            labels.add_authors(fields.get("authors", []))
            labels.add_post(docname)
    return texts, labels


def _convert_post(
    text: str, docname: str, suffix: str, site: Site
) -> tuple[str, PostResult | None]:
    if suffix == ".rst":
        return convert_rst(text, docname, site)
    if suffix == ".md":
        return convert_myst(text, docname, site)
    return convert_notebook(text, docname, site)


def _convert_rest(
    root: Path, path: str, text: str, site: Site, labels: Labels, report: Report
) -> None:
    """Convert ``postlist``, ``update`` and references; write the file if it changed."""
    file = next(f for f in report.files if f.path == path)
    suffix = Path(path).suffix
    if suffix in (".rst", ".md"):
        lines = text.splitlines()
        if suffix == ".rst":
            file.directives = convert_rst_directives(lines, site)
            skip = literal_lines(lines)
        else:
            file.directives = convert_myst_directives(lines, site)
            skip = code_lines(lines)
        text = "\n".join(lines) + ("\n" if text.endswith("\n") or lines else "")
        text, file.refs = convert_refs(text, labels, "rst" if suffix == ".rst" else "myst", skip)
    else:
        text, file.refs = convert_refs(text, labels, "ipynb")
    target = root / path
    if target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")
