"""Benchmark sphinx-newsbrief against plain Sphinx + MyST on a generated news site.

For each N, both variants (``plain``: Sphinx + MyST-Parser, the floor; and
``newsbrief``) get the same N generated articles (``bench/generate.py``). Then,
interleaved (plain, newsbrief, plain, newsbrief, ...) and repeated:

full
    a build into an empty output directory;
text
    an incremental build after one sentence is appended to one article's body;
tag
    an incremental build after one tag of that article is replaced by another.

Each build is a fresh ``python -m sphinx`` child process. Its wall time is
measured with ``time.perf_counter``; its CPU time (user + system) and peak RSS
are the child's own, read with ``os.wait4`` (with ``-j`` they include the
workers it waited for; RSS is then the largest single process). The fastest run
of each scenario counts. Ratios are newsbrief / plain.

Usage::

    .venv/bin/python bench/run.py --n 1000               # what `make bench` runs
    .venv/bin/python bench/run.py --n 200,1000,5000      # growth with N
    .venv/bin/python bench/run.py --n 200 --repeat 1 --no-results

Prints a table per N and writes the numbers to ``OUT/results.json`` and a report
to ``bench/RESULTS.md`` (machine, versions, date). The exit status is 0 even when
a target is missed (this is a measurement, not a test; the run then prints
``MISSED TARGET``); it is 1 only when a build fails.
"""

from __future__ import annotations

import argparse
import compileall
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

from generate import TAGS, VARIANTS, generate

HERE = Path(__file__).resolve().parent
SCENARIOS = ("full", "text", "tag")
#: The most newsbrief / plain may be, per scenario and for peak memory.
TARGETS = {"full": 1.10, "text": 1.20, "tag": 1.30, "rss": 1.20}
#: Time per article may differ by this much between the sizes of one run.
LINEAR_TOLERANCE = 0.15
HTML_BUILDERS = ("html", "dirhtml", "singlehtml")
TAGS_RE = re.compile(r"^tags: \[(.*)\]$", re.MULTILINE)


@dataclass
class Build:
    """One ``sphinx-build`` child process."""

    wall: float
    cpu: float
    rss_mib: float
    returncode: int
    warnings: int
    reread: int | None = None
    written: int | None = None
    stderr: str = field(default="", repr=False)


@dataclass
class Cell:
    """One scenario of one variant: every run, and the fastest."""

    runs: list[Build] = field(default_factory=list)

    @property
    def best(self) -> Build | None:
        return min(self.runs, key=lambda b: b.wall) if self.runs else None

    @property
    def best_cpu(self) -> float | None:
        return min(b.cpu for b in self.runs) if self.runs else None

    @property
    def rss(self) -> float | None:
        return max(b.rss_mib for b in self.runs) if self.runs else None


@dataclass
class SizeResult:
    n: int
    cells: dict[str, dict[str, Cell]] = field(default_factory=dict)  # variant -> scenario
    pages: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


#: Where the measured copy of the extension is (see :func:`snapshot_extension`).
_SNAPSHOT: list[Path] = []


def child_env() -> dict[str, str]:
    """The children's environment: bytecode is written and read, as on a user's machine,
    and the extension is the copy taken when the run started."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("SOURCE_DATE_EPOCH", None)
    if _SNAPSHOT:
        env["PYTHONPATH"] = os.pathsep.join(
            [str(_SNAPSHOT[0]), *filter(None, [os.environ.get("PYTHONPATH")])]
        )
    return env


def sphinx_command(src: Path, out: Path, args: argparse.Namespace) -> list[str]:
    return [sys.executable, "-m", "sphinx", "-b", args.builder, "-N", "-q", "-j", args.jobs,
            str(src), str(out)]  # fmt: skip


def run_child(cmd: Sequence[str], log: Path) -> Build:
    """Run ``cmd``; its wall time, and its own CPU time and peak RSS (not its parent's)."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            cmd, stdout=subprocess.DEVNULL, stderr=err, stdin=subprocess.DEVNULL, env=child_env()
        )
        # wait4 reaps exactly this child; its rusage covers the child and the workers
        # it waited for (sphinx -j). ru_maxrss is in KiB on Linux.
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    stderr = log.read_text(encoding="utf-8", errors="replace")
    warnings = sum(1 for line in stderr.splitlines() if "WARNING:" in line or "ERROR:" in line)
    return Build(
        wall=round(wall, 3),
        cpu=round(usage.ru_utime + usage.ru_stime, 3),
        rss_mib=round(usage.ru_maxrss / 1024, 1),
        returncode=os.waitstatus_to_exitcode(status),
        warnings=warnings,
        stderr=stderr,
    )


def mtimes(root: Path, suffix: str) -> dict[Path, int]:
    return {p: p.stat().st_mtime_ns for p in root.rglob(f"*{suffix}")} if root.exists() else {}


