"""User accounts: argon2id password hashes, roles, login with lockout, the station admin's account tools.

Five failed logins in a row lock the account for 15 minutes; a wrong current password in "Change
password" counts as a failed login. A wrong password gets the same answer whether or not the user
name exists (and takes the same argon2 work), so the sign-in screen does not tell which names exist.
Only a locked account says so, after five failures: the worker needs to know to wait or ask the
admin, and guessing names that way costs five attempts per name and leaves an audit trail.

The lock counts down on the monotonic clock, so moving the wall clock forward does not shorten it;
the remaining time is persisted at every check, so restarting the program does not end it either.
After a reboot (new boot id, or a monotonic clock that went backwards) the countdown resumes from
the last persisted remaining time.
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
ADMIN_ROLE = "station_admin"
GRID_ROLES = frozenset({"grid_leader", "backup_leader"})  # a grid leader (A or B role) needs a grid
UNKNOWN_ACTOR = "?"  # the audit actor of a sign-in with an unknown user name (never the typed text)
WRONG_LOGIN = QT_TRANSLATE_NOOP("Errors", "Wrong user name or password.")

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
    active: bool = True
    must_change_password: bool = False  # signed in with a password the admin set (``reset_password``)

    @property
    def actor(self) -> Actor:
        return Actor(user_id=self.user_id, username=self.username)

    @property
    def is_admin(self) -> bool:
        return self.role == ADMIN_ROLE


@dataclass(frozen=True)
class AccountState:
    """One account as the station admin sees it: the user, and how long it stays locked."""

    user: SignedIn
    locked_seconds: float = 0.0

    @property
    def locked(self) -> bool:
        return self.locked_seconds > 0


def _signed_in(user: UserAccount) -> SignedIn:
    return SignedIn(user.id, user.username, user.display_name, user.role, user.grid_code, user.active,
                    user.must_change_password)


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
    must_change_password: bool = False,
) -> SignedIn:
    """Create an account inside a write transaction; validates everything before writing.
    ``must_change_password``: the password was chosen by someone else (the admin), so the user
    replaces it at the first sign-in."""
    username = validate_username(username)
    display_name = display_name.strip()
    if not display_name or len(display_name) > 50:
        raise ValidationError(
            "display_name", QT_TRANSLATE_NOOP("Errors", "The full name must be 1–50 characters.")
        )
    if role not in ROLES:
        raise ValidationError("role", QT_TRANSLATE_NOOP("Errors", "Unknown role “{role}”."), role=role)
    check_password_policy(password, username=username)
    taken = session.exec(select(UserAccount).where(func.lower(UserAccount.username) == username.lower())).first()
    if taken is not None:
        raise ValidationError(
            "username", QT_TRANSLATE_NOOP("Errors", "The user name “{name}” is already taken."), name=username
        )
    _check_grid(session, role, grid_code)
    user = UserAccount(
        id=new_id(), username=username, display_name=display_name, role=role, grid_code=grid_code,
        password_hash=_hasher.hash(password), created_at=at, must_change_password=must_change_password,
    )
    session.add(user)
    session.flush()
    audit.append(session, at=at, actor=actor.username, action="user.create", target=username, detail=role)
    return _signed_in(user)


def _check_grid(session: Session, role: str, grid_code: str | None) -> None:
    if grid_code is None:
        if role in GRID_ROLES:
            raise ValidationError("grid_code", QT_TRANSLATE_NOOP("Errors", "A grid leader needs a grid."))
    elif session.get(StationGrid, grid_code) is None:
        raise ValidationError(
            "grid_code", QT_TRANSLATE_NOOP("Errors", "This station does not serve grid {grid}."), grid=grid_code
        )


def _peek_lock_remaining(user: UserAccount, clock: Clock) -> float:
    """Remaining lock time by monotonic time only, without persisting it."""
    if user.lock_remaining_s <= 0:
        return 0.0
    boot, mono = clock.boot_id(), clock.monotonic()
    same_boot = boot == user.lock_ref_boot and mono >= user.lock_ref_mono
    elapsed = mono - user.lock_ref_mono if same_boot else 0.0
    return max(0.0, user.lock_remaining_s - elapsed)


def _lock_remaining(user: UserAccount, clock: Clock) -> float:
    """Remaining lock time, advancing the persisted countdown by monotonic time only."""
    if user.lock_remaining_s <= 0:
        return 0.0
    user.lock_remaining_s = _peek_lock_remaining(user, clock)
    user.lock_ref_mono, user.lock_ref_boot = clock.monotonic(), clock.boot_id()
    return user.lock_remaining_s


def _count_failure(user: UserAccount, clock: Clock) -> tuple[str, bool]:
    """Count one wrong password; the audit detail, and whether the account is now locked."""
    user.failed_logins += 1
    detail = f"failed attempt {user.failed_logins}"
    if user.failed_logins < MAX_FAILED_LOGINS:
        return detail, False
    user.failed_logins = 0
    user.lock_remaining_s = LOCKOUT_SECONDS
    user.lock_ref_mono, user.lock_ref_boot = clock.monotonic(), clock.boot_id()
    return detail + ", account locked", True


_dummy_hash: str | None = None


def _spend_verify_time(password: str) -> None:
    """Verify against a throw-away hash, so an unknown name takes as long as a wrong password."""
    global _dummy_hash
    if _dummy_hash is None:
        _dummy_hash = _hasher.hash("not a password of anyone")
    _verify(_dummy_hash, password)


def authenticate(store: Store, username: str, password: str) -> SignedIn:
    """Check a password; records the attempt in the audit log. Raises ``LoginError``."""
    clock = store.clock
    outcome: SignedIn | LoginError
    with store.write() as session:
        at = iso(clock.now())
        user = session.exec(
            select(UserAccount).where(func.lower(UserAccount.username) == username.strip().lower())
        ).first()
        if user is None:
            _spend_verify_time(password)
            # The typed name is not recorded: it may be a password typed into the wrong field.
            audit.append(session, at=at, actor=UNKNOWN_ACTOR, action="login", detail="unknown user",
                         success=False)
            outcome = LoginError(WRONG_LOGIN)
        else:
            remaining = _lock_remaining(user, clock)
            if remaining > 0:
                audit.append(session, at=at, actor=user.username, action="login", detail="locked", success=False)
                outcome = _locked_error(remaining)
            elif _verify(user.password_hash, password):
                user.failed_logins = 0
                if _hasher.check_needs_rehash(user.password_hash):
                    user.password_hash = _hasher.hash(password)
                if user.active:
                    audit.append(session, at=at, actor=user.username, action="login")
                    outcome = _signed_in(user)
                else:  # said only to whoever knows the password
                    audit.append(session, at=at, actor=user.username, action="login", detail="deactivated",
                                 success=False)
                    outcome = LoginError(QT_TRANSLATE_NOOP(
                        "Errors", "This account has been deactivated. Ask the station admin if you need it again."))
            else:
                detail, locked = _count_failure(user, clock)
                outcome = _locked_error(LOCKOUT_SECONDS) if locked else LoginError(WRONG_LOGIN)
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
    """Change one's own password. A wrong current password counts as a failed login (same lockout)
    and is audited; a locked account cannot change its password."""
    if new_password == old_password:
        raise ValidationError(
            "new_password", QT_TRANSLATE_NOOP("Errors", "The new password must differ from the current one.")
        )
    check_password_policy(new_password, field="new_password", username=user.username)
    clock = store.clock
    refusal: GridStationError | None = None
    with store.write() as session:
        at = iso(clock.now())
        account = session.get(UserAccount, user.user_id)
        if account is None:
            raise ValidationError("old_password", QT_TRANSLATE_NOOP("Errors", "The current password is wrong."))
        remaining = _lock_remaining(account, clock)
        if remaining > 0:
            audit.append(session, at=at, actor=user.username, action="user.password", detail="locked",
                         success=False)
            refusal = _locked_error(remaining)
        elif not _verify(account.password_hash, old_password):
            detail, locked = _count_failure(account, clock)
            audit.append(session, at=at, actor=user.username, action="user.password",
                         detail=f"wrong current password, {detail}", success=False)
            refusal = _locked_error(LOCKOUT_SECONDS) if locked else ValidationError(
                "old_password", QT_TRANSLATE_NOOP("Errors", "The current password is wrong."))
        else:
            account.failed_logins = 0
            account.password_hash = _hasher.hash(new_password)
            account.must_change_password = False
            audit.append(session, at=at, actor=user.username, action="user.password")
        session.add(account)
    if refusal is not None:
        raise refusal


def list_users(store: Store) -> list[SignedIn]:
    """Every account, deactivated ones too (``SignedIn.active``), by user name."""
    with store.read() as session:
        return [_signed_in(u) for u in session.exec(select(UserAccount).order_by(UserAccount.username))]


def list_accounts(store: Store) -> list[AccountState]:
    """Every account with its lock state, for the station admin's users page."""
    with store.read() as session:
        return [AccountState(_signed_in(u), _peek_lock_remaining(u, store.clock))
                for u in session.exec(select(UserAccount).order_by(UserAccount.username))]


