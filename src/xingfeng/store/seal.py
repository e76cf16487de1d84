"""Sealing (加封): a keyed digest on every stored event and snapshot, so an edit is found.

Replay checks what a command would check, but most fields of an event are free text (an
opinion, a measure, a reason), and an edited text replays as well as the original.  A seal
is an HMAC-SHA256 with the host's key over the stream, the event's number, its type and its
JSON: change any of them, move the row to another stream or number, or drop the seal, and
loading refuses the event (``store.tampered``).  Without the key nobody can make a seal
that passes; the key stays with the host, never in the database.

A sealed row is ``xf-seal/1 <64 hex digits>\\n`` followed by the bytes of the unsealed form.
"""

from __future__ import annotations

import hmac
from collections.abc import Sequence

from xingfeng.exceptions import InvalidArgument

__all__ = ["Seal"]

MARKER = b"xf-seal/1 "
_DIGEST = 64  # hex digits of an HMAC-SHA256
_START = len(MARKER) + _DIGEST + 1  # the unsealed bytes begin after the newline
_MIN_KEY = 16  # 128 bits: below that a key can be searched for


class Seal:
    """The keys a store seals with: ``key`` seals what is written; it and each of
    ``previous`` (keys being retired) open what was written before.

    Give every process of a host the same ``Seal``; rotate by sealing with a new key and
    keeping the old one in ``previous`` until every row is written again.
    """

    __slots__ = ("_keys",)

    def __init__(self, key: bytes, *, previous: Sequence[bytes] = ()) -> None:
        given: object = previous  # checked as anything a caller may pass
        if isinstance(given, bytes | str) or not isinstance(given, Sequence):
            raise InvalidArgument("previous", previous, "旧密钥的序列，如 (旧密钥,)")
        keys = (key, *previous)
        for name, each in zip(("key", *("previous",) * len(previous)), keys, strict=True):
            if not isinstance(each, bytes) or len(each) < _MIN_KEY:
                raise InvalidArgument(
                    name,
                    "<非字节串>" if not isinstance(each, bytes) else f"<{len(each)} 字节的密钥>",
                    f"至少 {_MIN_KEY} 字节的 bytes 密钥，如 secrets.token_bytes(32)",
                )
        self._keys = tuple(dict.fromkeys(keys))

    def __repr__(self) -> str:  # never the key itself: reprs end up in logs
        return f"<Seal，{len(self._keys)} 把密钥>"

    def seal(self, stream: str, number: int, topic: str, body: bytes) -> bytes:
        """``body`` as stored under a seal."""
        return MARKER + self._digest(self._keys[0], stream, number, topic, body) + b"\n" + body

    def open(self, stream: str, number: int, topic: str, stored: bytes) -> bytes | None:
        """The unsealed bytes of ``stored``, or ``None`` if its seal is missing or does not
        match the stream, number, type and bytes under any of the keys."""
        stored = bytes(stored)
        if len(stored) < _START or not stored.startswith(MARKER) or stored[_START - 1] != 10:
            return None
        given = stored[len(MARKER) : _START - 1]
        body = stored[_START:]
        for key in self._keys:
            if hmac.compare_digest(given, self._digest(key, stream, number, topic, body)):
                return body
        return None

    @staticmethod
    def _digest(key: bytes, stream: str, number: int, topic: str, body: bytes) -> bytes:
        # Stream and type length-prefixed, the number's digits ended by a bar: no two
        # (stream, number, type, body) give the same message.
        name, kind = stream.encode(), topic.encode()
        message = b"%d:%b%d:%b%d|%b" % (len(name), name, len(kind), kind, number, body)
        return hmac.digest(key, message, "sha256").hex().encode()


def is_sealed(stored: bytes) -> bool:
    """Whether ``stored`` carries a seal (checked only once it failed to read unsealed)."""
    return bytes(stored[: len(MARKER)]) == MARKER
