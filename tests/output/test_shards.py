"""Shards split the packs stably: every pack in exactly one, whatever else is in the catalogue."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from packgen.output.shards import in_shard, shard_of

IDS = st.lists(st.from_regex(r"[a-z][a-z0-9-]{0,20}", fullmatch=True), unique=True,
               max_size=40)


@given(IDS, st.integers(min_value=1, max_value=12))
def test_the_shards_together_hold_every_pack_exactly_once(ids: list[str], count: int) -> None:
    shards = [in_shard(ids, (i, count)) for i in range(1, count + 1)]
    assert sorted(p for shard in shards for p in shard) == sorted(ids)


@given(IDS, IDS, st.integers(min_value=1, max_value=12))
def test_a_pack_stays_in_its_shard_when_packs_are_added(ids: list[str], more: list[str],
                                                        count: int) -> None:
    before = {p: shard_of(p, count) for p in ids}
    after = {p: i for i in range(1, count + 1) for p in in_shard(ids + more, (i, count))}
    assert all(after[p] == shard for p, shard in before.items())


def test_a_shard_keeps_the_order_it_was_given() -> None:
    ids = [f"pack-{n}" for n in range(30)]
    assert in_shard(ids, (2, 3)) == [p for p in ids if shard_of(p, 3) == 2]
    assert in_shard(ids, None) == ids


def test_the_split_is_fixed_for_a_given_id() -> None:
    assert shard_of("staff-intro", 8) == shard_of("staff-intro", 8)
    assert {shard_of(f"pack-{n}", 4) for n in range(40)} == {1, 2, 3, 4}
