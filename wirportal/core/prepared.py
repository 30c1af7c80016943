"""ORM queries compiled once per database connection and run again with new values.

Django builds and compiles the SQL of every query anew: about 0.2 ms for a lookup by key, while
SQLite needs about 15 µs to run it. A signed-in request makes several such fixed-shape lookups
before a page does any work of its own (the session, the user, the content versions of the cached
fragments, the application being edited). `PreparedQuery` compiles such a query the first time a
connection runs it, with placeholder values, and afterwards only executes the SQL that Django
generated, with the same converters and model construction as a normal QuerySet (select_related
included). The SQL is Django's own, parameters stay bound parameters: no SQL is written by hand.

Rules for `build`: it must return the same query shape for every call and take every value that
changes as a keyword argument declared with its kind (`int` or `str`). Nothing else may vary: no
`timezone.now()` inside (compare such values in Python), no lists of varying length (use one
prepared query per length). A value that a lookup transforms so the placeholder is no longer
recognisable raises `ValueError` at the first use, not a wrong result.

`PreparedUpdate` does the same for `QuerySet.update()` of a fixed set of columns: the filter
follows the rules above, the new values go through each field's `get_db_prep_save` exactly as
Django's update compiler does. Like `update()` it sends no signals and does not touch `auto_now`
fields: the caller sets them and calls `core.caching.bump()` itself.

Since ADR 0013 the session, the person, their permissions and the content tokens come from the
shared cache; prepared queries remain only where `make bench` showed the pages lose without
them (the draft autosave and the application page), on an allow-list
(tests/test_prepared_queries.py). No private ORM API: rows become models through the documented
`Model.from_db`, with the default fetch mode.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, cast

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import FETCH_ONE, QuerySet
from django.db.models.query import get_related_populators
from django.db.models.sql import UpdateQuery

# Placeholders no real value takes: large negative numbers, strings with private-use characters.
_INT_BASE = -(2**62)


def _placeholder(kind: type, index: int) -> int | str:
    if kind is int:
        return _INT_BASE - index
    if kind is str:
        return f"\ue000prepared-{index}\ue000"
    raise TypeError(f"PreparedQuery parameters are int or str, not {kind!r}")


@dataclass(slots=True)
class _Compiled:
    sql: str
    params: list[Any]
    slots: list[tuple[int, str]]  # (position in params, value name)
    compiler: Any
    converters: dict
    col_count: int
    model: Any = None  # None: values_list() rows
    from_db: Any = None
    init_list: list[str] = field(default_factory=list)
    model_slice: slice = slice(0)
    populators: list = field(default_factory=list)
    annotations: list[tuple[str, int]] = field(default_factory=list)


class _PerConnection[T]:
    """Compiled once per connection object (one per thread): converters and adapted values are
    bound to the connection they were made with. Kept in the thread's own storage, which ends
    with the thread: the compiled state refers to the connection, so a store that outlived the
    thread kept every thread's connection open (issue #13, tests/test_connection_leak.py)."""

    def __init__(self) -> None:
        self._local = threading.local()

    def _compile(self, connection) -> T:
        raise NotImplementedError

    def _compiled_for(self, using: str) -> tuple[Any, T]:
        connection = connections[using]
        mine: dict[str, tuple[Any, T]] = self._local.__dict__.setdefault("compiled", {})
        entry = mine.get(using)
        if entry is None or entry[0] is not connection:
            entry = mine[using] = (connection, self._compile(connection))
        return entry


class PreparedQuery(_PerConnection[_Compiled]):
    """A fixed-shape query: `PreparedQuery(lambda pk: User.objects.filter(pk=pk), pk=int)`.

    `fetch(**values)` returns what iterating the QuerySet would (model instances, or tuples for
    `values_list()`); `first(**values)` the first of them or None.
    """

    def __init__(self, build: Callable[..., QuerySet], **params: type) -> None:
        super().__init__()
        self.build = build
        self.params = params

    def _compile(self, connection) -> _Compiled:
        placeholders = {
            name: _placeholder(kind, index)
            for index, (name, kind) in enumerate(self.params.items())
        }
        queryset = self.build(**placeholders)
        # values_list() tuples when columns were chosen, else model instances (no flat/named rows)
        as_tuples = bool(queryset.query.values_select)
        compiler = queryset.query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        names = {value: name for name, value in placeholders.items()}
        slots = [
            names.get(value) if type(value) in (int, str) else None  # bool is no placeholder
            for value in params
        ]
        missing = set(placeholders) - set(slots)
        if missing:
            raise ValueError(f"PreparedQuery: {sorted(missing)} not found among the SQL parameters")
        compiled = _Compiled(
            sql=sql,
            params=list(params),
            slots=[(index, name) for index, name in enumerate(slots) if name is not None],
            compiler=compiler,
            converters=compiler.get_converters(
                [column[0] for column in compiler.select[: compiler.col_count]]
            ),
            col_count=compiler.col_count,
        )
        if not as_tuples:
            select, klass_info = compiler.select, compiler.klass_info
            fields = klass_info["select_fields"]
            compiled.model_slice = slice(fields[0], fields[-1] + 1)
            compiled.init_list = [
                column[0].target.attname for column in select[compiled.model_slice]
            ]
            compiled.model = klass_info["model"]
            # the documented Model.from_db; prepared queries use the default fetch mode
            compiled.from_db = functools.partial(compiled.model.from_db, fetch_mode=FETCH_ONE)
            compiled.populators = get_related_populators(
                klass_info, select, connection.alias, FETCH_ONE
            )
            compiled.annotations = list(compiler.annotation_col_map.items())
        return compiled

    def fetch(self, *, using: str = DEFAULT_DB_ALIAS, **values: Any) -> list:
        connection, compiled = self._compiled_for(using)
        params = list(compiled.params)
        for index, name in compiled.slots:
            params[index] = values[name]
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            rows: Any = cursor.fetchall()
        if compiled.converters:
            rows = compiled.compiler.apply_converters(rows, compiled.converters)
        if compiled.model is None:
            return [tuple(row[: compiled.col_count]) for row in rows]
        objects = []
        for row in rows:
            obj = compiled.from_db(using, compiled.init_list, row[compiled.model_slice])
            for populator in compiled.populators:
                populator.populate(row, obj)
            for attname, position in compiled.annotations:
                setattr(obj, attname, row[position])
            objects.append(obj)
        return objects

    def first(self, *, using: str = DEFAULT_DB_ALIAS, **values: Any) -> Any:
        rows = self.fetch(using=using, **values)
        return rows[0] if rows else None


