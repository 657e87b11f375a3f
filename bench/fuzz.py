"""Fuzz driver: build thousands of random small projects and report what breaks.

Each project (``tests/fuzzgen.py``: random front matter, every directive with random
options and bodies, every role, hostile strings) is built with each builder in a
child process of its own, with a time limit. Reported: tracebacks (a non-zero exit,
``Traceback`` or ``Exception occurred`` in the output), hangs (over ``--timeout``
seconds) and warnings without ``file:line``. A traceback that Sphinx + MyST-Parser
alone give as well (the same builder, without the extension) is reported as an
``upstream traceback``, and warnings without a location that they give too as
``upstream no location``; neither fails the run. The projects that gave a finding
are kept under ``OUT/findings/<seed>/`` with the build log; the rest are deleted.

    python bench/fuzz.py --count 2000 --seed 1 --jobs 2
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

import fuzzgen  # noqa: E402

#: What a builder needs from ``conf.py`` beyond what the projects set (Sphinx warns,
#: without a location, that EPUB 3 needs a version and a copyright).
BUILDER_CONF = {"epub": ["-D", "version=1", "-D", "copyright=Fuzz"]}


def child(src: Path, builders: list[str], plain: bool = False) -> int:
    """Build ``src`` with each builder in this process (the child's side).

    ``plain`` builds without the extension (MyST-Parser only), to tell a crash
    of Sphinx or MyST-Parser themselves from one of ours.
    """
    from sphinx.cmd.build import build_main

    status = 0
    for builder in builders:
        name = f"plain-{builder}" if plain else builder
        out, doctrees = src / "_build" / name, src / "_build" / ".doctrees" / name
        args = ["-q", "-b", builder, "-d", str(doctrees), *BUILDER_CONF.get(builder, [])]
        if plain:
            args += ["-D", "extensions=myst_parser"]
        print(f"=== {builder}", file=sys.stderr, flush=True)
        code = build_main([*args, str(src), str(out)])
        status = status or code
    return status


def without_us(src: Path, builders: list[str], timeout: float) -> list[tuple[int, str]]:
    """Exit status and build log of ``src`` by Sphinx + MyST-Parser alone, per
    builder (a builder that hangs is left out)."""
    command = [sys.executable, __file__, "--child", str(src), "--plain"]
    runs = []
    for builder in builders:
        try:
            run = subprocess.run(
                [*command, "--builders", builder], capture_output=True, text=True, timeout=timeout
            )
        except subprocess.TimeoutExpired:
            continue
        runs.append((run.returncode, run.stdout + run.stderr))
    return runs


def crashes_without_us(src: Path, builders: list[str], timeout: float) -> bool:
    """Whether Sphinx + MyST-Parser alone also crash on ``src`` with one of ``builders``.

    Such a crash is upstream's (e.g. Sphinx's texinfo writer asserts on a MyST
    heading of only spaces); it is reported apart and does not fail the run.
    """
    return any(code != 0 and crashed(log) for code, log in without_us(src, builders, timeout))


def unlocated_without_us(
    src: Path, builders: list[str], timeout: float, unlocated: list[str]
) -> bool:
    """Whether Sphinx + MyST-Parser alone give every one of the ``unlocated`` warnings.

    Such a warning is upstream's (e.g. docutils reports a bad field of an rST
    docinfo block at line 0); the output folders' names are left out of the
    comparison.
    """
    theirs = {
        _unplain(line)
        for _code, log in without_us(src, builders, timeout)
        for line in fuzzgen.problems(log)
    }
    return bool(theirs) and all(_unplain(line) in theirs for line in unlocated)


def _unplain(line: str) -> str:
    return line.replace("_build/plain-", "_build/")


def crashed(log: str) -> bool:
    """Whether a build's output shows a traceback."""
    return "Traceback" in log or "Exception occurred" in log


def run_one(seed: int, out: Path, builders: list[str], timeout: float) -> dict[str, object]:
    src = out / "work" / str(seed)
    shutil.rmtree(src, ignore_errors=True)
    fuzzgen.write_project(fuzzgen.project(random.Random(seed)), src)
    command = [sys.executable, __file__, "--child", str(src), "--builders", ",".join(builders)]
    start = time.perf_counter()
    finding: dict[str, object] = {"seed": seed}
    try:
        run = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        log = run.stdout + run.stderr
        if run.returncode != 0 or crashed(log):
            last = [b for b in builders if f"=== {b}" in log][-1:] or builders
            plain = crashes_without_us(src, last, timeout)
            finding["kind"] = "upstream traceback" if plain else "traceback"
            finding["detail"] = log[-3000:]
        else:
            unlocated = fuzzgen.problems(run.stderr)
            if unlocated:
                upstream = unlocated_without_us(src, builders, timeout, unlocated)
                finding["kind"] = "upstream no location" if upstream else "no location"
                finding["detail"] = "\n".join(unlocated[:20])
    except subprocess.TimeoutExpired as timed_out:
        log = str(timed_out.stdout or "") + str(timed_out.stderr or "")
        finding["kind"] = "hang"
        finding["detail"] = f"over {timeout} s"
    finding["seconds"] = round(time.perf_counter() - start, 2)
    if "kind" in finding:
        kept = out / "findings" / str(seed)
        shutil.rmtree(kept, ignore_errors=True)
        shutil.move(str(src), kept)
        shutil.rmtree(kept / "_build", ignore_errors=True)
        (kept / "build.log").write_text(log, encoding="utf-8", errors="replace")
    else:
        shutil.rmtree(src, ignore_errors=True)
    return finding


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000, help="projects to build")
    parser.add_argument("--seed", type=int, default=1, help="seed of the first project")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="parallel builds")
    parser.add_argument("--timeout", type=float, default=60, help="seconds per project")
    parser.add_argument("--builders", default="html,latex,text", help="comma-separated")
    parser.add_argument("--out", type=Path, default=HERE / "_fuzz", help="work directory")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--plain", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    builders = [name for name in args.builders.split(",") if name]
    if args.child:
        return child(args.child, builders, plain=args.plain)

    fuzzgen.registered()  # once, before the threads: it swaps docutils' global tables
    out: Path = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    findings = []
    start = time.perf_counter()
    seeds = range(args.seed, args.seed + args.count)
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        futures = [pool.submit(run_one, seed, out, builders, args.timeout) for seed in seeds]
        for done, future in enumerate(as_completed(futures), 1):
            result = future.result()
            if "kind" in result:
                findings.append(result)
                print(f"seed {result['seed']}: {result['kind']}", flush=True)
                print("    " + str(result["detail"]).strip().replace("\n", "\n    ")[-1500:])
            if done % 50 == 0:
                print(f"{done}/{args.count} built, {len(findings)} findings", flush=True)
    elapsed = time.perf_counter() - start
    findings.sort(key=lambda item: int(str(item["seed"])))
    report = {
        "count": args.count,
        "seed": args.seed,
        "builders": builders,
        "seconds": round(elapsed, 1),
        "findings": findings,
    }
    (out / "findings.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    kinds: dict[str, int] = {}
    for finding in findings:
        kinds[str(finding["kind"])] = kinds.get(str(finding["kind"]), 0) + 1
    print(f"{args.count} projects in {elapsed:.0f} s; findings: {kinds or 'none'}")
    print(f"report: {out / 'findings.json'}; kept projects: {out / 'findings'}")
    ours = [finding for finding in findings if not str(finding["kind"]).startswith("upstream")]
    return 1 if ours else 0


if __name__ == "__main__":
    sys.exit(main())
