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
import time
import uuid
from typing import Any, NamedTuple
from urllib.parse import parse_qs, unquote, urlsplit

from xingfeng.exceptions import MissingExtra, StoreError

__all__ = ["Backend", "open_backend"]

EVENTS_TABLE = "xingfeng_events"
SNAPSHOTS_TABLE = "xingfeng_snapshots"
SCHEMES = ("sqlite", "postgresql")
# What urllib says of a malformed network address, in Chinese.
_URL_ERRORS = (
    ("out of range", "端口须在 1–65535 之间"),
    ("could not be cast", "端口须为数字"),
    ("IPv6", "IPv6 地址须写在一对方括号内，如 postgresql://[::1]/库"),
)
# The advisory lock a PostgreSQL store holds while creating its tables: any constant the
# host's own advisory locks do not use: the bytes of "xingfeng", a positive bigint.
_CREATION_LOCK = int.from_bytes(b"xingfeng", "big")
_LOCK_WAIT = 60.0


class Backend(NamedTuple):
    """The two recorders a store writes through, and how to close them."""

    events: Any  # an eventsourcing ApplicationRecorder: the events, with a global order
    snapshots: Any  # an eventsourcing AggregateRecorder: at most one snapshot per version
    close: Any
    kind: str
    row: Any  # the recorders' row class: (stream, number, topic, state bytes)


def open_backend(url: object) -> Backend:
    """The recorders ``url`` names, their tables created if missing; a database that
    cannot be reached or opened is ``store.unavailable``, naming the URL without its
    password."""
    if not isinstance(url, str):
        raise StoreError(
            "store.url",
            "地址须为文字",
            value=url,
            expected="'sqlite:///文件路径' 或 'postgresql://…'",
        )
    scheme = url.partition("://")[0].lower()
    shown = masked(url)
    if "://" not in url or scheme not in (*SCHEMES, "postgres"):
        raise StoreError(
            "store.url",
            f"不支持的存储地址 {shown!r}",
            value=shown,
            expected="sqlite://（内存）、sqlite:///文件路径 或 postgresql://用户@主机/库",
        )
    try:
        return _sqlite(url, shown) if scheme == "sqlite" else _postgres(url, shown)
    except (StoreError, MissingExtra):
        raise
    except Exception as error:  # the driver's, whatever it is: the database is not there
        raise StoreError(
            "store.unavailable",
            f"无法打开存储 {shown!r}：{unavailable(error, url)}",
            value=shown,
            expected="可以连接、可以读写的数据库",
        ) from None


def masked(url: str) -> str:
    """``url`` with any password replaced by ``***``: URLs end up in messages and logs.

    The password is whatever lies between the user's colon and the last ``@`` (a password
    may hold ``/``, ``#`` or ``@`` its writer forgot to escape); a ``password=`` in the
    query is masked too.

    >>> masked("postgresql://clerk:pa/ss@word@db:5432/xf?password=x&schema=s")
    'postgresql://clerk:***@db:5432/xf?password=***&schema=s'
    """
    scheme, separator, rest = url.partition("://")
    account, at, place = rest.rpartition("@")
    if separator and at and ":" in account and scheme.lower() != "sqlite":  # a path, there
        rest = f"{account.partition(':')[0]}:***@{place}"
    return scheme + separator + re.sub(r"(?i)(password=)[^&#]*", r"\1***", rest)


def unavailable(error: BaseException, url: str) -> str:
    """What the driver said, on one line, without the URL's password should it quote it."""
    said = " ".join(str(error).split())
    account = url.partition("://")[2].rpartition("@")[0]
    password = account.partition(":")[2]
    if password:
        said = said.replace(password, "***").replace(unquote(password), "***")
    return said[:300] or type(error).__name__


