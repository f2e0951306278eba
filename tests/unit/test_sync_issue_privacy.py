"""Sync problems of mediation records are shown to, and settled by, only those who may see the
records (人民调解法 art. 15): the mediators and the grid's leader, not the station admin nor the
leader of another grid. Problems of other records are everyone's."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from gridstation.db import accounts
from gridstation.db.accounts import SignedIn
from gridstation.db.errors import PermissionDenied
from gridstation.db.store import Store
from gridstation.sync import issues

from .conftest import OTHER_GRID, OWN_GRID

PASSWORD = "Member#2026x"


def add_user(store: Store, admin: SignedIn, username: str, role: str, grid: str | None) -> SignedIn:
    with store.write() as session:
        return accounts.create_user(session, actor=admin.actor, at="2026-11-27T09:00:00.000+00:00", username=username,
                                    display_name=username, role=role, password=PASSWORD, grid_code=grid)


def add_issue(store: Store, kind: str, grid: str, title: str) -> int:
    with store.write() as session:
        session.execute(
            text("INSERT INTO sync_issue (op_id, kind, record_id, issue, reason, conflict_fields, local_payload, "
                 "server_payload, server_version, created_at) VALUES (:op, :k, :r, 'rejected', 'grid not served', "
                 "'[]', :lp, NULL, NULL, '2026-11-27T09:00:00+00:00')"),
            {"op": f"op-{title}", "k": kind, "r": f"rec-{title}",
             "lp": json.dumps({"id": f"rec-{title}", "grid_code": grid, "title": title}, ensure_ascii=False)})
        return int(session.execute(text("SELECT max(id) FROM sync_issue")).scalar_one())


@pytest.fixture
def people(store: Store, admin: SignedIn) -> dict[str, SignedIn]:
    return {"admin": admin, "leader": add_user(store, admin, "wangfang", "grid_leader", OWN_GRID),
            "other_leader": add_user(store, admin, "lijun", "grid_leader", OTHER_GRID),
            "mediator": add_user(store, admin, "zhaomin", "mediator", None)}


def titles(found: list[issues.SyncIssue]) -> list[str]:
    return [issue.local_payload["title"] for issue in found]


def test_mediation_problems_are_seen_only_by_who_may_see_the_case(store: Store, people: dict[str, SignedIn]) -> None:
    add_issue(store, "mediation_case", OWN_GRID, "张桂兰与李建国漏水纠纷")
    add_issue(store, "todo", OWN_GRID, "检查消防通道")
    add_issue(store, "mediation_party", OTHER_GRID, "赵六")
    seen = {name: titles(issues.open_issues(store, viewer)) for name, viewer in people.items()}
    assert seen == {"admin": ["检查消防通道"], "leader": ["张桂兰与李建国漏水纠纷", "检查消防通道"],
                    "other_leader": ["检查消防通道", "赵六"],
                    "mediator": ["张桂兰与李建国漏水纠纷", "检查消防通道", "赵六"]}
    hidden = {name: issues.hidden_count(store, viewer) for name, viewer in people.items()}
    assert hidden == {"admin": 2, "leader": 1, "other_leader": 1, "mediator": 0}
    assert len(issues.open_issues(store)) == 3  # without a viewer (the sync engine): all of them


def test_only_who_may_see_a_mediation_record_can_settle_its_problem(store: Store,
                                                                    people: dict[str, SignedIn]) -> None:
    case_issue = add_issue(store, "mediation_case", OWN_GRID, "漏水纠纷")
    for name in ("admin", "other_leader"):
        for settle in (issues.drop, issues.resend):
            with pytest.raises(PermissionDenied):
                settle(store, case_issue, viewer=people[name])
        with pytest.raises(PermissionDenied):
            issues.edit_and_resend(store, people[name].actor, case_issue, {"title": "改"}, viewer=people[name])
    assert [i.id for i in issues.open_issues(store)] == [case_issue]  # nothing was settled
    issues.drop(store, case_issue, viewer=people["leader"])
    assert issues.open_issues(store) == []


def test_a_correction_keeps_the_diarys_own_rules(store: Store, people: dict[str, SignedIn]) -> None:
    """The correction form cannot reopen a closed day (日清), change what the amendment flow decides,
    or let someone other than the author rewrite a diary."""
    from datetime import date

    from gridstation.db import diary
    from gridstation.db.errors import PermissionDenied
    from gridstation.domain.errors import ValidationError

    leader = people["leader"]
    page = diary.open_day(store, leader.actor, grid_code=OWN_GRID, day=date(2026, 11, 26))
    item = diary.add_item(store, leader.actor, page.id, category="patrol", time="09:00", place="3号楼",
                          problem="楼道堆物", action="已清理")
    with store.write() as session:
        session.execute(text("INSERT INTO sync_issue (op_id, kind, record_id, issue, reason, conflict_fields, "
                             "local_payload, created_at) VALUES ('op-item', 'diary_item', :r, 'rejected', 'x', '[]', "
                             ":p, '2026-11-27T09:00:00+00:00')"),
                        {"r": item.id, "p": json.dumps({"grid_code": OWN_GRID})})
        issue_id = int(session.execute(text("SELECT max(id) FROM sync_issue")).scalar_one())
    with pytest.raises(PermissionDenied):  # another user's diary, even the admin's view of it
        issues.edit_and_resend(store, people["admin"].actor, issue_id, {"place": "改写"}, viewer=people["admin"])
    with pytest.raises(ValueError):  # what the amendment flow decides is not offered
        issues.edit_and_resend(store, leader.actor, issue_id, {"retracted": True}, viewer=leader)
    diary.close_day(store, leader.actor, page.id)
    with pytest.raises(ValidationError, match="closed"):
        issues.edit_and_resend(store, leader.actor, issue_id, {"place": "改写"}, viewer=leader)
    with store.read() as session:
        assert session.execute(text("SELECT place FROM diary_item WHERE id = :i"), {"i": item.id}).scalar_one() \
            == "3号楼"
    assert "closed" not in issues.editable_fields("diary_day")
