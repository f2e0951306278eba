"""Accounts: what the sign-in and change-password answers reveal and record, passwords that contain the
user name or repeat the old one, and the station admin's tools (reset, deactivate, role, unlock)."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlmodel import select

from gridstation.db import accounts
from gridstation.db.accounts import LOCKOUT_SECONDS, LoginError, SignedIn
from gridstation.db.errors import PermissionDenied
from gridstation.db.models import AuditEntry, UserAccount
from gridstation.db.store import Store
from gridstation.domain.errors import ValidationError
from gridstation.domain.passwords import check_password_policy

from .conftest import ADMIN_PASSWORD, OTHER_GRID, OWN_GRID, FakeClock

LEADER_PASSWORD = "Leader#2026x"


def add_user(store: Store, admin: SignedIn, username: str, role: str = "grid_leader",
             grid_code: str | None = OWN_GRID) -> SignedIn:
    with store.write() as session:
        return accounts.create_user(session, actor=admin.actor, at="2026-11-27T09:00:00.000+00:00",
                                    username=username, display_name="王芳", role=role, password=LEADER_PASSWORD,
                                    grid_code=grid_code)


@pytest.fixture
def leader(store: Store, admin: SignedIn) -> SignedIn:
    return add_user(store, admin, "wangfang")


def entries(store: Store) -> list[AuditEntry]:
    with store.read() as session:
        return list(session.exec(select(AuditEntry).order_by(text("seq"))))


def last_entry(store: Store) -> AuditEntry:
    return entries(store)[-1]


def account(store: Store, username: str) -> UserAccount:
    with store.read() as session:
        return session.exec(select(UserAccount).where(UserAccount.username == username)).one()


# -- sign-in: what is answered and what is recorded --------------------------------------------------


def test_a_password_typed_as_the_user_name_is_not_recorded(store: Store, admin: SignedIn) -> None:
    with pytest.raises(LoginError):
        accounts.authenticate(store, ADMIN_PASSWORD, ADMIN_PASSWORD)  # the password in both fields
    entry = last_entry(store)
    assert (entry.action, entry.actor, entry.detail, entry.success) == ("login", "?", "unknown user", False)
    assert not [e for e in entries(store) if ADMIN_PASSWORD in f"{e.actor} {e.target} {e.detail}"]


def test_a_wrong_password_gets_the_same_answer_whether_or_not_the_name_exists(store: Store,
                                                                                leader: SignedIn) -> None:
    answers = []
    for username in ("wangfang", "nobody"):
        for _ in range(4):
            with pytest.raises(LoginError) as err:
                accounts.authenticate(store, username, "Wrong#pass1")
            answers.append((str(err.value), err.value.params, err.value.locked_seconds))
    assert answers == [("Wrong user name or password.", {}, 0.0)] * 8
    # The lockout still counts for the real account (and then says so: documented in accounts.py).
    with pytest.raises(LoginError, match="locked"):
        accounts.authenticate(store, "wangfang", "Wrong#pass1")


def test_a_deactivated_user_cannot_sign_in(store: Store, admin: SignedIn, leader: SignedIn) -> None:
    accounts.set_active(store, admin, user_id=leader.user_id, active=False)
    with pytest.raises(LoginError, match="deactivated"):
        accounts.authenticate(store, "wangfang", LEADER_PASSWORD)
    with pytest.raises(LoginError, match="^Wrong user name or password.$"):  # without the password: no hint
        accounts.authenticate(store, "wangfang", "Wrong#pass1")
    assert (last_entry(store).actor, last_entry(store).success) == ("wangfang", False)
    accounts.set_active(store, admin, user_id=leader.user_id, active=True)
    assert accounts.authenticate(store, "wangfang", LEADER_PASSWORD).active


# -- changing one's own password -----------------------------------------------------------------------


def test_wrong_current_passwords_are_counted_audited_and_lock(store: Store, leader: SignedIn,
                                                              clock: FakeClock) -> None:
    for attempt in range(1, 5):
        with pytest.raises(ValidationError, match="current password is wrong") as err:
            accounts.change_password(store, leader, "Guess#0000", "Fresh#2026y")
        assert err.value.field == "old_password"
        entry = last_entry(store)
        assert (entry.actor, entry.action, entry.success) == ("wangfang", "user.password", False)
        assert entry.detail == f"wrong current password, failed attempt {attempt}"
    with pytest.raises(LoginError, match="locked") as locked:
        accounts.change_password(store, leader, "Guess#0000", "Fresh#2026y")
    assert locked.value.locked_seconds == LOCKOUT_SECONDS
    with pytest.raises(LoginError, match="locked"):  # the same lock as for signing in
        accounts.authenticate(store, "wangfang", LEADER_PASSWORD)
    with pytest.raises(LoginError, match="locked"):  # and the right password cannot change it meanwhile
        accounts.change_password(store, leader, LEADER_PASSWORD, "Fresh#2026y")
    clock.advance(LOCKOUT_SECONDS + 1)
    accounts.change_password(store, leader, LEADER_PASSWORD, "Fresh#2026y")
    assert accounts.authenticate(store, "wangfang", "Fresh#2026y").username == "wangfang"


def test_failed_logins_and_wrong_current_passwords_add_up(store: Store, leader: SignedIn) -> None:
    for _ in range(3):
        with pytest.raises(LoginError):
            accounts.authenticate(store, "wangfang", "Wrong#pass1")
    with pytest.raises(ValidationError):
        accounts.change_password(store, leader, "Guess#0000", "Fresh#2026y")
    with pytest.raises(LoginError, match="locked"):
        accounts.authenticate(store, "wangfang", "Wrong#pass1")


# -- weak passwords ------------------------------------------------------------------------------------


@pytest.mark.parametrize("password", ["newuser1A", "NEWUSER#2026", "Ab1#NewUser"])
def test_a_password_containing_the_user_name_is_refused(password: str) -> None:
    check_password_policy(password)  # strong enough on its own
    with pytest.raises(ValidationError, match="must not contain the user name") as err:
        check_password_policy(password, field="new_password", username="newuser")
    assert err.value.field == "new_password"


def test_a_short_user_name_inside_a_password_is_allowed() -> None:
    check_password_policy("Li#2026ming", username="li")


def test_new_accounts_refuse_a_password_with_the_user_name(store: Store, admin: SignedIn) -> None:
    with pytest.raises(ValidationError, match="user name") as err, store.write() as session:
        accounts.create_user(session, actor=admin.actor, at="t", username="newuser", display_name="新用户",
                             role="grid_leader", password="newuser1A", grid_code=OWN_GRID)
    assert err.value.field == "password"
    assert [u.username for u in accounts.list_users(store)] == ["admin"]


def test_changing_to_the_same_or_a_name_password_is_refused(store: Store, leader: SignedIn) -> None:
    with pytest.raises(ValidationError, match="must differ") as err:
        accounts.change_password(store, leader, LEADER_PASSWORD, LEADER_PASSWORD)
    assert err.value.field == "new_password"
    with pytest.raises(ValidationError, match="user name"):
        accounts.change_password(store, leader, LEADER_PASSWORD, "Wangfang#2026")
    assert accounts.authenticate(store, "wangfang", LEADER_PASSWORD).username == "wangfang"


# -- the station admin's tools ---------------------------------------------------------------------------


def test_admin_resets_a_password_which_also_ends_a_lockout(store: Store, admin: SignedIn,
                                                           leader: SignedIn) -> None:
    for _ in range(5):
        with pytest.raises(LoginError):
            accounts.authenticate(store, "wangfang", "Wrong#pass1")
    assert next(a for a in accounts.list_accounts(store) if a.user.username == "wangfang").locked
    with pytest.raises(ValidationError, match="at least 8") as err:
        accounts.reset_password(store, admin, user_id=leader.user_id, new_password="short")
    assert err.value.field == "password"
    with pytest.raises(ValidationError, match="user name"):
        accounts.reset_password(store, admin, user_id=leader.user_id, new_password="wangfang#2026X")
    accounts.reset_password(store, admin, user_id=leader.user_id, new_password="Temp#2026abc")
    entry = last_entry(store)
    assert (entry.actor, entry.action, entry.target) == ("admin", "user.reset_password", "wangfang")
    assert "Temp#2026abc" not in entry.detail
    assert not next(a for a in accounts.list_accounts(store) if a.user.username == "wangfang").locked
    assert accounts.authenticate(store, "wangfang", "Temp#2026abc").username == "wangfang"
    with pytest.raises(LoginError):
        accounts.authenticate(store, "wangfang", LEADER_PASSWORD)


def test_only_an_active_admin_may_use_the_tools(store: Store, admin: SignedIn, leader: SignedIn) -> None:
    other = add_user(store, admin, "lijun")
    with pytest.raises(PermissionDenied):
        accounts.reset_password(store, leader, user_id=other.user_id, new_password="Temp#2026abc")
    with pytest.raises(PermissionDenied):
        accounts.set_active(store, leader, user_id=other.user_id, active=False)
    with pytest.raises(PermissionDenied):
        accounts.change_role(store, leader, user_id=leader.user_id, role="station_admin", grid_code=None)
    with pytest.raises(PermissionDenied):
        accounts.unlock_account(store, leader, user_id=other.user_id)
    # An admin who was demoted after signing in is refused too (the database is checked, not the session).
    second = add_user(store, admin, "zhaomin", role="station_admin", grid_code=None)
    accounts.change_role(store, admin, user_id=second.user_id, role="mediator", grid_code=None)
    with pytest.raises(PermissionDenied):
        accounts.set_active(store, second, user_id=leader.user_id, active=False)
    with pytest.raises(ValidationError, match="your own password"):
        accounts.reset_password(store, admin, user_id=admin.user_id, new_password="Temp#2026abc")


def test_deactivate_and_reactivate_are_audited(store: Store, admin: SignedIn, leader: SignedIn) -> None:
    user = accounts.set_active(store, admin, user_id=leader.user_id, active=False)
    assert not user.active
    assert (last_entry(store).action, last_entry(store).target) == ("user.deactivate", "wangfang")
    assert [a.user.active for a in accounts.list_accounts(store)] == [True, False]
    count = len(entries(store))
    accounts.set_active(store, admin, user_id=leader.user_id, active=False)  # already: nothing is written
    assert len(entries(store)) == count
    accounts.set_active(store, admin, user_id=leader.user_id, active=True)
    assert (last_entry(store).action, last_entry(store).target) == ("user.reactivate", "wangfang")


def test_the_last_active_admin_stays(store: Store, admin: SignedIn) -> None:
    with pytest.raises(ValidationError, match="your own account") as err:
        accounts.set_active(store, admin, user_id=admin.user_id, active=False)
    assert err.value.field == "user"
    with pytest.raises(ValidationError, match="your own role") as err:
        accounts.change_role(store, admin, user_id=admin.user_id, role="mediator", grid_code=None)
    assert err.value.field == "role"
    # With a second admin, either may deactivate or demote the other, never themself: one always stays.
    second = add_user(store, admin, "zhaomin", role="station_admin", grid_code=None)
    accounts.set_active(store, second, user_id=admin.user_id, active=False)
    with pytest.raises(PermissionDenied):  # the deactivated admin's session no longer counts
        accounts.set_active(store, admin, user_id=second.user_id, active=False)
    accounts.set_active(store, second, user_id=admin.user_id, active=True)
    accounts.change_role(store, second, user_id=admin.user_id, role="mediator", grid_code=None)
    with pytest.raises(PermissionDenied):
        accounts.change_role(store, admin, user_id=second.user_id, role="mediator", grid_code=None)
    with pytest.raises(ValidationError):
        accounts.set_active(store, second, user_id=second.user_id, active=False)
    assert [a.user.username for a in accounts.list_accounts(store)
            if a.user.role == "station_admin" and a.user.active] == ["zhaomin"]


def test_change_role_and_grid(store: Store, admin: SignedIn, leader: SignedIn) -> None:
    with pytest.raises(ValidationError, match="needs a grid") as err:
        accounts.change_role(store, admin, user_id=leader.user_id, role="backup_leader", grid_code=None)
    assert err.value.field == "grid_code"
    with pytest.raises(ValidationError, match="does not serve"):
        accounts.change_role(store, admin, user_id=leader.user_id, role="grid_leader",
                             grid_code="230204001003-099U")
    with pytest.raises(ValidationError, match="Unknown role"):
        accounts.change_role(store, admin, user_id=leader.user_id, role="boss", grid_code=OWN_GRID)
    user = accounts.change_role(store, admin, user_id=leader.user_id, role="backup_leader", grid_code=OTHER_GRID)
    assert (user.role, user.grid_code) == ("backup_leader", OTHER_GRID)
    entry = last_entry(store)
    assert (entry.action, entry.target, entry.detail) == ("user.role", "wangfang", f"backup_leader {OTHER_GRID}")
    user = accounts.change_role(store, admin, user_id=leader.user_id, role="mediator", grid_code=None)
    assert (user.role, user.grid_code) == ("mediator", None)
    assert accounts.authenticate(store, "wangfang", LEADER_PASSWORD).role == "mediator"


def test_unlock_ends_a_lockout(store: Store, admin: SignedIn, leader: SignedIn) -> None:
    for _ in range(5):
        with pytest.raises(LoginError):
            accounts.authenticate(store, "wangfang", "Wrong#pass1")
    state = next(a for a in accounts.list_accounts(store) if a.user.username == "wangfang")
    assert state.locked and state.locked_seconds == LOCKOUT_SECONDS
    accounts.unlock_account(store, admin, user_id=leader.user_id)
    assert (last_entry(store).action, last_entry(store).target) == ("user.unlock", "wangfang")
    assert account(store, "wangfang").lock_remaining_s == 0
    assert accounts.authenticate(store, "wangfang", LEADER_PASSWORD).username == "wangfang"


def test_an_account_that_no_longer_exists(store: Store, admin: SignedIn) -> None:
    with pytest.raises(ValidationError, match="no longer exists"):
        accounts.unlock_account(store, admin, user_id="no-such-id")


def test_a_password_the_admin_set_must_be_replaced_at_the_next_sign_in(store: Store, admin: SignedIn,
                                                                      leader: SignedIn) -> None:
    assert not accounts.authenticate(store, "wangfang", LEADER_PASSWORD).must_change_password
    accounts.reset_password(store, admin, user_id=leader.user_id, new_password="Temp#2026abc")
    signed_in = accounts.authenticate(store, "wangfang", "Temp#2026abc")
    assert signed_in.must_change_password
    assert next(a for a in accounts.list_accounts(store) if a.user.username == "wangfang").user.must_change_password
    with pytest.raises(ValidationError):  # a refused change leaves the requirement in place
        accounts.change_password(store, signed_in, "Temp#2026abc", "Temp#2026abc")
    assert accounts.authenticate(store, "wangfang", "Temp#2026abc").must_change_password
    accounts.change_password(store, signed_in, "Temp#2026abc", "Mine#2026xyz")
    assert not accounts.authenticate(store, "wangfang", "Mine#2026xyz").must_change_password
    assert not account(store, "admin").must_change_password  # the admin's own account never was


def test_an_account_created_with_a_first_password_from_the_admin_must_replace_it(store: Store,
                                                                                 admin: SignedIn) -> None:
    with store.write() as session:
        accounts.create_user(session, actor=admin.actor, at="2026-11-27T09:00:00.000+00:00", username="lijun",
                             display_name="李军", role="grid_leader", password=LEADER_PASSWORD, grid_code=OWN_GRID,
                             must_change_password=True)
    assert accounts.authenticate(store, "lijun", LEADER_PASSWORD).must_change_password
