"""A directive base that never drops the author's content over a bad option.

docutils rejects a whole directive when an option is unknown or a converter
fails. Newsbrief directives accept every option as text, then check each one
themselves: a bad value gives a ``newsbrief.*`` warning naming the allowed
values and the default is used instead.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable, Iterable
from typing import Any, ClassVar, Generic, TypeVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from .settings import settings
from .util import tag_slug
from .views import ViewName, make_view, view_node
from .warnings import allowed, did_you_mean, warn


class _AnyOption(dict[str, Any]):
    """An option spec that accepts unknown names (they are checked in ``run``)."""

    def __missing__(self, key: str) -> Any:
        return directives.unchanged


Run = Callable[[Any], list[nodes.Node]]


def _keeping_stray_body(run: Run) -> Run:
    @functools.wraps(run)
    def run_and_keep_body(self: NewsbriefDirective) -> list[nodes.Node]:
        return [*run(self), *self.stray_content()]

    run_and_keep_body.keeps_stray_body = True  # type: ignore[attr-defined]
    return run_and_keep_body


class NewsbriefDirective(SphinxDirective):
    """Base class: lenient option parsing plus checked accessors."""

    #: Warning subtype for this directive's problems.
    subtype: ClassVar[str] = "article"
    #: Names of the options the directive understands.
    known_options: ClassVar[tuple[str, ...]] = ()
    #: Options that take no value.
    flag_options: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        spec = _AnyOption(dict.fromkeys(cls.known_options, directives.unchanged))
        cls.option_spec = spec
        if not cls.has_content:
            # a directive that takes no body still keeps a stray one (see stray_content)
            cls.has_content = True
            if not getattr(cls.run, "keeps_stray_body", False):
                cls.run = _keeping_stray_body(cls.run)  # type: ignore[method-assign,assignment,arg-type]

    def warn(self, message: str) -> None:
        warn(self.subtype, message, self.get_location())

    def stray_content(self) -> list[nodes.Node]:
        """The body of a directive that takes none, to show after its output.

        docutils would drop it with a bare "no content permitted" error; here
        it warns and is parsed as ordinary content, so nothing the author
        wrote disappears. Every subclass declaring ``has_content = False`` gets
        this after its output.
        """
        if not self.content:
            return []
        self.warn(
            f"{self.name}: this directive takes no content; the body is shown after it "
            "(move it out of the directive)"
        )
        return self.parse_content_to_nodes()

    def check_unknown_options(self) -> None:
        for name in self.options:
            if name not in self.known_options:
                hint = did_you_mean(name, self.known_options)
                self.warn(
                    f"{self.name}: unknown option {name!r}{hint}; "
                    f"allowed: {allowed(self.known_options)}"
                )

    def inline_markup(self, text: str) -> list[nodes.Node]:
        """Inline markup of author text (a title, a caption, a cell).

        Raw HTML in it is shown as text, never passed on to the page: one rule
        wherever the extension renders author text.
        """
        parsed, _msgs = self.parse_inline(text, lineno=self.lineno)
        out: list[nodes.Node] = []
        for node in parsed:
            if isinstance(node, nodes.raw):
                out.append(nodes.Text(node.astext()))
                continue
            if isinstance(node, nodes.Element):
                for raw in list(node.findall(nodes.raw)):
                    raw.replace_self(nodes.Text(raw.astext()))
            out.append(node)
        return out

    def text_option(self, name: str, default: str = "") -> str:
        value = self.options.get(name)
        return default if value is None else str(value).strip()

    def flag(self, name: str) -> bool:
        if name not in self.options:
            return False
        value = self.options[name]
        if value not in (None, "", "true", "True", "yes"):
            self.warn(f"{self.name}: option {name!r} takes no value; got {value!r}")
        return True

    def choice(self, name: str, choices: Iterable[str], default: str) -> str:
        value = self.text_option(name, default)
        options = tuple(choices)
        if value in options:
            return value
        self.warn(
            f"{self.name}: {name} {value!r} is not allowed{did_you_mean(value, options)}; "
            f"allowed: {allowed(options)}; using {default!r}"
        )
        return default

    def positive_int(self, name: str, default: int | None) -> int | None:
        value = self.text_option(name)
        if not value:
            return default
        if value.isascii() and value.isdigit() and int(value) > 0:
            return int(value)
        self.warn(f"{self.name}: {name} must be a positive whole number, not {value!r}")
        return default

    def csv_option(self, name: str) -> tuple[str, ...]:
        value = self.text_option(name)
        return tuple(part.strip() for part in value.split(",") if part.strip())


O = TypeVar("O", bound=Hashable)  # noqa: E741 - the options of a view


class ListDirective(NewsbriefDirective, Generic[O]):
    """A site-wide list (``{briefs}``, registers, trackers, indexes): a view, resolved late.

    A subclass names its :attr:`view` and turns its checked options into the
    view's options in :meth:`view_options`; the placeholder, its source line
    and the stray-body rule come from here.
    """

    #: The view this directive shows.
    view: ClassVar[ViewName[Any]]
    has_content = False

    def view_options(self) -> O:
        raise NotImplementedError

    def run(self) -> list[nodes.Node]:
        self.check_unknown_options()
        node: view_node = make_view(self.env, self.view, self.view_options())
        self.set_source_info(node)
        return [node]

    def tag_slugs(self) -> tuple[str, ...]:
        """The ``:tags:`` option as tag slugs, after ``newsbrief_tag_aliases``."""
        vocabulary = settings(self.config).tags
        return tuple(tag_slug(vocabulary.canonical(t)) for t in self.csv_option("tags"))
