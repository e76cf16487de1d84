"""Where events are kept: the ``eventsourcing`` library's SQLite and PostgreSQL recorders,
opened from a URL.

``sqlite://`` is a database in memory; ``sqlite:///events.db`` a file relative to the
working directory and ``sqlite:////var/lib/app/events.db`` an absolute one (three slashes
and the path, as SQLAlchemy writes them).  ``postgresql://user:password@host:5432/db``
reaches a PostgreSQL server; ``?host=/run/postgresql`` gives a Unix socket directory and
``?schema=name`` a schema other than ``public``.
"""

from __future__ import annotations

import re
import uuid
from typing import Any, NamedTuple
from urllib.parse import parse_qs, unquote, urlsplit

from xingfeng.exceptions import MissingExtra, StoreError

__all__ = ["Backend", "open_backend"]

EVENTS_TABLE = "xingfeng_events"
SNAPSHOTS_TABLE = "xingfeng_snapshots"
SCHEMES = ("sqlite", "postgresql")
# The advisory lock a PostgreSQL store holds while creating its tables: any constant the
# host's own advisory locks do not use: the bytes of "xingfeng", a positive bigint.
_CREATION_LOCK = int.from_bytes(b"xingfeng", "big")


class Backend(NamedTuple):
    """The two recorders a store writes through, and how to close them."""

    events: Any  # an eventsourcing ApplicationRecorder: the events, with a global order
    snapshots: Any  # an eventsourcing AggregateRecorder: at most one snapshot per version
    close: Any
    kind: str
    row: Any  # the recorders' row class: (stream, number, topic, state bytes)


def open_backend(url: object) -> Backend:
    """The recorders ``url`` names, their tables created if missing."""
    if not isinstance(url, str):
        raise StoreError(
            "store.url",
            "地址须为文字",
            value=url,
            expected="'sqlite:///文件路径' 或 'postgresql://…'",
        )
    scheme = url.partition("://")[0].lower()
    if "://" not in url or scheme not in (*SCHEMES, "postgres"):
        raise StoreError(
            "store.url",
            f"不支持的存储地址 {url!r}",
            value=url,
            expected="sqlite://（内存）、sqlite:///文件路径 或 postgresql://用户@主机/库",
        )
    if scheme == "sqlite":
        return _sqlite(url)
    return _postgres(url)


def _sqlite(url: str) -> Backend:
    try:
        from eventsourcing.sqlite import (
            SQLiteAggregateRecorder,
            SQLiteApplicationRecorder,
            SQLiteDatastore,
        )
    except ImportError:  # pragma: no cover - the extra is installed in the tests
        raise MissingExtra("事件存储", extra="store", package="eventsourcing") from None
    rest = url[len("sqlite://") :]
    if rest and not rest.startswith("/"):
        raise StoreError(
            "store.url",
            f"SQLite 地址 {url!r} 少了一个斜杠",
            value=url,
            expected="sqlite:///文件路径",
        )
    path = unquote(rest[1:]) if rest else ""
    # In memory, eventsourcing shares one database between its connections by URI; each
    # store gets its own.
    name = path or f"file:xingfeng-{uuid.uuid4().hex}?mode=memory&cache=shared"
    datastore = SQLiteDatastore(name, originator_id_type="text", lock_timeout=30)
    events = SQLiteApplicationRecorder(datastore, events_table_name=EVENTS_TABLE)
    snapshots = SQLiteAggregateRecorder(datastore, events_table_name=SNAPSHOTS_TABLE)
    events.create_table()
    snapshots.create_table()
    return Backend(events, snapshots, datastore.close, "sqlite", _row_class())


def _postgres(url: str) -> Backend:
    try:
        from eventsourcing.postgres import (
            PostgresAggregateRecorder,
            PostgresApplicationRecorder,
            PostgresDatastore,
        )
    except ImportError:  # pragma: no cover - the extra is installed in the tests
        raise MissingExtra(
            "PostgreSQL 事件存储", extra="store", package="eventsourcing[postgres]"
        ) from None
    parts = urlsplit(url)
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    unknown = sorted(set(query) - {"host", "port", "schema"})
    if unknown:
        raise StoreError(
            "store.url", f"不认识的参数 {unknown}", value=url, expected="host、port、schema"
        )
    schema = query.get("schema", "")
    if schema and not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", schema):
        raise StoreError(
            "store.url", f"模式名 {schema!r} 不合规", value=url, expected="小写字母、数字、下划线"
        )
    database = unquote(parts.path.lstrip("/"))
    if not database:
        raise StoreError(
            "store.url", "地址未写数据库名", value=url, expected="postgresql://用户@主机/库"
        )
    try:
        port = int(query.get("port") or parts.port or 5432)
    except ValueError:
        raise StoreError("store.url", "端口须为数字", value=url, expected="1–65535") from None
    datastore = PostgresDatastore(
        dbname=database,
        host=query.get("host") or parts.hostname or "localhost",
        port=port,
        user=unquote(parts.username or ""),
        password=unquote(parts.password or ""),
        schema=schema,
        originator_id_type="text",
        pool_size=2,
        max_overflow=4,
    )
    events = PostgresApplicationRecorder(datastore, events_table_name=EVENTS_TABLE)
    snapshots = PostgresAggregateRecorder(datastore, events_table_name=SNAPSHOTS_TABLE)
    with datastore.get_connection() as connection:
        # Creating the tables replaces their functions as well, and two processes doing
        # so at once fail with "tuple concurrently updated": one opens at a time.
        connection.execute("SELECT pg_advisory_lock(%s)", (_CREATION_LOCK,))
        try:
            if schema:
                connection.execute(f'CREATE SCHEMA IF NOT EXISTS "{datastore.schema}"')
            events.create_table()
            snapshots.create_table()
        finally:
            connection.execute("SELECT pg_advisory_unlock(%s)", (_CREATION_LOCK,))
    return Backend(events, snapshots, datastore.close, "postgresql", _row_class())


def _row_class() -> Any:
    from eventsourcing.persistence import StoredEvent

    return StoredEvent
