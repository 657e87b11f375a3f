"""The cross-document collector that every aggregate feature stands on.

Sphinx reads documents one at a time (and, with ``-j``, in several processes),
but listings, tag pages, registers and trackers show items gathered from the
whole site. This module keeps those items, and keeps pages that show them up
to date, in one place:

Records
    A feature stores picklable, immutable records per document with
    :func:`note_record` while the document is read (for example the article
    record of each article). Records live in the build environment (the
    ``newsbrief`` domain's data), are dropped on ``env-purge-doc`` when their
    document is re-read or deleted (:meth:`NewsbriefDomain.clear_doc`) and are
    merged from worker processes on parallel reads
    (:meth:`NewsbriefDomain.merge_domaindata`).

Views and rewriting
    Pages show records through views, resolved late; which pages, generated
    pages and feeds to rewrite is decided by one rule. Both are in
    :mod:`.views`, which stands on this module.

Cross-references and checks
    ``{question}`` and ``{tag}`` are cross-references of this domain
    (:func:`register_xref`); cross-document checks (duplicates, unknown ids)
    run from :meth:`NewsbriefDomain.check_consistency` (:func:`register_check`).

Resolvers get a :class:`Context`, which caches derived data (such as the
date-sorted article list) for as long as the records do not change, so a
site of N articles with N views resolves in O(N log N), not O(N²).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable, Iterator, Set
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar, cast

from docutils import nodes
from sphinx import addnodes
from sphinx.domains import Domain

if TYPE_CHECKING:
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment
    from sphinx.util.tags import Tags

T = TypeVar("T")
R = TypeVar("R")
#: The group of outputs that are documents showing views (see :func:`.views.plan_outputs`).
VIEWS = "views"


@dataclass(frozen=True)
class RecordKind(Generic[R]):
    """The key of one kind of record in the store, typed by the record's class.

    Features declare their kinds once (``ARTICLE: RecordKind[Article] =
    RecordKind("article")``); the store's methods then take and return
    records of that class.
    """

    name: str
    #: Fields that only the record's own document shows (an article's word count,
    #: for its reading time): no view, generated page or feed depends on them, so
    #: they are left out of :meth:`Store.fingerprint`.
    own: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.own:
            _OWN_FIELDS[self.name] = self.own


#: Record kind name -> its ``own`` fields.
_OWN_FIELDS: dict[str, tuple[str, ...]] = {}


def _shared_part(kind: str, records: list[Any]) -> object:
    """``records`` without the fields of ``kind`` that only their own document shows."""
    own = _OWN_FIELDS.get(kind)
    if not own:
        return records
    return [
        tuple((f.name, getattr(r, f.name)) for f in fields(r) if f.name not in own) for r in records
    ]


#: A cross-document check: gets the environment and the documents read in this build.
Check = Callable[["BuildEnvironment", Set[str]], None]
_CHECKS: list[Check] = []


#: Resolves a cross-reference of one type: (env, fromdocname, builder, target, node,
#: contnode) -> the reference node, or None when the target is unknown.
XrefResolver = Callable[
    ["BuildEnvironment", str, "Builder", str, "pending_xref", nodes.Element],
    "nodes.reference | None",
]
_XREFS: dict[str, XrefResolver] = {}
#: Reference types that ``:any:`` looks up.
_ANY_XREFS: set[str] = set()


def register_xref(reftype: str, resolve: XrefResolver, *, any_role: bool = True) -> None:
    """Declare how ``newsbrief`` cross-references of ``reftype`` are resolved.

    ``any_role``: whether ``:any:`` looks targets up among them too.
    """
    _XREFS[reftype] = resolve
    if any_role:
        _ANY_XREFS.add(reftype)


def register_check(check: Check) -> None:
    """Declare a cross-document check, run once every document is read.

    A check warns only about documents read in this build (the others were
    reported when they were read), so an incremental build does not repeat
    warnings about unchanged files.
    """
    if check not in _CHECKS:
        _CHECKS.append(check)


class NewsbriefDomain(Domain):
    """Holds the per-document records and views of every feature."""

    name = "newsbrief"
    label = "News brief"
    data_version = 1
    initial_data: ClassVar[dict[str, Any]] = {
        "records": {},  # kind -> docname -> list of records
        # kind -> docname -> index of a record -> the {only} expressions around it
        "only": {},
        "views": {},  # docname -> list of (kind, options)
        # builder -> group ("views", "pages", "feeds", "nav") -> output -> digest last written
        "written": {},
        "plans": {},  # (builder, group) -> Plan of the current build
        "generation": 0,  # bumped on every change; invalidates Context caches
        # docname -> digest of its records, their {only} conditions and its views
        # (computed when asked, dropped when the document changes; see Store.fingerprint)
        "digests": {},
        # (builder, output group) -> fingerprint of the inputs its plan was made from
        "inputs": {},
        "reading": set(),  # documents read in the current build (for the checks)
    }

    def check_consistency(self) -> None:
        """Run the features' cross-document checks (duplicates, unknown ids, merges)."""
        reading: Set[str] = self.data.get("reading", set())
        for check in _CHECKS:
            check(self.env, reading)

    def clear_doc(self, docname: str) -> None:
        for key in ("records", "only"):
            for per_doc in self.data[key].values():
                per_doc.pop(docname, None)
        self.data["views"].pop(docname, None)
        self.data.setdefault("digests", {}).pop(docname, None)
        for groups in self.data["written"].values():  # a re-read page is written anew
            groups.get(VIEWS, {}).pop(docname, None)
        self.data["generation"] += 1

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for key in ("records", "only"):
            for kind, per_doc in otherdata[key].items():
                mine = self.data[key].setdefault(kind, {})
                for docname in docnames & per_doc.keys():
                    mine[docname] = per_doc[docname]
        for docname in docnames & otherdata["views"].keys():
            self.data["views"][docname] = otherdata["views"][docname]
        digests = self.data.setdefault("digests", {})
        for docname in docnames:
            digests.pop(docname, None)
        self.data["generation"] += 1

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> nodes.reference | None:
        resolve = _XREFS.get(typ)
        return resolve(env, fromdocname, builder, target, node, contnode) if resolve else None

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> list[tuple[str, nodes.reference]]:
        found = []
        for typ in sorted(_ANY_XREFS):
            ref = _XREFS[typ](env, fromdocname, builder, target, node, contnode)
            if ref is not None:
                found.append((f"{self.name}:{typ}", ref))
        return found

    @property
    def store(self) -> Store:
        return Store(self)


