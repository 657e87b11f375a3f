"""Benchmark sphinx-newsbrief against plain Sphinx + MyST on a generated news site.

For each variant (``plain`` first, then ``newsbrief``) this generates the same N
articles with ``bench/generate.py``, runs a full build from scratch, then edits the
body of one article and runs an incremental build. Each build is a fresh
``python -m sphinx`` child process; its wall time is measured with
``time.perf_counter`` and its peak RSS is the child's own, read with ``os.wait4``.

Usage::

    .venv/bin/python bench/run.py --n 1000            # what `make bench` runs
    .venv/bin/python bench/run.py --n 200 --variants plain

Prints a table and writes the same numbers to ``OUT/results.json``. The exit
status is 0 even when the newsbrief build misses the time target (this is a
measurement, not a test); it is 1 only when a build fails.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import importlib.metadata
import importlib.util
import json
import os
import platform
import pstats
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from generate import VARIANTS, generate

HERE = Path(__file__).resolve().parent
#: The newsbrief full build may take at most this multiple of the plain one.
TARGET_FULL_RATIO = 1.15
#: Appended to one article's body before the incremental build.
EDIT_SENTENCE = "\nA late update from the desk adds one sentence to this brief.\n"
HTML_BUILDERS = ("html", "dirhtml", "singlehtml")
UPDATING_RE = re.compile(r"updating environment: .*")
READING_RE = re.compile(r"^reading sources\.\.\. \[\s*\d+%\]", re.MULTILINE)


@dataclass
class Build:
    """One ``sphinx-build`` child process."""

    seconds: float
    peak_rss_mib: float
    returncode: int
    warnings: int
    stdout: str = field(repr=False)
    stderr: str = field(repr=False)


@dataclass
class VariantResult:
    variant: str
    full_s: float | None = None
    full_runs_s: list[float] = field(default_factory=list)
    peak_rss_mib: float | None = None
    warnings: int | None = None
    pages: int | None = None
    incr_s: float | None = None
    incr_peak_rss_mib: float | None = None
    incr_reread: int | None = None
    incr_written: int | None = None
    incr_log: str | None = None
    incr_edited: str | None = None
    error: str | None = None


def sphinx_command(src: Path, out: Path, builder: str, jobs: str, *, quiet: bool) -> list[str]:
    cmd = [sys.executable, "-m", "sphinx", "-b", builder, "-N", "-j", jobs]
    if quiet:
        cmd.append("-q")
    return [*cmd, str(src), str(out)]


def run_child(cmd: Sequence[str], log_dir: Path, name: str) -> Build:
    """Run ``cmd`` and return its wall time and its own peak RSS (not its parent's)."""
    log_dir.mkdir(parents=True, exist_ok=True)
    out_path, err_path = log_dir / f"{name}.stdout", log_dir / f"{name}.stderr"
    with out_path.open("wb") as out, err_path.open("wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        # wait4 reaps exactly this child and returns its rusage; ru_maxrss is in KiB on
        # Linux and covers the child and the workers it waited for (sphinx -j).
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    stdout = out_path.read_text(encoding="utf-8", errors="replace")
    stderr = err_path.read_text(encoding="utf-8", errors="replace")
    warnings = sum(1 for line in stderr.splitlines() if "WARNING:" in line or "ERROR:" in line)
    return Build(seconds, usage.ru_maxrss / 1024, proc.returncode, warnings, stdout, stderr)


def mtimes(root: Path, suffix: str) -> dict[Path, int]:
    return {p: p.stat().st_mtime_ns for p in root.rglob(f"*{suffix}")} if root.exists() else {}


def changed(before: dict[Path, int], after: dict[Path, int]) -> int:
    return sum(1 for path, mtime in after.items() if before.get(path) != mtime)


def failure(build: Build, what: str) -> str:
    tail = "\n".join(build.stderr.strip().splitlines()[-25:])
    return f"{what} failed with exit status {build.returncode}:\n{tail}"


def full_build(src: Path, out: Path, args: argparse.Namespace, logs: Path, name: str) -> Build:
    if out.exists():
        shutil.rmtree(out)
    cmd = sphinx_command(src, out, args.builder, args.jobs, quiet=True)
    return run_child(cmd, logs, name)


def incremental_build(
    src: Path, out: Path, args: argparse.Namespace, logs: Path, result: VariantResult
) -> Build:
    """Append a sentence to one article's body, rebuild, count re-read and written pages."""
    docname = f"briefs/b{max(1, args.n // 2):04d}"
    with (src / f"{docname}.md").open("a", encoding="utf-8") as fh:
        fh.write(EDIT_SENTENCE)
    doctrees_before = mtimes(out / ".doctrees", ".doctree")
    pages_before = mtimes(out, ".html")
    cmd = sphinx_command(src, out, args.builder, args.jobs, quiet=False)
    build = run_child(cmd, logs, f"{result.variant}-incr")
    result.incr_edited = docname
    # Sphinx pickles every document it reads, so changed doctrees = documents re-read
    # (this also counts documents added by extensions through env-get-updated).
    result.incr_reread = changed(doctrees_before, mtimes(out / ".doctrees", ".doctree"))
    if args.builder in HTML_BUILDERS:
        result.incr_written = changed(pages_before, mtimes(out, ".html"))
    match = UPDATING_RE.search(build.stdout)
    result.incr_log = match.group(0) if match else None
    if result.incr_log is not None:
        result.incr_log += f"; {len(READING_RE.findall(build.stdout))} 'reading sources' lines"
    return build


def profile_build(src: Path, out: Path, args: argparse.Namespace, work: Path) -> Path:
    """Profile one full build with cProfile; write the top 30 functions to profile.txt."""
    if out.exists():
        shutil.rmtree(out)
    prof = work / "profile.prof"
    sphinx = sphinx_command(src, out, args.builder, args.jobs, quiet=True)[1:]
    cmd = [sys.executable, "-m", "cProfile", "-o", str(prof), *sphinx]
    subprocess.run(cmd, check=False, stdin=subprocess.DEVNULL)
    text = work / "profile.txt"
    with text.open("w", encoding="utf-8") as fh:
        fh.write(f"# {' '.join(cmd)}\n")
        stats = pstats.Stats(str(prof), stream=fh)
        fh.write("\n## sorted by cumulative time\n")
        stats.sort_stats("cumulative").print_stats(30)
        fh.write("\n## sorted by own time\n")
        stats.sort_stats("tottime").print_stats(30)
        fh.write("\n## sphinx_newsbrief functions, sorted by cumulative time\n")
        stats.sort_stats("cumulative").print_stats("sphinx_newsbrief", 30)
    return text


def ratio(a: float | None, b: float | None) -> float | None:
    return b / a if a and b is not None else None


def fmt(value: float | int | None, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def table(args: argparse.Namespace, results: dict[str, VariantResult]) -> list[str]:
    lines = [
        f"N={args.n} seed={args.seed} jobs={args.jobs} builder={args.builder}",
        f"{'variant':<10} {'full(s)':>8} {'peakRSS(MiB)':>13} {'incr(s)':>8} {'re-read':>8}"
        f" {'written':>8} {'warnings':>9} {'pages':>6}",
    ]
    lines.extend(
        f"{r.variant:<10} {fmt(r.full_s, '.1f'):>8} {fmt(r.peak_rss_mib, '.0f'):>13}"
        f" {fmt(r.incr_s, '.2f'):>8} {fmt(r.incr_reread, 'd'):>8}"
        f" {fmt(r.incr_written, 'd'):>8} {fmt(r.warnings, 'd'):>9} {fmt(r.pages, 'd'):>6}"
        for r in results.values()
    )
    plain, brief = results.get("plain"), results.get("newsbrief")
    if plain and brief:
        lines.append(
            f"{'ratio':<10} {fmt(ratio(plain.full_s, brief.full_s), '.2f'):>8}"
            f" {fmt(ratio(plain.peak_rss_mib, brief.peak_rss_mib), '.2f'):>13}"
            f" {fmt(ratio(plain.incr_s, brief.incr_s), '.2f'):>8}"
        )
        lines.append(f"target: full ratio <= {TARGET_FULL_RATIO:.2f}")
    return lines


def version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def versions() -> dict[str, str]:
    dists = ("sphinx", "myst-parser", "docutils", "sphinx-newsbrief")
    return {"python": platform.python_version(), **{d: version(d) for d in dists}}


def source_digest() -> str | None:
    """A short digest of the installed extension's files, to tell measured versions apart."""
    spec = importlib.util.find_spec("sphinx_newsbrief")
    if spec is None or spec.origin is None:
        return None
    root = Path(spec.origin).parent
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="number of articles (default 1000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--jobs", default="1", help="sphinx -j value: a number or 'auto'")
    parser.add_argument("--builder", default="html", help="sphinx builder (default html)")
    parser.add_argument("--out", type=Path, default=HERE / "_work", help="work directory")
    parser.add_argument(
        "--variants",
        default=",".join(VARIANTS),
        help="comma-separated variants to run, in this order (default plain,newsbrief)",
    )
    parser.add_argument(
        "--repeat", type=int, default=1, help="full builds per variant; the fastest counts"
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="also profile one newsbrief full build into OUT/profile.txt",
    )
    args = parser.parse_args(argv)
    args.variants = [v.strip() for v in args.variants.split(",") if v.strip()]
    unknown = [v for v in args.variants if v not in VARIANTS]
    if unknown or not args.variants:
        parser.error(f"--variants: choose from {', '.join(VARIANTS)}")
    if args.n < 1 or args.repeat < 1:
        parser.error("--n and --repeat must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    work: Path = args.out.resolve()
    logs = work / "logs"
    results = {v: VariantResult(v) for v in args.variants}
    print(f"N={args.n} seed={args.seed} jobs={args.jobs} builder={args.builder} -> {work}")

    if "newsbrief" in results and importlib.util.find_spec("sphinx_newsbrief") is None:
        results["newsbrief"].error = (
            f"sphinx_newsbrief is not importable by {sys.executable}; "
            "install it with `pip install -e .`"
        )
    active = [r for r in results.values() if r.error is None]

    for r in active:
        generate(work / "src" / r.variant, args.n, args.seed, r.variant)
    # Full builds: plain then newsbrief, interleaved when repeated.
    for attempt in range(args.repeat):
        for r in active:
            if r.error:
                continue
            src, out = work / "src" / r.variant, work / "build" / r.variant
            print(f"full build {attempt + 1}/{args.repeat}: {r.variant} ...", flush=True)
            build = full_build(src, out, args, logs, f"{r.variant}-full-{attempt + 1}")
            if build.returncode != 0:
                r.error = failure(build, f"{r.variant} full build")
                continue
            r.full_runs_s.append(round(build.seconds, 3))
            r.full_s = min(r.full_runs_s)
            r.peak_rss_mib = max(r.peak_rss_mib or 0.0, round(build.peak_rss_mib, 1))
            r.warnings = build.warnings
            r.pages = len(mtimes(out, ".html")) if args.builder in HTML_BUILDERS else None
    # Incremental builds, in the same order.
    for r in active:
        if r.error:
            continue
        src, out = work / "src" / r.variant, work / "build" / r.variant
        print(f"incremental build: {r.variant} ...", flush=True)
        build = incremental_build(src, out, args, logs, r)
        if build.returncode != 0:
            r.error = failure(build, f"{r.variant} incremental build")
            continue
        r.incr_s = round(build.seconds, 3)
        r.incr_peak_rss_mib = round(build.peak_rss_mib, 1)

    profile = None
    if args.profile and "newsbrief" in results and results["newsbrief"].error is None:
        print("profiling a newsbrief full build ...", flush=True)
        profile = profile_build(
            work / "src" / "newsbrief", work / "build" / "newsbrief-profile", args, work
        )

    lines = table(args, results)
    plain, brief = results.get("plain"), results.get("newsbrief")
    full_ratio = ratio(plain.full_s, brief.full_s) if plain and brief else None
    met = None if full_ratio is None else full_ratio <= TARGET_FULL_RATIO
    print()
    print("\n".join(lines))
    if met is False:
        print(
            f"MISSED TARGET: newsbrief full build is {full_ratio:.3f}x plain "
            f"(target <= {TARGET_FULL_RATIO:.2f}x)"
        )
    for r in results.values():
        if r.incr_log:
            print(f"{r.variant} incremental ({r.incr_edited}): {r.incr_log}")
        if r.warnings:
            print(f"{r.variant}: {r.warnings} warnings, see {logs}/{r.variant}-full-*.stderr")
        if r.error:
            print(f"ERROR {r.variant}: {r.error}")
    if profile:
        print(f"profile: {profile}")

    report: dict[str, Any] = {
        "n": args.n,
        "seed": args.seed,
        "jobs": args.jobs,
        "builder": args.builder,
        "repeat": args.repeat,
        "timestamp": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
        "versions": versions(),
        "newsbrief_digest": source_digest(),
        "variants": {v: asdict(r) for v, r in results.items()},
        "ratio": {
            "full": full_ratio,
            "peak_rss": ratio(plain.peak_rss_mib, brief.peak_rss_mib) if plain and brief else None,
            "incr": ratio(plain.incr_s, brief.incr_s) if plain and brief else None,
        },
        "target": {"full_ratio_max": TARGET_FULL_RATIO, "met": met},
        "table": lines,
    }
    work.mkdir(parents=True, exist_ok=True)
    (work / "results.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"results: {work / 'results.json'}")
    return 1 if any(r.error for r in results.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