def changed(before: dict[Path, int], after: dict[Path, int]) -> int:
    return sum(1 for path, mtime in after.items() if before.get(path) != mtime)


def edited_article(n: int) -> str:
    return f"briefs/b{max(1, n // 2):04d}.md"


def edit(src: Path, n: int, scenario: str, attempt: int) -> None:
    """Change one article as ``scenario`` says (each attempt changes it again)."""
    path = src / edited_article(n)
    text = path.read_text(encoding="utf-8")
    if scenario == "text":
        text += f"\nA late update from the desk adds sentence {attempt} to this brief.\n"
    else:  # tag: the first tag becomes one the article does not have, in turn
        match = TAGS_RE.search(text)
        assert match, f"no tags line in {path}"
        tags = [t.strip() for t in match.group(1).split(",")]
        spare = [t for t in TAGS if t not in tags]
        tags[0] = spare[attempt % len(spare)]
        text = text[: match.start(1)] + ", ".join(tags) + text[match.end(1) :]
    path.write_text(text, encoding="utf-8")


def timed_build(src: Path, out: Path, args: argparse.Namespace, log: Path, *, clean: bool) -> Build:
    if clean and out.exists():
        shutil.rmtree(out)
    doctrees, pages = mtimes(out / ".doctrees", ".doctree"), mtimes(out, ".html")
    build = run_child(sphinx_command(src, out, args), log)
    if not clean:
        # Sphinx pickles every document it reads: changed doctrees = documents re-read
        # (including documents an extension adds through env-get-updated).
        build.reread = changed(doctrees, mtimes(out / ".doctrees", ".doctree"))
        if args.builder in HTML_BUILDERS:
            build.written = changed(pages, mtimes(out, ".html"))
    return build


def measure(n: int, args: argparse.Namespace, work: Path) -> SizeResult:
    result = SizeResult(n)
    variants = list(args.variants)
    for variant in variants:
        generate(work / str(n) / "src" / variant, n, args.seed, variant)
        result.cells[variant] = {s: Cell() for s in SCENARIOS}
    for scenario in SCENARIOS:
        for attempt in range(args.repeat):
            for variant in variants:
                if any(e.startswith(variant) for e in result.errors):
                    continue
                src, out = (work / str(n) / d / variant for d in ("src", "build"))
                if scenario != "full":
                    edit(src, n, scenario, attempt)
                print(f"N={n} {scenario} {attempt + 1}/{args.repeat}: {variant}", flush=True)
                log = work / "logs" / f"{n}-{variant}-{scenario}-{attempt + 1}.stderr"
                build = timed_build(src, out, args, log, clean=scenario == "full")
                if build.returncode != 0:
                    tail = "\n".join(build.stderr.strip().splitlines()[-20:])
                    result.errors.append(f"{variant} {scenario} build failed:\n{tail}")
                    continue
                result.cells[variant][scenario].runs.append(build)
                if scenario == "full" and args.builder in HTML_BUILDERS:
                    result.pages[variant] = len(mtimes(out, ".html"))
    return result


def ratio(a: float | None, b: float | None) -> float | None:
    return b / a if a and b is not None else None