@dataclass(slots=True)
class _CompiledUpdate:
    sql: str
    params: list[Any]
    slots: list[tuple[int, str]]  # filter values: (position in params, value name)
    fields: list[Any]  # the model fields of the SET columns, in the order of their parameters


class PreparedUpdate(_PerConnection[_CompiledUpdate]):
    """`UPDATE … SET <columns> WHERE <fixed-shape filter>`, compiled once per connection.

    `PreparedUpdate(lambda pk: Application.objects.filter(pk=pk), ("title", "updated_at"), pk=int)`;
    `execute({"title": "…", "updated_at": now}, pk=7)` returns the number of rows changed, like
    `QuerySet.update()`. Every column named must be given a value on every call (fixed shape);
    a foreign key takes the id. Besides int and str, a filter value may be an aware `datetime`
    compared with `=` to a DateTimeField (e.g. an optimistic check of `updated_at`).
    """

    def __init__(
        self, build: Callable[..., QuerySet], columns: tuple[str, ...], **params: type
    ) -> None:
        super().__init__()
        self.build = build
        self.columns = tuple(columns)
        self.params = params

    def _compile(self, connection) -> _CompiledUpdate:
        placeholders = {
            name: _update_placeholder(kind, index)
            for index, (name, kind) in enumerate(self.params.items())
        }
        queryset = self.build(**placeholders)
        query = cast(UpdateQuery, queryset.query.chain(UpdateQuery))
        # None passes every field's get_db_prep_save unchanged: one "%s" per column
        query.add_update_values(dict.fromkeys(self.columns))
        set_values = query.values  # type: ignore[attr-defined]  # (field, model, value) triples
        if query.get_related_updates() or len(set_values) != len(self.columns):
            raise TypeError("PreparedUpdate: only concrete columns of the model's own table")
        query.clear_select_clause()
        compiler = query.get_compiler(connection=connection)
        fields = [column for column, _model, _value in set_values]
        if any(getattr(f, "get_placeholder_sql", None) is not None for f in fields):
            raise TypeError("PreparedUpdate: a column with its own SQL placeholder")
        sql, params = compiler.as_sql()
        if any(value is not None for value in params[: len(fields)]):
            raise TypeError("PreparedUpdate: the SET clause is not one parameter per column")
        # how each kind appears among the parameters (a datetime as the backend adapts it)
        names = {
            _adapt(self.params[name], value, connection): name
            for name, value in placeholders.items()
        }
        slots = [
            (index, names[value])
            for index, value in enumerate(params)
            if index >= len(fields) and type(value) is not bool and value in names
        ]
        missing = set(placeholders) - {name for _index, name in slots}
        if missing:
            raise ValueError(
                f"PreparedUpdate: {sorted(missing)} not found among the SQL parameters"
            )
        return _CompiledUpdate(sql=sql, params=list(params), slots=slots, fields=fields)

    def execute(
        self, values: dict[str, Any], *, using: str = DEFAULT_DB_ALIAS, **filters: Any
    ) -> int:
        connection, compiled = self._compiled_for(using)
        if values.keys() != set(self.columns):
            raise ValueError(f"PreparedUpdate: values for exactly {sorted(self.columns)}")
        params = list(compiled.params)
        for index, (column, model_field) in enumerate(
            zip(self.columns, compiled.fields, strict=True)
        ):
            params[index] = model_field.get_db_prep_save(values[column], connection=connection)
        for index, name in compiled.slots:
            params[index] = _adapt(self.params[name], filters[name], connection)
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            return cursor.rowcount


def _update_placeholder(kind: type, index: int) -> Any:
    if kind is datetime:
        # a day after the smallest datetime: no real value, and no overflow in any time zone
        return datetime(1, 1, 2, tzinfo=UTC) + timedelta(microseconds=index + 1)
    return _placeholder(kind, index)


def _adapt(kind: type, value: Any, connection) -> Any:
    """A filter value as the SQL parameters carry it (what `field = value` lookups send)."""
    if kind is datetime:
        if value.tzinfo is None:
            raise ValueError("PreparedUpdate: datetime values must be aware")
        return connection.ops.adapt_datetimefield_value(value)
    return value
