"""User accounts: argon2id password hashes, roles, login with lockout.

Five failed logins in a row lock the account for 15 minutes. The lock counts down on the monotonic
clock, so moving the wall clock forward does not shorten it; the remaining time is persisted at
every check, so restarting the program does not end it either. After a reboot (new boot id, or a
monotonic clock that went backwards) the countdown resumes from the last persisted remaining time.
"""

from __future__ import annotations

from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlmodel import Session, func, select

from gridstation.db import audit
from gridstation.db.clock import Clock, iso
from gridstation.db.errors import PermissionDenied
from gridstation.db.models import ROLES, StationGrid, UserAccount
from gridstation.db.store import Store
from gridstation.db.unit_of_work import Actor, new_id
from gridstation.domain.errors import QT_TRANSLATE_NOOP, GridStationError, ValidationError
from gridstation.domain.passwords import check_password_policy

MAX_FAILED_LOGINS = 5
LOCKOUT_SECONDS = 15 * 60

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters


class LoginError(GridStationError):
    """A refused login. ``locked_seconds`` > 0 when the account is locked."""

    def __init__(self, template: str, locked_seconds: float = 0.0, **params: object) -> None:
        self.locked_seconds = locked_seconds
        super().__init__(template, **params)


@dataclass(frozen=True)
class SignedIn:
    user_id: str
    username: str
    display_name: str
    role: str
    grid_code: str | None

    @property
    def actor(self) -> Actor:
        return Actor(user_id=self.user_id, username=self.username)

    @property
    def is_admin(self) -> bool:
        return self.role == "station_admin"


def _signed_in(user: UserAccount) -> SignedIn:
    return SignedIn(user.id, user.username, user.display_name, user.role, user.grid_code)


def validate_username(username: str) -> str:
    username = username.strip()
    if not 2 <= len(username) <= 32 or any(c.isspace() or not c.isprintable() for c in username):
        raise ValidationError(
            "username",
            QT_TRANSLATE_NOOP("Errors", "The user name must be 2–32 characters without spaces."),
        )
    return username


def create_user(
    session: Session,
    *,
    actor: Actor,
    at: str,
    username: str,
    display_name: str,
    role: str,
    password: str,
    grid_code: str | None = None,
) -> SignedIn:
    """Create an account inside a write transaction; validates everything before writing."""
    username = validate_username(username)
    display_name = display_name.strip()
    if not display_name or len(display_name) > 50:
        raise ValidationError(
            "display_name", QT_TRANSLATE_NOOP("Errors", "The full name must be 1–50 characters.")
        )
    if role not in ROLES:
        raise ValidationError("role", QT_TRANSLATE_NOOP("Errors", "Unknown role “{role}”."), role=role)
    check_password_policy(password)
    taken = session.exec(select(UserAccount).where(func.lower(UserAccount.username) == username.lower())).first()
    if taken is not None:
        raise ValidationError(
            "username", QT_TRANSLATE_NOOP("Errors", "The user name “{name}” is already taken."), name=username
        )
    if grid_code is not None and session.get(StationGrid, grid_code) is None:
        raise ValidationError(
            "grid_code", QT_TRANSLATE_NOOP("Errors", "This station does not serve grid {grid}."), grid=grid_code
        )
    user = UserAccount(
        id=new_id(), username=username, display_name=display_name, role=role, grid_code=grid_code,
        password_hash=_hasher.hash(password), created_at=at,
    )
    session.add(user)
    session.flush()
    audit.append(session, at=at, actor=actor.username, action="user.create", target=username, detail=role)
    return _signed_in(user)


def _lock_remaining(user: UserAccount, clock: Clock) -> float:
    """Remaining lock time, advancing the persisted countdown by monotonic time only."""
    if user.lock_remaining_s <= 0:
        return 0.0
    boot, mono = clock.boot_id(), clock.monotonic()
    same_boot = boot == user.lock_ref_boot and mono >= user.lock_ref_mono
    elapsed = mono - user.lock_ref_mono if same_boot else 0.0
    user.lock_remaining_s = max(0.0, user.lock_remaining_s - elapsed)
    user.lock_ref_mono, user.lock_ref_boot = mono, boot
    return user.lock_remaining_s


def authenticate(store: Store, username: str, password: str) -> SignedIn:
    """Check a password; records the attempt in the audit log. Raises ``LoginError``."""
    clock = store.clock
    outcome: SignedIn | LoginError
    with store.write() as session:
        at = iso(clock.now())
        user = session.exec(
            select(UserAccount).where(func.lower(UserAccount.username) == username.strip().lower())
        ).first()
        if user is None or not user.active:
            audit.append(session, at=at, actor=username.strip()[:64], action="login", detail="unknown user",
                         success=False)
            outcome = LoginError(QT_TRANSLATE_NOOP("Errors", "Wrong user name or password."))
        else:
            remaining = _lock_remaining(user, clock)
            if remaining > 0:
                audit.append(session, at=at, actor=user.username, action="login", detail="locked", success=False)
                outcome = _locked_error(remaining)
            elif _verify(user.password_hash, password):
                user.failed_logins = 0
                if _hasher.check_needs_rehash(user.password_hash):
                    user.password_hash = _hasher.hash(password)
                audit.append(session, at=at, actor=user.username, action="login")
                outcome = _signed_in(user)
            else:
                user.failed_logins += 1
                detail = f"failed attempt {user.failed_logins}"
                if user.failed_logins >= MAX_FAILED_LOGINS:
                    user.failed_logins = 0
                    user.lock_remaining_s = LOCKOUT_SECONDS
                    user.lock_ref_mono, user.lock_ref_boot = clock.monotonic(), clock.boot_id()
                    detail += ", account locked"
                    outcome = _locked_error(LOCKOUT_SECONDS)
                else:
                    left = MAX_FAILED_LOGINS - user.failed_logins
                    outcome = LoginError(
                        QT_TRANSLATE_NOOP(
                            "Errors", "Wrong user name or password. {left} attempts left before the account locks."
                        ),
                        left=left,
                    )
                audit.append(session, at=at, actor=user.username, action="login", detail=detail, success=False)
            session.add(user)
    if isinstance(outcome, LoginError):
        raise outcome
    return outcome


def _locked_error(remaining: float) -> LoginError:
    minutes = max(1, int(remaining + 59) // 60)
    return LoginError(
        QT_TRANSLATE_NOOP(
            "Errors", "Too many failed attempts: the account is locked. Try again in {minutes} min."
        ),
        locked_seconds=remaining,
        minutes=minutes,
    )


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def change_password(store: Store, user: SignedIn, old_password: str, new_password: str) -> None:
    check_password_policy(new_password, field="new_password")
    with store.write() as session:
        account = session.get(UserAccount, user.user_id)
        if account is None or not _verify(account.password_hash, old_password):
            raise ValidationError("old_password", QT_TRANSLATE_NOOP("Errors", "The current password is wrong."))
        account.password_hash = _hasher.hash(new_password)
        session.add(account)
        audit.append(session, at=iso(store.clock.now()), actor=user.username, action="user.password")


def list_users(store: Store) -> list[SignedIn]:
    with store.read() as session:
        return [_signed_in(u) for u in session.exec(select(UserAccount).order_by(UserAccount.username))]


def names_by_login(session: Session) -> dict[str, str]:
    """Display names by username: records name who changed them by login."""
    return {user.username: user.display_name for user in session.exec(select(UserAccount))}


def require_admin(user: SignedIn) -> None:
    if not user.is_admin:
        raise PermissionDenied(QT_TRANSLATE_NOOP("Errors", "Only a station admin may do this."))