def names_by_login(session: Session) -> dict[str, str]:
    """Display names by username: records name who changed them by login."""
    return {user.username: user.display_name for user in session.exec(select(UserAccount))}


def require_admin(user: SignedIn) -> None:
    if not user.is_admin:
        raise PermissionDenied(QT_TRANSLATE_NOOP("Errors", "Only a station admin may do this."))


# -- the station admin's account tools ---------------------------------------------------------------
# Each takes the signed-in admin, checks that they are still an active admin in the database (another
# admin may have changed that since they signed in), refuses with a ValidationError naming the field,
# and records what it did in the audit log, the target being the account's user name.


def _admin_session_checks(session: Session, admin: SignedIn, user_id: str) -> UserAccount:
    """The account ``user_id``, after checking that ``admin`` may change it."""
    require_admin(admin)
    acting = session.get(UserAccount, admin.user_id)
    if acting is None or not acting.active or acting.role != ADMIN_ROLE:
        raise PermissionDenied(QT_TRANSLATE_NOOP("Errors", "Only a station admin may do this."))
    account = session.get(UserAccount, user_id)
    if account is None:
        raise ValidationError("user", QT_TRANSLATE_NOOP("Errors", "This user no longer exists."))
    return account


def _is_last_active_admin(session: Session, account: UserAccount) -> bool:
    if account.role != ADMIN_ROLE or not account.active:
        return False
    admins = session.exec(
        select(func.count()).select_from(UserAccount).where(UserAccount.role == ADMIN_ROLE, UserAccount.active)
    ).one()
    return int(admins) <= 1


