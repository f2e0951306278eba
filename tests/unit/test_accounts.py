"""Accounts: password policy, argon2id, lockout that survives restarts and clock changes."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import select

from gridstation.db import accounts, station
from gridstation.db.accounts import LOCKOUT_SECONDS, LoginError
from gridstation.db.models import UserAccount
from gridstation.db.store import Store
from gridstation.db.unit_of_work import SYSTEM
from gridstation.domain.errors import ValidationError
from gridstation.domain.passwords import check_password_policy

from .conftest import ADMIN_PASSWORD, FakeClock, make_setup


@pytest.mark.parametrize("password", ["Ab1!", "abcdefgh", "abcdefg1", "ABCDEFGH1", "12345678!"])
def test_weak_passwords_are_refused(password: str) -> None:
    with pytest.raises(ValidationError) as err:
        check_password_policy(password)
    assert err.value.field == "password"


@pytest.mark.parametrize("password", ["Abcdefg1", "abcdefg1!", "网格服务站abc1", "ABCD efg1"])
def test_strong_passwords_pass(password: str) -> None:
    check_password_policy(password)


def test_password_is_stored_as_argon2id(store: Store, admin: accounts.SignedIn) -> None:
    with store.read() as session:
        user = session.exec(select(UserAccount)).one()
    assert user.password_hash.startswith("$argon2id$")
    assert ADMIN_PASSWORD not in user.password_hash


def test_duplicate_user_name_is_refused_case_insensitively(store: Store, admin: accounts.SignedIn) -> None:
    with pytest.raises(ValidationError, match="already taken") as err, store.write() as session:
        accounts.create_user(session, actor=SYSTEM, at="t", username="ADMIN", display_name="另一个",
                             role="grid_leader", password=ADMIN_PASSWORD)
    assert err.value.field == "username"
    assert len(accounts.list_users(store)) == 1


def test_weak_password_at_setup_writes_nothing(store: Store) -> None:
    with pytest.raises(ValidationError) as err:
        station.initialize_station(store, make_setup(admin_password="password"))
    assert err.value.field == "password"
    assert not station.is_initialized(store)


def fail_five_times(store: Store) -> None:
    for _attempt in range(1, 6):
        with pytest.raises(LoginError) as err:
            accounts.authenticate(store, "admin", "Wrong#pass1")
    assert err.value.locked_seconds == LOCKOUT_SECONDS


def test_five_failures_lock_the_account_for_15_minutes(store: Store, admin: accounts.SignedIn,
                                                       clock: FakeClock) -> None:
    for _ in range(4):
        with pytest.raises(LoginError, match="^Wrong user name or password.$"):
            accounts.authenticate(store, "admin", "nope")
    with pytest.raises(LoginError, match="locked"):
        accounts.authenticate(store, "admin", "nope")
    with pytest.raises(LoginError, match="locked"):
        accounts.authenticate(store, "admin", ADMIN_PASSWORD)  # even the right password
    clock.advance(LOCKOUT_SECONDS - 30)
    with pytest.raises(LoginError, match="1 min"):
        accounts.authenticate(store, "admin", ADMIN_PASSWORD)
    clock.advance(31)
    assert accounts.authenticate(store, "admin", ADMIN_PASSWORD).username == "admin"


def test_success_resets_the_failure_count(store: Store, admin: accounts.SignedIn) -> None:
    for _ in range(4):
        with pytest.raises(LoginError):
            accounts.authenticate(store, "admin", "nope")
    accounts.authenticate(store, "admin", ADMIN_PASSWORD)
    for _ in range(4):
        with pytest.raises(LoginError) as err:
            accounts.authenticate(store, "admin", "nope")
        assert err.value.locked_seconds == 0
    with pytest.raises(LoginError, match="locked"):
        accounts.authenticate(store, "admin", "nope")


def test_moving_the_wall_clock_does_not_unlock(store: Store, admin: accounts.SignedIn, clock: FakeClock) -> None:
    fail_five_times(store)
    from datetime import timedelta

    clock.wall += timedelta(days=1)  # someone sets the PC clock a day ahead
    with pytest.raises(LoginError, match="locked"):
        accounts.authenticate(store, "admin", ADMIN_PASSWORD)


def test_lock_persists_across_restart_and_reboot(data_dir: Path) -> None:
    clock = FakeClock()
    with Store.open(data_dir, clock=clock) as store:
        station.initialize_station(store, make_setup())
        fail_five_times(store)
        clock.advance(600)  # 10 of 15 minutes pass while the app runs
        with pytest.raises(LoginError, match="5 min"):
            accounts.authenticate(store, "admin", ADMIN_PASSWORD)

    rebooted = FakeClock(boot="boot-2", mono=5.0)  # a new boot: the monotonic clock restarted
    rebooted.wall = clock.wall.replace(year=2030)
    with Store.open(data_dir, clock=rebooted) as store:
        with pytest.raises(LoginError, match="5 min"):
            accounts.authenticate(store, "admin", ADMIN_PASSWORD)
        rebooted.advance(301)
        assert accounts.authenticate(store, "admin", ADMIN_PASSWORD).username == "admin"


def test_unknown_user_gets_the_same_message(store: Store, admin: accounts.SignedIn) -> None:
    with pytest.raises(LoginError, match="^Wrong user name or password.$"):
        accounts.authenticate(store, "nobody", ADMIN_PASSWORD)
