"""Version matrix: the test suite on the oldest and newest supported releases.

``nox -s lowest newest`` (``make matrix``; ``make test`` runs it too) installs the
package with its ``test`` and ``myst-nb`` extras in a virtualenv per session
(under ``.nox/``) and runs pytest there:

- ``lowest``: Python 3.10, Sphinx 7.4.5, MyST-Parser 3.0.0, docutils 0.20 (the
  floors declared in pyproject.toml), without the browser tests (they check the
  stylesheet on current theme releases; the themes that install beside Sphinx
  7.4 load icon fonts that Chromium refuses from file:// pages);
- ``newest``: Python 3.13, Sphinx 9.0, MyST-Parser 5.2, docutils 0.22 (the
  newest releases declared), the whole suite.

Arguments after ``--`` go to pytest: ``nox -s lowest -- tests/test_uncertainty.py``.
Each interpreter is looked up on PATH, then in pyenv's versions folder; one
that is missing skips its session (and fails it under CI=true).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import nox

nox.options.default_venv_backend = "venv"
nox.options.reuse_existing_virtualenvs = True
nox.options.sessions = ["lowest", "newest"]

#: Keep these in step with the ranges under [project] dependencies in pyproject.toml.
LOWEST = ["sphinx==7.4.5", "myst-parser==3.0.0", "docutils==0.20"]
NEWEST = ["sphinx==9.0.*", "myst-parser==5.2.*", "docutils==0.22.*"]

#: Left out of ``lowest``: nothing at present. The snapshot tests skip themselves on
#: releases older than those they were recorded on; the other tests accept the older
#: markup (docutils 0.20's ``\DUrole{a,b}``, Sphinx 7.4's man-page escapes).
LOWEST_DESELECT: list[str] = []

#: ``TEST_JOBS`` (``make test`` passes its own): pytest-xdist workers, ``auto`` one per
#: core, ``0`` none. ``loadscope`` keeps a module's tests in one worker, so that its
#: module-scoped builds run once.
PYTEST = ["python", "-m", "pytest", "-q", "-p", "no:cacheprovider"]
PYTEST += ["-n", os.environ.get("TEST_JOBS", "auto"), "--dist", "loadscope"]
REPORT = (
    "import sys, sphinx, myst_parser, docutils; print('Python', sys.version.split()[0],"
    " '| Sphinx', sphinx.__version__, '| MyST-Parser', myst_parser.__version__,"
    " '| docutils', docutils.__version__)"
)


def interpreter(version: str) -> str:
    """The path of a working ``python<version>``, else the bare version for nox to report.

    pyenv's shims answer to every ``pythonX.Y`` name but fail for a version that
    is installed yet not selected, so each candidate is run once.
    """
    root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    found = shutil.which(f"python{version}")
    candidates = [found] if found else []
    candidates += sorted(str(p) for p in root.glob(f"versions/{version}.*/bin/python{version}"))
    for candidate in candidates:
        probe = subprocess.run([candidate, "-V"], capture_output=True, check=False)
        if probe.returncode == 0:
            return candidate
    return version


def install(session: nox.Session, pins: list[str]) -> None:
    # One resolve, so that the pins hold for the extras (themes, MyST-NB) too.
    session.install("-e", ".[test,myst-nb]", *pins)
    session.run("python", "-m", "pip", "check")
    session.run("python", "-c", REPORT)


@nox.session(python=interpreter("3.10"))
def lowest(session: nox.Session) -> None:
    """Oldest supported Python, Sphinx, MyST-Parser and docutils (no browser tests)."""
    install(session, LOWEST)
    deselect = [arg for test in LOWEST_DESELECT for arg in ("--deselect", test)]
    session.run(*PYTEST, *deselect, *(session.posargs or ["-k", "not browser"]))


@nox.session(python=interpreter("3.13"))
def newest(session: nox.Session) -> None:
    """Newest supported Python, Sphinx, MyST-Parser and docutils (the whole suite)."""
    install(session, NEWEST)
    session.run(*PYTEST, *session.posargs)