def reset_password(store: Store, admin: SignedIn, *, user_id: str, new_password: str) -> None:
    """Set a temporary password for a user who forgot theirs; this also ends a lockout. The user
    must choose their own at the next sign-in (``SignedIn.must_change_password``)."""
    with store.write() as session:
        account = _admin_session_checks(session, admin, user_id)
        if account.id == admin.user_id:
            raise ValidationError(
                "password", QT_TRANSLATE_NOOP("Errors", "Use “Change password” for your own password.")
            )
        check_password_policy(new_password, username=account.username)
        account.password_hash = _hasher.hash(new_password)
        account.must_change_password = True
        account.failed_logins, account.lock_remaining_s = 0, 0.0
        session.add(account)
        audit.append(session, at=iso(store.clock.now()), actor=admin.username, action="user.reset_password",
                     target=account.username)


def set_active(store: Store, admin: SignedIn, *, user_id: str, active: bool) -> SignedIn:
    """Deactivate (a worker who left: they can no longer sign in, their records stay) or reactivate."""
    with store.write() as session:
        account = _admin_session_checks(session, admin, user_id)
        if account.active == active:
            return _signed_in(account)
        if not active:
            if account.id == admin.user_id:
                raise ValidationError("user", QT_TRANSLATE_NOOP("Errors", "You cannot deactivate your own account."))
            if _is_last_active_admin(session, account):
                raise ValidationError(
                    "user", QT_TRANSLATE_NOOP("Errors", "The station needs at least one active station admin.")
                )
        account.active = active
        session.add(account)
        audit.append(session, at=iso(store.clock.now()), actor=admin.username,
                     action="user.reactivate" if active else "user.deactivate", target=account.username)
        return _signed_in(account)


def change_role(store: Store, admin: SignedIn, *, user_id: str, role: str, grid_code: str | None) -> SignedIn:
    """Change a user's role and grid; the audit detail is ``role grid`` (grid "-" for none)."""
    if role not in ROLES:
        raise ValidationError("role", QT_TRANSLATE_NOOP("Errors", "Unknown role “{role}”."), role=role)
    with store.write() as session:
        account = _admin_session_checks(session, admin, user_id)
        if role != account.role:
            if account.id == admin.user_id:
                raise ValidationError("role", QT_TRANSLATE_NOOP("Errors", "You cannot change your own role."))
            if _is_last_active_admin(session, account):
                raise ValidationError(
                    "role", QT_TRANSLATE_NOOP("Errors", "The station needs at least one active station admin.")
                )
        _check_grid(session, role, grid_code)
        if (account.role, account.grid_code) == (role, grid_code):
            return _signed_in(account)
        account.role, account.grid_code = role, grid_code
        session.add(account)
        audit.append(session, at=iso(store.clock.now()), actor=admin.username, action="user.role",
                     target=account.username, detail=f"{role} {grid_code or '-'}")
        return _signed_in(account)


def unlock_account(store: Store, admin: SignedIn, *, user_id: str) -> None:
    """End a lockout now and forget earlier failed attempts (nothing is written if there were none)."""
    with store.write() as session:
        account = _admin_session_checks(session, admin, user_id)
        if account.lock_remaining_s <= 0 and account.failed_logins == 0:
            return
        account.failed_logins, account.lock_remaining_s = 0, 0.0
        session.add(account)
        audit.append(session, at=iso(store.clock.now()), actor=admin.username, action="user.unlock",
                     target=account.username)
