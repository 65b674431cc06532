"""Pure case rules: priority, opening and raising, the medium repeat rule, transitions, notices."""
from __future__ import annotations

import datetime as dt
import types

import pytest

from escalation import cases as rules
from escalation.cases import Actor, Conflict, Forbidden, InvalidInput

T0 = dt.datetime(2025, 3, 1, 8, 0, tzinfo=dt.timezone.utc)


def case(id, level, minutes_ago):
    return types.SimpleNamespace(id=id, level=level, created_at=T0 - dt.timedelta(minutes=minutes_ago))


def test_priority_level_first_then_oldest_first():
    queue = [case(1, "requested", 60), case(2, "medium", 5), case(3, "imminent", 1), case(4, "high", 2),
             case(5, "high", 30), case(6, "medium", 50), case(7, "imminent", 3)]
    assert [c.id for c in rules.sort_queue(queue)] == [7, 3, 5, 4, 6, 2, 1]


def test_equal_level_and_time_is_stable_by_id():
    assert [c.id for c in rules.sort_queue([case(9, "high", 1), case(8, "high", 1)])] == [8, 9]


@pytest.mark.parametrize("level, earlier, has_open, expected", [
    ("imminent", [], False, "imminent"),
    ("high", [], False, "high"),
    ("medium", [], False, None),                       # a single medium signal: offer a human, no case yet
    ("medium", ["none", "low"], False, None),
    ("medium", ["none", "medium"], False, "medium"),   # the signal repeats
    ("medium", ["high"], False, "medium"),
    ("medium", [None], False, None),                   # unscreened history counts as nothing
    ("medium", [], True, "medium"),                    # merged into the open case
    ("low", ["high", "imminent"], True, None),         # low never opens; the open case stays as it is
    ("none", [], False, None),
])
def test_case_level_for(level, earlier, has_open, expected):
    assert rules.case_level_for(level, earlier, has_open_case=has_open) == expected


def test_merge_only_raises_and_merges_evidence():
    first = [{"term": "kill myself", "start": 2, "end": 13, "category": "suicidal_ideation", "message_id": 1}]
    merged = rules.merge("high", ["suicidal_ideation"], first, "medium", ["hopelessness"],
                         [{"term": "hopeless", "start": 0, "end": 8, "category": "hopelessness"}], message_id=2)
    assert merged.level == "high" and not merged.raised          # never lowered
    assert merged.categories == ["suicidal_ideation", "hopelessness"]
    assert [e["message_id"] for e in merged.evidence] == [1, 2]
    again = rules.merge(merged.level, merged.categories, merged.evidence, "imminent", ["suicidal_ideation"],
                        first, message_id=1)
    assert again.level == "imminent" and again.raised
    assert len(again.evidence) == 2                                # the same span is not added twice
    assert again.categories == ["suicidal_ideation", "hopelessness"]


def test_denial_never_lowers_the_level():
    # "just kidding" is screened as none/low: no case level, and merge with a lower level keeps the case.
    assert rules.case_level_for("none", ["high"], has_open_case=True) is None
    assert rules.merge("imminent", [], [], "requested", [], []).level == "imminent"


def test_requested_is_below_medium():
    assert rules.merge("requested", [], [], "medium", [], []).raised
    assert rules.case_level_rank("requested") < rules.case_level_rank("medium") < rules.case_level_rank("high")


COUNSELLOR = Actor(id=2, role="counsellor", display_name="陈老师")
OTHER = Actor(id=3, role="counsellor", display_name="李老师")
SUPERVISOR = Actor(id=1, role="supervisor", display_name="Admin")


def test_take_rules():
    assert rules.check_take("queued", None, False, COUNSELLOR) == "take"
    assert rules.check_take("with_staff", 2, True, COUNSELLOR) == "resume"
    with pytest.raises(Conflict):
        rules.check_take("with_staff", 2, False, OTHER)
    with pytest.raises(Conflict):
        rules.check_take("with_staff", 2, False, COUNSELLOR)
    with pytest.raises(Conflict):
        rules.check_take("closed", None, False, COUNSELLOR)
    with pytest.raises(Forbidden):  # assigned by a supervisor to someone else
        rules.check_take("queued", 3, False, COUNSELLOR)


def test_post_rules():
    rules.check_post("with_staff", 2, True, COUNSELLOR)
    with pytest.raises(Forbidden):
        rules.check_post("with_staff", 2, True, OTHER)
    with pytest.raises(Forbidden):
        rules.check_post("with_staff", 2, True, SUPERVISOR)  # a supervisor reassigns first
    with pytest.raises(Conflict):
        rules.check_post("with_staff", 2, False, COUNSELLOR)  # handed back: resume first


def test_close_and_assign_rules():
    rules.check_close("with_staff", 2, COUNSELLOR)
    rules.check_close("queued", None, SUPERVISOR)
    with pytest.raises(Forbidden):
        rules.check_close("with_staff", 2, OTHER)
    with pytest.raises(Forbidden):
        rules.check_assign("queued", COUNSELLOR)
    rules.check_assign("with_staff", SUPERVISOR)


@pytest.mark.parametrize("body", [{}, {"outcome": "fixed"}, {"outcome": "other", "note": 5},
                                  {"outcome": "other", "follow_up_due": "next week"}, [], "x"])
def test_parse_close_rejects(body):
    with pytest.raises(InvalidInput):
        rules.parse_close(body)


def test_parse_close_accepts():
    assert rules.parse_close({"outcome": "safety_plan_made", "note": " ok ", "follow_up_due": "2025-03-08"}) == \
        ("safety_plan_made", "ok", dt.date(2025, 3, 8))


def test_wait_estimate():
    assert rules.estimate_wait_seconds(0, 0, 0) is None
    assert rules.estimate_wait_seconds(2, 0, 1) == rules.PICKUP_SECONDS
    assert rules.estimate_wait_seconds(1, 1, 0) == rules.PICKUP_SECONDS + rules.HANDLE_SECONDS
    assert rules.estimate_wait_seconds(1, 0, 3) > rules.estimate_wait_seconds(2, 0, 3)


def test_sla_due():
    kw = {"sla_high": 120, "sla_imminent": 30}
    assert not rules.sla_due("imminent", T0, None, T0 + dt.timedelta(seconds=29), **kw)
    assert rules.sla_due("imminent", T0, None, T0 + dt.timedelta(seconds=30), **kw)
    later = T0 + dt.timedelta(seconds=31)
    assert not rules.sla_due("imminent", T0, later, later + dt.timedelta(seconds=10), **kw)  # once per period
    assert rules.sla_due("imminent", T0, later, later + dt.timedelta(seconds=30), **kw)
    assert not rules.sla_due("medium", T0, None, T0 + dt.timedelta(hours=5), **kw)
    assert rules.sla_due("high", T0, None, T0 + dt.timedelta(seconds=120), **kw)


def test_notices_are_honest_and_bilingual():
    hotlines = ["12355 (youth hotline)"]
    none_en = rules.queued_notice("en", None, hotlines)
    assert "No counsellor is on shift" in none_en and "12355" in none_en
    assert "没有值班" in rules.queued_notice("zh", None, ["12355（青少年服务台）"])
    assert "about 2 minutes" in rules.queued_notice("en", 120, hotlines)
    assert "while you wait, i'm here" in rules.queued_notice("en", 60, hotlines).lower()
    assert "陈老师" in rules.joined_notice("zh", "陈老师", "12355")
    assert "陈老师 from the 12355 hotline has joined" in rules.joined_notice("en", "陈老师", "12355")
    assert "Qingxin assistant" in rules.handback_notice("en")
