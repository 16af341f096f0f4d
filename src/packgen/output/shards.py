"""Split a catalogue of packs into shards for a CI matrix: the same pack always lands in the
same shard, whatever other packs are added or removed."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence


def shard_of(pack_id: str, count: int) -> int:
    """Return the shard (1 to ``count``) that ``pack_id`` belongs to: its SHA-256, modulo."""
    return int(hashlib.sha256(pack_id.encode("utf-8")).hexdigest(), 16) % count + 1


def in_shard(pack_ids: Sequence[str], shard: tuple[int, int] | None) -> list[str]:
    """Return the pack ids of shard ``(index, count)``, in order; all of them for None."""
    if shard is None:
        return list(pack_ids)
    index, count = shard
    return [p for p in pack_ids if shard_of(p, count) == index]