class Store:
    """Typed access to the domain data; get one with :func:`get_store`."""

    def __init__(self, domain: NewsbriefDomain) -> None:
        self._domain = domain
        self._data = domain.data

    def _changed(self, docname: str) -> None:
        self._data["generation"] += 1
        self._data.setdefault("digests", {}).pop(docname, None)

    def put(self, kind: RecordKind[R], docname: str, record: R) -> None:
        """Set the single record of ``kind`` for ``docname``."""
        self._data["records"].setdefault(kind.name, {})[docname] = [record]
        self._changed(docname)

    def append(
        self, kind: RecordKind[R], docname: str, record: R, only: tuple[str, ...] = ()
    ) -> None:
        """Add one more record of ``kind`` for ``docname``.

        ``only`` are the expressions of the ``{only}`` directives around the
        record in its document: builders whose tags fail one of them do not
        show it (see :meth:`Context.all`).
        """
        records = self._data["records"].setdefault(kind.name, {}).setdefault(docname, [])
        if only:
            conditions = self._data["only"].setdefault(kind.name, {}).setdefault(docname, {})
            conditions[len(records)] = only
        records.append(record)
        self._changed(docname)

    def entries(self, kind: RecordKind[R]) -> Iterator[tuple[R, tuple[str, ...]]]:
        """Every record of ``kind`` with the ``{only}`` expressions around it."""
        conditions = self._data["only"].get(kind.name, {})
        for docname, records in self._data["records"].get(kind.name, {}).items():
            around = conditions.get(docname, {})
            for index, record in enumerate(records):
                yield record, around.get(index, ())

    def get(self, kind: RecordKind[R], docname: str) -> list[R]:
        """The records of ``kind`` stored for ``docname``."""
        return list(self._data["records"].get(kind.name, {}).get(docname, []))

    def all(self, kind: RecordKind[R]) -> Iterator[R]:
        """Every record of ``kind``, in no particular order."""
        for records in self._data["records"].get(kind.name, {}).values():
            yield from records

    def add_view(self, docname: str, name: str, options: Hashable) -> None:
        """Note that ``docname`` shows the view ``name`` with ``options`` (see :mod:`.views`)."""
        self._data["views"].setdefault(docname, []).append((name, options))
        self._changed(docname)

    def views(self) -> dict[str, list[tuple[str, Hashable]]]:
        """Each document's views, as (view name, options) pairs."""
        return cast("dict[str, list[tuple[str, Hashable]]]", self._data["views"])

    def fingerprint(self) -> str:
        """A digest of every document's records, ``{only}`` conditions and views.

        Each document's part is computed once after the document changes (in
        an incremental build, only for the documents read again), so this
        costs hashing N short strings per build, not N records.
        """
        digests: dict[str, str] = self._data.setdefault("digests", {})
        records, only, views = self._data["records"], self._data["only"], self._data["views"]
        docnames = set(views)
        for per_doc in records.values():
            docnames.update(per_doc)
        for docname in docnames - digests.keys():
            mine = [
                (k, _shared_part(k, per_doc[docname]))
                for k, per_doc in records.items()
                if docname in per_doc
            ]
            around = [(k, per_doc[docname]) for k, per_doc in only.items() if docname in per_doc]
            digests[docname] = _digest((sorted(mine), sorted(around), views.get(docname, [])))
        for docname in digests.keys() - docnames:
            del digests[docname]
        return _digest(sorted(digests.items()))

    def context(self, env: BuildEnvironment, tags: Tags | None = None) -> Context:
        """A :class:`Context` for a builder's ``tags``, reused while the records stay the same."""
        cached: Context | None = getattr(self._domain, "_newsbrief_context", None)
        if (
            cached is None
            or cached.generation != self._data["generation"]
            or cached.env is not env
            or cached.tags is not tags
        ):
            cached = Context(env, self, self._data["generation"], tags)
            self._domain._newsbrief_context = cached  # type: ignore[attr-defined]
        return cached


