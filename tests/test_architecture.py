"""The rooms: what each promises, one handler per event, and no public name lost.

The direction of imports between the rooms is checked by ``lint-imports`` (the ``layers``
contract in ``pyproject.toml``), which ``make lint`` runs; these tests check what a linter
of imports cannot.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import xingfeng
from xingfeng.campaign import aggregate
from xingfeng.campaign.events import EVENT_TYPES, CampaignLaunched
from xingfeng.rectification import events as loop_events
from xingfeng.rectification import loop

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "xingfeng"
ROOMS = (
    "calendar",
    "organization",
    "assessment",
    "obligations",
    "rectification",
    "campaign",
    "rules",
    "reports",
    "adapters",
    "store",
)
GROUND = ("exceptions", "rounding", "serialization")


def test_every_event_type_has_exactly_one_handler() -> None:
    """Each event but the launch is handled by exactly one aggregate's table, and each
    aggregate handles the events it owns: the loop those of its room, the campaign its own."""
    loop_table, campaign_table = set(loop.HANDLERS), set(aggregate.HANDLERS)
    assert not loop_table & campaign_table
    assert loop_table | campaign_table == set(EVENT_TYPES) - {CampaignLaunched}
    owned_by_loop = {getattr(loop_events, name) for name in loop_events.__all__}
    assert loop_table == owned_by_loop
    for table in (loop.HANDLERS, aggregate.HANDLERS):
        for handler in table.values():
            assert handler.command.isidentifier()
            assert callable(handler.check)
            assert callable(handler.apply)


def test_every_public_name_is_importable_from_its_room() -> None:
    """A name from ``xingfeng`` is the same object as the one its room exports."""
    exported = {
        room: set(importlib.import_module(f"xingfeng.{room}").__all__) for room in ROOMS + GROUND
    }
    for name in xingfeng.__all__:
        rooms = [room for room, names in exported.items() if name in names]
        assert rooms, f"{name} is exported by no room"
        room = importlib.import_module(f"xingfeng.{rooms[0]}")
        assert getattr(room, name) is getattr(xingfeng, name), name


def test_each_room_exports_what_its_modules_define() -> None:
    """A room's ``__all__`` is the union of its modules' ``__all__``: nothing public hides in
    a module without being importable from the room."""
    for room in ROOMS:
        package = importlib.import_module(f"xingfeng.{room}")
        found: set[str] = set()
        for path in sorted((PACKAGE / room).glob("[!_]*.py")):
            module = importlib.import_module(f"xingfeng.{room}.{path.stem}")
            found |= set(module.__all__)
        assert set(package.__all__) == found, room


def test_no_public_name_disappears_without_a_changelog_entry() -> None:
    """Every name once promised is still in ``xingfeng.__all__``, or the CHANGELOG says it is
    deprecated or removed; a new name is added to ``tests/public_names.txt``."""
    listed = [
        line.strip()
        for line in (ROOT / "tests" / "public_names.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    retired = set(re.findall(r"^- (?:Deprecated|Removed)[^`]*`(\w+)`", changelog, re.MULTILINE))
    missing = [name for name in listed if name not in xingfeng.__all__ and name not in retired]
    assert not missing, f"gone from xingfeng without a CHANGELOG entry: {missing}"
    unlisted = sorted(set(xingfeng.__all__) - set(listed))
    assert not unlisted, f"add to tests/public_names.txt: {unlisted}"


def test_at_most_eight_public_modules_remain_in_the_hall() -> None:
    """The top of the package holds the ground floor and the entry points, no concepts."""
    public = sorted(p.name for p in PACKAGE.glob("*.py") if not p.stem.startswith("_"))
    assert public == ["exceptions.py", "rounding.py", "serialization.py", "testing.py"]
    assert len([*PACKAGE.glob("*.py")]) <= 8
    rooms = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file())
    assert rooms == sorted((*ROOMS, "data"))


def test_every_public_enum_has_a_chinese_label_for_each_member() -> None:
    """One labelled-enum base: every public enum's members carry a Chinese label, and the
    value (what is stored) stays the English key."""
    import enum

    from xingfeng._checks import LabelledEnum

    enums = [
        obj
        for name in xingfeng.__all__
        if isinstance(obj := getattr(xingfeng, name), type) and issubclass(obj, enum.Enum)
    ]
    assert len(enums) >= 28
    for kind in enums:
        assert issubclass(kind, LabelledEnum), kind
        for member in kind:
            assert re.search(r"[\u4e00-\u9fff]", member.label), member
            assert isinstance(member.value, str)
            assert kind(member.value) is member
