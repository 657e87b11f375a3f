"""The benchmark runs, and its edits change what they claim (no timings are asserted)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import sphinx

ROOT = Path(__file__).resolve().parent.parent
#: Sphinx before 8.2 writes the root document again on every build that writes.
ROOT_REWRITE = 1 if sphinx.version_info < (8, 2) else 0


def test_bench_runs_every_scenario(tmp_path: Path) -> None:
    out = tmp_path / "work"
    cmd = [sys.executable, str(ROOT / "bench" / "run.py"), "--n", "6", "--repeat", "1",
           "--no-results", "--out", str(out)]  # fmt: skip
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600, check=False)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    report = json.loads((out / "results.json").read_text(encoding="utf-8"))
    (size,) = report["sizes"]
    assert size["n"] == 6 and not size["errors"]
    runs = size["runs"]
    for variant in ("plain", "newsbrief"):
        (full,) = runs[variant]["full"]
        assert full["returncode"] == 0 and full["cpu"] > 0 and full["rss_mib"] > 0
        (text,) = runs[variant]["text"]
        # one sentence appended: that article alone is read again; its page, genindex
        # and search are written (and the root page, by Sphinx before 8.2)
        assert text["reread"] == 1 and text["written"] == 3 + ROOT_REWRITE
        (tag,) = runs[variant]["tag"]
        assert tag["reread"] == 1
    # a tag change also rewrites the tag pages and listings that show the article
    assert runs["newsbrief"]["tag"][0]["written"] > 3 + ROOT_REWRITE
    assert runs["plain"]["tag"][0]["written"] == 3 + ROOT_REWRITE
    assert set(size["ratios"]) >= {"full", "text", "tag", "rss"}
    assert "peak RSS ratio" in proc.stdout and "full wall time ratio" in proc.stdout
    # every run's time is shown, not only the best
    assert "- full, every run (s): plain " in proc.stdout
    edited = (out / "6" / "src" / "newsbrief" / "briefs" / "b0003.md").read_text()
    assert "sentence 0" in edited
