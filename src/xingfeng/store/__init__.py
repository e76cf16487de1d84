"""The event store (存储): campaigns and work items kept in SQLite or PostgreSQL.

The only room that does I/O, and an optional extra: ``pip install 'xingfeng[store]'``.
Built on the ``eventsourcing`` library's recorders (atomic batch inserts, a unique key per
stream and number, a global order for projections); xingfeng adds the event contract
(types, schema versions, upcasters), expected versions, snapshots, seals against edits and
clear errors.  See
``docs/storage.md``.
"""

from xingfeng.store.seal import Seal
from xingfeng.store.store import Store, StoredEvent, open_store

__all__ = ["Seal", "Store", "StoredEvent", "open_store"]