def fmt(value: float | int | None, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def table(result: SizeResult) -> list[str]:
    head = f"{'N=' + str(result.n):<10}"
    for s in SCENARIOS:
        head += f" {s + ' wall':>10} {'cpu':>6}"
    head += f" {'RSS MiB':>8} {'re-read':>8} {'written':>11} {'pages':>6}"
    lines = [head]
    for variant, cells in result.cells.items():
        row = f"{variant:<10}"
        for s in SCENARIOS:
            best = cells[s].best
            row += f" {fmt(best and best.wall, '.2f'):>10} {fmt(cells[s].best_cpu, '.2f'):>6}"
        text, tag = cells["text"].best, cells["tag"].best
        reread = f"{fmt(text and text.reread, 'd')}/{fmt(tag and tag.reread, 'd')}"
        written = f"{fmt(text and text.written, 'd')}/{fmt(tag and tag.written, 'd')}"
        row += f" {fmt(cells['full'].rss, '.0f'):>8} {reread:>8} {written:>11}"
        row += f" {fmt(result.pages.get(variant), 'd'):>6}"
        lines.append(row)
    ratios = ratios_of(result)
    if ratios:
        row = f"{'ratio':<10}"
        for s in SCENARIOS:
            row += f" {fmt(ratios[s], '.2f'):>10} {fmt(ratios[s + '_cpu'], '.2f'):>6}"
        row += f" {fmt(ratios['rss'], '.2f'):>8}"
        lines.append(row)
    return lines


def spread(result: SizeResult) -> list[str]:
    """Every run's wall time, in the order run: how far one run is from the next."""
    lines = []
    for scenario in SCENARIOS:
        walls = [
            f"{variant} " + ", ".join(f"{run.wall:.2f}" for run in cells[scenario].runs)
            for variant, cells in result.cells.items()
            if cells[scenario].runs
        ]
        if walls:
            lines.append(f"- {scenario}, every run (s): " + "; ".join(walls))
    return [*lines, ""] if lines else []


def ratios_of(result: SizeResult) -> dict[str, float | None]:
    plain, brief = result.cells.get("plain"), result.cells.get("newsbrief")
    if not plain or not brief:
        return {}
    out: dict[str, float | None] = {}
    for s in SCENARIOS:
        a, b = plain[s].best, brief[s].best
        out[s] = ratio(a and a.wall, b and b.wall)
        out[s + "_cpu"] = ratio(plain[s].best_cpu, brief[s].best_cpu)
    out["rss"] = ratio(plain["full"].rss, brief["full"].rss)
    return out


def verdicts(results: list[SizeResult]) -> list[str]:
    """One line per target: met or MISSED, with the numbers."""
    lines = []
    for result in results:
        ratios = ratios_of(result)
        for key, limit in TARGETS.items():
            value = ratios.get(key)
            if value is None:
                continue
            what = "peak RSS" if key == "rss" else f"{key} wall time"
            state = "met" if value <= limit else "MISSED TARGET"
            lines.append(f"N={result.n}: {what} ratio {value:.3f} (target <= {limit:.2f}): {state}")
    for variant in ("plain", "newsbrief"):
        per = {
            r.n: best.wall / r.n
            for r in results
            if (best := r.cells.get(variant, {}).get("full", Cell()).best) and r.n >= 100
        }
        if len(per) < 2:
            continue
        mean = sum(per.values()) / len(per)
        spread = max(abs(v / mean - 1) for v in per.values())
        state = "met" if spread <= LINEAR_TOLERANCE else "MISSED TARGET"
        each = ", ".join(f"N={n}: {v * 1000:.1f} ms" for n, v in per.items())
        lines.append(
            f"{variant} full build per article: {each}; largest deviation from the mean "
            f"{spread:.1%} (target <= {LINEAR_TOLERANCE:.0%}): {state}"
        )
    return lines


def version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def versions() -> dict[str, str]:
    dists = ("sphinx", "myst-parser", "docutils", "sphinx-newsbrief")
    return {"python": platform.python_version(), **{d: version(d) for d in dists}}


def machine() -> dict[str, Any]:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        load = os.getloadavg()[0]
    except OSError:
        load = None
    return {"cpus": os.cpu_count(), "cpu": model, "platform": platform.platform(),
            "load_before": load}  # fmt: skip


def source_digest() -> str | None:
    """A short digest of the installed extension's files, to tell measured versions apart."""
    spec = importlib.util.find_spec("sphinx_newsbrief")
    if spec is None or spec.origin is None:
        return None
    root = Path(spec.origin).parent
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*.py") if "__pycache__" not in p.parts):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def snapshot_extension(work: Path) -> None:
    """Copy the extension into ``work/package`` and byte-compile it, as an install does.

    Every build of the run imports that copy, so editing the sources during a
    long run does not change what is measured (an editable install would
    follow the edits), and no build pays for compiling the modules.
    """
    spec = importlib.util.find_spec("sphinx_newsbrief")
    if spec is None or spec.origin is None:
        return
    target = work / "package"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(
        Path(spec.origin).parent,
        target / "sphinx_newsbrief",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    compileall.compile_dir(str(target), quiet=1)
    _SNAPSHOT[:] = [target]


def profile_build(work: Path, n: int, args: argparse.Namespace) -> Path:
    """Profile the newsbrief text-edit build with cProfile into ``OUT/profile.txt``."""
    src, out = work / str(n) / "src" / "newsbrief", work / str(n) / "build" / "newsbrief"
    edit(src, n, "text", 999)
    prof = work / "profile.prof"
    cmd = [sys.executable, "-m", "cProfile", "-o", str(prof), *sphinx_command(src, out, args)[1:]]
    subprocess.run(cmd, check=False, stdin=subprocess.DEVNULL, env=child_env())
    text = work / "profile.txt"
    with text.open("w", encoding="utf-8") as fh:
        fh.write(f"# {' '.join(cmd)}\n")
        stats = pstats.Stats(str(prof), stream=fh)
        fh.write("\n## sorted by cumulative time\n")
        stats.sort_stats("cumulative").print_stats(40)
        fh.write("\n## sphinx_newsbrief functions, sorted by cumulative time\n")
        stats.sort_stats("cumulative").print_stats("sphinx_newsbrief", 40)
    return text


def markdown(args: argparse.Namespace, report: dict[str, Any], results: list[SizeResult]) -> str:
    m, v = report["machine"], report["versions"]
    lines = [
        "# Benchmark results",
        "",
        f"Written by `bench/run.py` on {report['timestamp']}. Command: `{report['command']}`.",
        "",
        f"- Machine: {m['cpus']} CPUs ({m['cpu'] or 'unknown model'}), {m['platform']};"
        f" load average before the run {fmt(m['load_before'], '.2f')}.",
        f"- Python {v['python']}, Sphinx {v['sphinx']}, MyST-Parser {v['myst-parser']},"
        f" docutils {v['docutils']}, sphinx-newsbrief {v['sphinx-newsbrief']}"
        f" (files digest `{report['newsbrief_digest']}`).",
        f"- `--seed {args.seed} --jobs {args.jobs} --builder {args.builder}"
        f" --repeat {args.repeat}`: each scenario ran {args.repeat} times per variant,"
        " interleaved; the fastest run counts (CPU: the lowest).",
        "",
        "Columns: wall and CPU seconds of the full build, the text edit and the tag change;",
        "peak RSS of the full build; documents re-read and HTML pages written by the text",
        "edit / the tag change; HTML pages of the site. `ratio` is newsbrief / plain.",
        "",
    ]
    for result in results:
        lines += ["```", *table(result), "```", ""]
        lines += spread(result)
        for error in result.errors:
            lines += ["```", f"ERROR {error}", "```", ""]
    lines += ["## Targets", ""] + [f"- {line}" for line in verdicts(results)] + [""]
    return "\n".join(lines)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", default="1000", help="article counts, comma-separated")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--jobs", default="1", help="sphinx -j value: a number or 'auto'")
    parser.add_argument("--builder", default="html", help="sphinx builder (default html)")
    parser.add_argument("--out", type=Path, default=HERE / "_work", help="work directory")
    parser.add_argument("--variants", default=",".join(VARIANTS), help="default plain,newsbrief")
    parser.add_argument("--repeat", type=int, default=3, help="runs per scenario (default 3)")
    parser.add_argument("--profile", action="store_true", help="profile a newsbrief text edit")
    parser.add_argument(
        "--results", type=Path, default=HERE / "RESULTS.md", help="default bench/RESULTS.md"
    )
    parser.add_argument("--no-results", action="store_true", help="do not write the report")
    args = parser.parse_args(argv)
    try:
        args.sizes = [int(n) for n in str(args.n).split(",") if n.strip()]
    except ValueError:
        parser.error("--n: whole numbers, comma-separated (e.g. 200,1000,5000)")
    args.variants = [v.strip() for v in args.variants.split(",") if v.strip()]
    if any(v not in VARIANTS for v in args.variants) or not args.variants:
        parser.error(f"--variants: choose from {', '.join(VARIANTS)}")
    if not args.sizes or min(args.sizes) < 1 or args.repeat < 1:
        parser.error("--n and --repeat must be at least 1")
    return args


def _runs(cells: dict[str, Cell]) -> dict[str, list[dict[str, Any]]]:
    return {s: [asdict(b) | {"stderr": None} for b in c.runs] for s, c in cells.items()}


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    work: Path = args.out.resolve()
    if "newsbrief" in args.variants and importlib.util.find_spec("sphinx_newsbrief") is None:
        print(f"sphinx_newsbrief is not importable by {sys.executable}; run `pip install -e .`")
        return 1
    snapshot_extension(work)
    report: dict[str, Any] = {
        "command": "bench/run.py " + " ".join(argv if argv is not None else sys.argv[1:]),
        "timestamp": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": machine(),
        "versions": versions(),
        "newsbrief_digest": source_digest(),
        "seed": args.seed, "jobs": args.jobs, "builder": args.builder, "repeat": args.repeat,
    }  # fmt: skip
    results = [measure(n, args, work) for n in args.sizes]
    profile = profile_build(work, args.sizes[-1], args) if args.profile else None
    print()
    for result in results:
        print("\n".join(table(result)))
        print("\n".join(spread(result)))
        for error in result.errors:
            print(f"ERROR {error}")
        print()
    print("\n".join(verdicts(results)))
    report["sizes"] = [
        {
            "n": r.n,
            "pages": r.pages,
            "errors": r.errors,
            "ratios": ratios_of(r),
            "runs": {variant: _runs(cells) for variant, cells in r.cells.items()},
        }
        for r in results
    ]
    report["targets"] = TARGETS
    report["verdicts"] = verdicts(results)
    work.mkdir(parents=True, exist_ok=True)
    (work / "results.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"results: {work / 'results.json'}")
    if not args.no_results:
        args.results.write_text(markdown(args, report, results), encoding="utf-8")
        print(f"report: {args.results}")
    if profile:
        print(f"profile: {profile}")
    return 1 if any(r.errors for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
