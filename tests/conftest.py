"""Shared fixtures: Sphinx's testing fixtures with roots under tests/roots."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

# Property tests check what the parsers do, never how fast: no per-example deadline
# (a loaded machine made a 4 ms example take 400 ms and fail as "unreliable").
settings.register_profile("newsbrief", deadline=None)
settings.load_profile("newsbrief")

pytest_plugins = ["sphinx.testing.fixtures"]
collect_ignore = ["roots"]


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return Path(__file__).parent / "roots"


@pytest.fixture(autouse=True)
def _fresh_source_suffix_default():
    """Undo Sphinx's in-place edits of the ``source_suffix`` default.

    Sphinx merges the suffixes that extensions register into the config value
    in place, and a project without its own ``source_suffix`` shares the
    default dict: in one process, a MyST project would leave ``.md`` there for
    every later app (a MyST-NB app then asks for a "markdown" parser it does
    not have). One build per process, as in real use, never sees this.

    The default is set back to what Sphinx ships before and after each test: a
    module-scoped fixture builds before this fixture runs, so a copy taken here
    could already carry its suffixes.
    """
    from sphinx.config import Config

    default = Config.config_values["source_suffix"].default
    default.clear()
    default.update(_SOURCE_SUFFIX_DEFAULT)
    yield
    default.clear()
    default.update(_SOURCE_SUFFIX_DEFAULT)


#: Sphinx's default ``source_suffix`` (conftest is imported before any app is made).
_SOURCE_SUFFIX_DEFAULT = {".rst": "restructuredtext"}
