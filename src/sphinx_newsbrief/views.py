"""Views: how pages show the collector's records, and the one rule for rewriting.

A document that shows an aggregate (a listing, a register, a tag link) puts a
placeholder in its doctree with :func:`make_view` (or, where Sphinx renders the
output itself, notes the dependency with :func:`depend`). Each view kind
(:func:`register_view`) has a *resolver*, a pure function of the records that
returns exactly what the page shows as a frozen dataclass, and a *renderer*
that turns that into docutils nodes. Placeholders are resolved late, on
``doctree-resolved``, when all records are known.

On ``env-get-updated`` every view is resolved again and the digest of what it
shows is compared with the digest recorded when the page was last written by
the current builder (:func:`plan_outputs`, also used for generated pages and
feeds). Pages whose views changed are rewritten; the others are left alone, so
an incremental build after any edit gives the same output as a clean build.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import sphinx
from docutils import nodes
from sphinx.environment import CONFIG_OK

from .domain import VIEWS, Context, context_of, get_store
from .settings import settings
from .visitors import skip, visitors

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

O = TypeVar("O", bound=Hashable)  # noqa: E741 - the options of a view
D = TypeVar("D", bound=Hashable)


@dataclass(frozen=True)
class ViewName(Generic[O]):
    """The name of one kind of view, typed by its options (a frozen dataclass).

    A placeholder is made with :func:`make_view` from the name and options;
    the feature that shows the view registers a :class:`ViewKind` for it.
    """

    name: str


@dataclass(frozen=True)
class NoOptions:
    """Options of a view that has none."""


@dataclass(frozen=True)
class ViewKind(Generic[O, D]):
    """How one kind of aggregate is computed and shown.

    ``resolve`` is a pure function of the records that returns exactly what
    the page shows (``D``, a frozen dataclass: its ``repr`` is the digest
    that decides rewriting); ``render`` turns that into docutils nodes.
    """

    view: ViewName[O]
    resolve: Callable[[Context, str, O], D]
    #: None for a view that only records what a page depends on (see :func:`depend`).
    render: Callable[[Sphinx, Context, view_node, str, D], list[nodes.Node]] | None


_VIEW_KINDS: dict[str, ViewKind[Any, Any]] = {}


def register_view(kind: ViewKind[O, D]) -> None:
    """Declare how a view is resolved and rendered (feature ``setup`` functions call this)."""
    _VIEW_KINDS[kind.view.name] = kind


class view_node(nodes.General, nodes.Element):  # noqa: N801 - docutils naming
    """Placeholder for aggregate output, replaced on ``doctree-resolved``.

    Attributes: ``kind`` (a registered view kind), ``options`` (a
    frozen dataclass) and ``docname`` (the document it was written in).
    """


class inline_view_node(nodes.Inline, view_node):  # noqa: N801
    """A view placeholder that sits inside a paragraph."""


V = TypeVar("V", bound="view_node")


def depend(env: BuildEnvironment, view: ViewName[O], options: O) -> None:
    """Note that the document being read shows what ``view`` resolves to, without a placeholder.

    Used where Sphinx itself renders the output (a cross-reference): the page
    is still rewritten when, and only when, what the view resolves to changes.
    """
    get_store(env).add_view(env.docname, view.name, options)


def make_view(
    env: BuildEnvironment, view: ViewName[O], options: O, cls: type[V] | None = None
) -> V:
    """Register a view for the document being read and return its placeholder.

    ``cls`` is the placeholder class: :class:`view_node` (the default) for
    body elements, an inline subclass inside paragraphs.
    """
    docname = env.docname
    get_store(env).add_view(docname, view.name, options)
    node_class = cls or view_node
    return node_class(kind=view.name, options=options, docname=docname)  # type: ignore[return-value]


def digest(data: object) -> str:
    """A stable digest of what an output shows (frozen dataclasses repr deterministically)."""
    return hashlib.blake2b(repr(data).encode("utf-8"), digest_size=16).hexdigest()


#: What, besides the records and the settings, every view, generated page and feed
#: may depend on (for example which articles are still scheduled at this build's
#: moment); features add theirs with :func:`register_input`.
_INPUTS: list[Callable[[Context], Hashable]] = []


def register_input(compute: Callable[[Context], Hashable]) -> None:
    """Declare one more input of every view, generated page and feed (see :func:`unchanged`)."""
    if compute not in _INPUTS:
        _INPUTS.append(compute)


def inputs_digest(app: Sphinx) -> str:
    """A digest of everything the views, generated pages and feeds are computed from.

    That is every document's records and views (:meth:`.Store.fingerprint`),
    the documents of the project, every ``newsbrief_*`` value, the builder's
    tags and the inputs features declared (:func:`register_input`).
    """
    ctx = context_of(app)

    def compute() -> str:
        env = app.env
        build_info = getattr(app.builder, "build_info", None)
        state = (
            ctx.store.fingerprint(),
            sorted(env.found_docs),
            repr(settings(app.config)),
            getattr(build_info, "config_hash", ""),
            getattr(build_info, "tags_hash", ""),
            [compute_input(ctx) for compute_input in _INPUTS],
        )
        return digest(state)

    return ctx.cached("inputs-digest", compute)


def unchanged(app: Sphinx, env: BuildEnvironment, group: str, extra: Hashable = "") -> bool:
    """Whether the plan of ``group`` for this builder can stay as it was.

    True when the inputs (:func:`inputs_digest`, and ``extra``: what else the
    group's outputs show) are those the last plan was made from; the plan of
    this build is then empty (nothing changed, nothing stale) and the digests
    recorded for the outputs stay valid, so the caller need not compute its
    outputs at all. An edit to an article's body leaves the inputs as they
    were, so such a build does not recompute any listing, page or feed.
    """
    data = env.domaindata["newsbrief"]
    key = (app.builder.name, group)
    now = digest((inputs_digest(app), extra))
    inputs: dict[tuple[str, str], str] = data.setdefault("inputs", {})
    # a changed conf.py (even a value Sphinx's hashes leave out, such as ``project``
    # or ``language``) recomputes everything
    same = inputs.get(key) == now and env.config_status == CONFIG_OK
    inputs[key] = now
    if same:
        data["plans"][key] = Plan()
    return same


#: Output groups besides documents with views (``VIEWS``): generated pages, feeds,
#: the sidebar's links to index pages.
PAGES, FEEDS, NAV = "pages", "feeds", "nav"


@dataclass(frozen=True)
class Plan:
    """Which outputs of a group to write in this build, and which are gone."""

    changed: frozenset[str] = frozenset()
    stale: frozenset[str] = frozenset()


def plan_outputs(
    env: BuildEnvironment,
    builder: str,
    group: str,
    digests: dict[str, str],
    *,
    partial: bool = False,
) -> Plan:
    """The one rule for rewriting: an output is written when what it shows changed.

    ``digests`` gives the digest of everything each output of ``group`` shows
    now; it is compared with the digest recorded when ``builder`` last wrote
    the output, and recorded in its place (in the environment, so the next
    build compares with this one). Outputs recorded before but absent now are
    stale. With ``partial``, ``digests`` covers only some outputs of the
    group and nothing is stale. Called on ``env-get-updated``, before the
    environment is saved; :func:`planned` gives the plan back at write time.
    """
    data = env.domaindata["newsbrief"]
    written: dict[str, str] = data["written"].setdefault(builder, {}).setdefault(group, {})
    changed = frozenset(n for n, d in digests.items() if written.get(n) != d)
    stale = frozenset() if partial else frozenset(written.keys() - digests.keys())
    if not partial:
        written.clear()
    written.update(digests)
    plan = Plan(changed, stale)
    data["plans"][(builder, group)] = plan
    return plan


def planned(env: BuildEnvironment, builder: str, group: str) -> Plan:
    """The plan :func:`plan_outputs` made for this build (empty if none was made)."""
    plan: Plan = env.domaindata["newsbrief"]["plans"].get((builder, group), Plan())
    return plan


def pages_with_changed_views(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: documents whose views now show different data.

    When the inputs are unchanged (:func:`unchanged`), only the views of the
    documents read in this build are resolved, to record what they show.
    """
    store = get_store(env)
    ctx = context_of(app)
    views = store.views()
    docnames: Iterable[str] = views.keys()
    if unchanged(app, env, VIEWS):
        docnames = env.domaindata["newsbrief"].get("reading", set()) & views.keys()
    digests = {
        docname: digest([resolve_view(ctx, name, docname, opts) for name, opts in views[docname]])
        for docname in docnames
    }
    return sorted(plan_outputs(env, app.builder.name, VIEWS, digests, partial=True).changed)


#: Builder attribute: (page name, nodes the views made for it), until it is written.
_RENDERED = "_newsbrief_rendered"


def resolve_views(app: Sphinx, doctree: nodes.document, fromdocname: str) -> None:
    """``doctree-resolved``: replace each placeholder with its rendered data."""
    ctx = context_of(app)
    rendered: list[nodes.Node] = []
    for node in list(doctree.findall(view_node)):
        kind = _VIEW_KINDS.get(node["kind"])
        if kind is None or kind.render is None:
            node.parent.remove(node)
            continue
        data = kind.resolve(ctx, node["docname"], node["options"])
        shown = kind.render(app, ctx, node, fromdocname, data)
        node.replace_self(shown)
        rendered.extend(shown)
    if rendered and app.builder.format == "html":
        # only the page written next: in parallel builds, pages are resolved in
        # the main process and written in others, which never tell it
        setattr(app.builder, _RENDERED, (fromdocname, rendered))


def release_views(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``, last: free the nodes the views made for this page.

    The page's HTML is made by now. The doctree that holds these nodes is
    garbage with reference cycles (every node points to its parent), which
    CPython frees only at its next full collection, many pages later; the
    nodes the views made as each page was written were most of what the
    write phase added to the process's peak memory (about 20 MB over 1,000
    articles). Taken out of the doctree and unlinked, they are freed now.
    """
    pending = getattr(app.builder, _RENDERED, None)
    if pending is None or pending[0] != pagename:
        return
    setattr(app.builder, _RENDERED, None)
    shown = pending[1]
    ids = {id(node) for node in shown}
    for parent in {id(n.parent): n.parent for n in shown if n.parent is not None}.values():
        parent.children = [child for child in parent.children if id(child) not in ids]
    for top in shown:
        for node in top.findall():
            node.parent = None


def resolve_view(ctx: Context, name: str, docname: str, options: Hashable) -> Hashable:
    """What the view ``name`` with ``options`` in ``docname`` shows."""
    resolved: Hashable = _VIEW_KINDS[name].resolve(ctx, docname, options)
    return resolved


def write_generated_outputs(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``, last: make Sphinx before 8.2 reach its write phase.

    Those versions stop after reading when no document is out of date, before
    ``html-collect-pages``: generated pages and feeds whose data changed without
    a document changing (a scheduled article's date came, a listing's page was
    deleted from the output) would stay stale. Naming the root document (which
    those versions rewrite on every build that writes) lets the build go on.
    """
    if sphinx.version_info >= (8, 2):
        return []
    plans = env.domaindata["newsbrief"]["plans"]
    builder = app.builder.name
    for group in (PAGES, FEEDS, NAV):
        plan = plans.get((builder, group))
        if plan is not None and (plan.changed or plan.stale):
            return [str(app.config.root_doc)]
    return []


def setup_views(app: Sphinx) -> None:
    app.add_node(view_node, **visitors((skip, None)))
    app.add_node(inline_view_node, **visitors((skip, None)))
    app.connect("env-get-updated", pages_with_changed_views)
    app.connect("env-get-updated", write_generated_outputs, priority=950)
    app.connect("doctree-resolved", resolve_views)
    app.connect("html-page-context", release_views, priority=990)
