"""The SDG targets items are tagged with: the 2030 Agenda's 169, and what a wrong one says."""

from __future__ import annotations

import string

import pytest

from gfmd_reports.sdg import sdg_target, sdg_target_problem, sdg_targets

# The 2030 Agenda (A/RES/70/1): each goal's numbered targets and lettered ones.
TARGETS_BY_GOAL = {
    1: (5, 2), 2: (5, 3), 3: (9, 4), 4: (7, 3), 5: (6, 3), 6: (6, 2), 7: (3, 2), 8: (10, 2),
    9: (5, 3), 10: (7, 3), 11: (7, 3), 12: (8, 3), 13: (3, 2), 14: (7, 3), 15: (9, 3),
    16: (10, 2), 17: (19, 0),
}  # fmt: skip


def test_the_list_holds_the_169_targets_goal_by_goal():
    targets = sdg_targets()
    assert sum(map(len, targets.values())) == 169
    assert [len(targets[goal]) for goal in range(1, 18)] == [
        7, 8, 13, 10, 9, 8, 5, 12, 8, 10, 10, 11, 5, 10, 12, 12, 19
    ]  # fmt: skip
    for goal, (numbered, lettered) in TARGETS_BY_GOAL.items():
        assert targets[goal] == (
            *(f"{goal}.{n}" for n in range(1, numbered + 1)),
            *(f"{goal}.{letter}" for letter in string.ascii_lowercase[:lettered]),
        )


@pytest.mark.parametrize("target", ["1.1", "8.10", "10.7", "10.c", "16.10", "17.19", "3.d"])
def test_a_target_of_the_agenda_is_one(target):
    assert sdg_target_problem(target) is None


@pytest.mark.parametrize(
    ("written", "target"), [("10.C", "10.c"), ("10.07", "10.7"), (" 8.8 ", "8.8"), ("x", "x")]
)
def test_a_target_is_kept_as_the_list_writes_it(written, target):
    assert sdg_target(written) == target


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("10.8", "“10.8” is not a target of SDG 10: its targets are 10.1–10.7 and 10.a–10.c"),
        ("17.20", "“17.20” is not a target of SDG 17: its targets are 17.1–17.19"),
        ("17.a", "“17.a” is not a target of SDG 17: its targets are 17.1–17.19"),
        ("7.c", "“7.c” is not a target of SDG 7: its targets are 7.1–7.3 and 7.a–7.b"),
        (
            "18.1",
            "“18.1” is not an SDG target: there are 17 Sustainable Development Goals, "
            "numbered 1–17",
        ),
        (
            "0.1",
            "“0.1” is not an SDG target: there are 17 Sustainable Development Goals, numbered 1–17",
        ),
        (
            "SDG 10.7",
            "“SDG 10.7” is not an SDG target: write the goal's number, a full stop and the "
            "target's number or letter, as 10.7 or 10.c",
        ),
    ],
)
def test_a_wrong_target_says_which_the_goal_has(written, message):
    assert sdg_target_problem(written) == message