def _sqlite(url: str, shown: str) -> Backend:
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
            f"SQLite 地址 {shown!r} 少了一个斜杠",
            value=shown,
            expected="sqlite:///文件路径",
        )
    path = unquote(rest[1:]) if rest else ""
    if "\x00" in path:
        raise StoreError(
            "store.url", "SQLite 文件路径含空字符", value=shown, expected="sqlite:///文件路径"
        )
    # In memory, eventsourcing shares one database between its connections by URI; each
    # store gets its own.
    name = path or f"file:xingfeng-{uuid.uuid4().hex}?mode=memory&cache=shared"
    datastore = SQLiteDatastore(name, originator_id_type="text", lock_timeout=30)
    events = SQLiteApplicationRecorder(datastore, events_table_name=EVENTS_TABLE)
    snapshots = SQLiteAggregateRecorder(datastore, events_table_name=SNAPSHOTS_TABLE)
    try:
        _create_sqlite_tables(events, snapshots)
    except BaseException:
        datastore.close()  # no connection left open behind a refusal
        raise
    return Backend(events, snapshots, datastore.close, "sqlite", _row_class())


def _postgres(url: str, shown: str) -> Backend:
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
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - read now: a port out of range or not a number raises here
    except ValueError as error:
        said = str(error)
        why = next((chinese for english, chinese in _URL_ERRORS if english in said), said)
        raise StoreError(
            "store.url",
            f"地址 {shown!r} 不合规：{why}",
            value=shown,
            expected="postgresql://用户@主机:端口/库",
        ) from None
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    unknown = sorted(set(query) - {"host", "port", "schema"})
    if unknown:
        raise StoreError(
            "store.url", f"不认识的参数 {unknown}", value=shown, expected="host、port、schema"
        )
    schema = query.get("schema", "")
    if schema and not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", schema):
        raise StoreError(
            "store.url",
            f"模式名 {schema!r} 不合规",
            value=shown,
            expected="小写字母、数字、下划线",
        )
    database = unquote(parts.path.lstrip("/"))
    if not database:
        raise StoreError(
            "store.url", "地址未写数据库名", value=shown, expected="postgresql://用户@主机/库"
        )
    port_text = query.get("port", "")
    given = int(port_text) if re.fullmatch(r"[0-9]{1,5}", port_text) else parts.port
    port = 5432 if given is None else given
    if (port_text and not re.fullmatch(r"[0-9]{1,5}", port_text)) or not 1 <= port <= 65535:
        raise StoreError("store.url", "端口须为 1–65535 的数字", value=shown, expected="1–65535")
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
    try:
        _create_tables(datastore, schema, events, snapshots)
    except BaseException:
        datastore.close()  # no pool left open behind a refusal
        raise
    return Backend(events, snapshots, datastore.close, "postgresql", _row_class())


def _create_tables(datastore: Any, schema: str, events: Any, snapshots: Any) -> None:
    with datastore.get_connection() as connection:
        # Creating the tables replaces their functions as well, and two processes doing
        # so at once fail with "tuple concurrently updated": one opens at a time.
        _wait_for_lock(connection)
        try:
            if schema:
                connection.execute(f'CREATE SCHEMA IF NOT EXISTS "{datastore.schema}"')
            events.create_table()
            snapshots.create_table()
        finally:
            connection.execute("SELECT pg_advisory_unlock(%s)", (_CREATION_LOCK,))


def _create_sqlite_tables(events: Any, snapshots: Any) -> None:
    """Create the tables if missing.  Processes opening one new file together race to turn
    on its write-ahead log, and SQLite answers the losers "database is locked" at once,
    without waiting: they try again, for up to a minute."""
    deadline = time.monotonic() + _LOCK_WAIT
    while True:
        try:
            events.create_table()
            snapshots.create_table()
            return
        except Exception as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _wait_for_lock(connection: Any) -> None:
    """Take the creation lock, trying again for up to a minute (another process may be
    creating the tables); never waiting forever behind an opener that hangs."""
    deadline = time.monotonic() + _LOCK_WAIT
    while True:
        sql = "SELECT pg_try_advisory_lock(%s) AS taken"
        row = connection.execute(sql, (_CREATION_LOCK,)).fetchone()
        if (row["taken"] if isinstance(row, dict) else row[0]) is True:  # dicts, by default
            return
        if time.monotonic() > deadline:
            raise TimeoutError(f"另一进程建表已超过 {_LOCK_WAIT:.0f} 秒未完成")
        time.sleep(0.05)


def _row_class() -> Any:
    from eventsourcing.persistence import StoredEvent

    return StoredEvent