def _digest(data: object) -> str:
    """A stable digest of ``data`` (frozen dataclasses repr deterministically)."""
    return hashlib.blake2b(repr(data).encode("utf-8"), digest_size=16).hexdigest()


class Context:
    """Read-only view of the records for resolvers, with a cache of derived data.

    Made for one builder (its ``tags``): records inside an ``{only}`` that the
    builder leaves out are not shown by :meth:`all` and :meth:`get`. Without
    tags every record counts.
    """

    def __init__(
        self, env: BuildEnvironment, store: Store, generation: int, tags: Tags | None = None
    ) -> None:
        self.env = env
        self.store = store
        self.generation = generation
        self.tags = tags
        self._cache: dict[str, Any] = {}
        self._visible: dict[str, bool] = {}

    def visible(self, only: tuple[str, ...]) -> bool:
        """Whether this builder shows what the ``{only}`` expressions ``only`` enclose."""
        if self.tags is None:
            return True
        for expr in only:
            if expr not in self._visible:
                try:
                    self._visible[expr] = bool(self.tags.eval_condition(expr))
                except Exception:  # Sphinx reports bad expressions itself (and keeps them)
                    self._visible[expr] = True
            if not self._visible[expr]:
                return False
        return True

    def all(self, kind: RecordKind[R]) -> Iterator[R]:
        """Every record of ``kind`` this builder shows, in no particular order."""
        return (record for record, only in self.store.entries(kind) if self.visible(only))

    def get(self, kind: RecordKind[R], docname: str) -> list[R]:
        """The records of ``kind`` in ``docname`` that this builder shows."""
        records = self.store.get(kind, docname)
        around = self.store._data["only"].get(kind.name, {}).get(docname, {})
        return [r for i, r in enumerate(records) if self.visible(around.get(i, ()))]

    def cached(self, key: str, compute: Callable[[], T]) -> T:
        """Return ``compute()``, computed once per generation of the records."""
        if key not in self._cache:
            self._cache[key] = compute()
        return cast("T", self._cache[key])


def get_store(env: BuildEnvironment) -> Store:
    """The collector's store for ``env``."""
    return cast("NewsbriefDomain", env.get_domain("newsbrief")).store


def context_of(app: Sphinx) -> Context:
    """The records as the current builder shows them."""
    tags: Tags | None = getattr(app.builder, "tags", None) if app.builder else None
    return get_store(app.env).context(app.env, tags)


#: Attribute of a node that carries records until the finished doctree is read.
_RECORDS_ATTR = "newsbrief_records"


def note_record(node: nodes.Element, kind: RecordKind[R], record: R) -> None:
    """Attach ``record`` to ``node``; it is stored once the doctree is finished.

    Stored from the finished doctree (on ``doctree-read``), a record knows the
    ``{only}`` directives around it, so a box inside ``{only} latex`` is not
    in the HTML register.
    """
    attached: list[tuple[RecordKind[Any], object]] = node.setdefault(_RECORDS_ATTR, [])
    attached.append((kind, record))


def collect_records(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: store the records attached to nodes, with their ``{only}`` conditions."""
    store = get_store(app.env)
    docname = app.env.docname
    for node in list(doctree.findall(nodes.Element)):
        attached = node.attributes.pop(_RECORDS_ATTR, None)
        if not attached:
            continue
        only = tuple(
            str(parent["expr"]) for parent in _ancestors(node) if isinstance(parent, addnodes.only)
        )
        for kind, record in attached:
            store.append(kind, docname, record, only)


def _ancestors(node: nodes.Node) -> Iterator[nodes.Element]:
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def note_reading(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: remember which documents this build reads."""
    env.domaindata["newsbrief"]["reading"] = set(docnames)


def setup_collector(app: Sphinx) -> None:
    app.add_domain(NewsbriefDomain)
    app.connect("doctree-read", collect_records, priority=400)
    app.connect("env-before-read-docs", note_reading)
