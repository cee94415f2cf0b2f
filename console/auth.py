"""Accounts, server-side sessions, CSRF tokens and login throttling for the console."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.engine import Engine

from console.db import login_failures, sessions, users

ROLES = ("adviser", "admin")
MIN_PASSWORD = 12  # docs/console.md
PRE_PREFIX = "pre."
_HASHER = PasswordHasher()
# Verifying against a dummy hash when the user is unknown keeps response times alike.
_DUMMY_HASH = _HASHER.hash(secrets.token_urlsafe(16))


@dataclass(frozen=True)
class User:
    id: int
    username: str
    role: str

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


@dataclass(frozen=True)
class Session:
    token: str
    csrf_token: str
    user: User | None


class UserError(ValueError):
    pass


def create_user(engine: Engine, username: str, password: str, role: str) -> User:
    username = username.strip()
    if role not in ROLES:
        raise UserError(f"onbekende rol: {role} (kies adviser of admin)")
    if not username or len(username) > 80:
        raise UserError("gebruikersnaam moet 1 tot 80 tekens zijn")
    if len(password) < MIN_PASSWORD:
        raise UserError(f"wachtwoord moet minstens {MIN_PASSWORD} tekens zijn")
    with engine.begin() as conn:
        exists = conn.execute(sa.select(users.c.id).where(users.c.username == username)).first()
        if exists:
            raise UserError(f"gebruiker bestaat al: {username}")
        result = conn.execute(
            sa.insert(users).values(
                username=username, password_hash=_HASHER.hash(password), role=role,
                created_at=time.time(),
            )
        )
        return User(int(result.inserted_primary_key[0]), username, role)


def verify_user(engine: Engine, username: str, password: str) -> User | None:
    with engine.connect() as conn:
        row = conn.execute(sa.select(users).where(users.c.username == username)).first()
    try:
        _HASHER.verify(row.password_hash if row else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    if row is None:
        return None
    if _HASHER.check_needs_rehash(row.password_hash):
        with engine.begin() as conn:
            conn.execute(
                sa.update(users).where(users.c.id == row.id)
                .values(password_hash=_HASHER.hash(password))
            )
    return User(row.id, row.username, row.role)


def list_users(engine: Engine) -> list[User]:
    with engine.connect() as conn:
        rows = conn.execute(sa.select(users).order_by(users.c.username)).all()
    return [User(r.id, r.username, r.role) for r in rows]


class SessionManager:
    """Random cookie tokens; the DB keeps only their HMAC under CONSOLE_SECRET_KEY."""

    def __init__(self, engine: Engine, secret_key: str, lifetime_seconds: float) -> None:
        self.engine = engine
        self._key = secret_key.encode()
        self.lifetime = lifetime_seconds

    def _hash(self, token: str) -> str:
        return hmac.new(self._key, token.encode(), hashlib.sha256).hexdigest()

    def start(self, user: User | None) -> Session:
        if user is None:
            # Pre-login session: stateless (token + HMAC-derived CSRF token), so that anonymous
            # visitors of the login form cannot fill the sessions table.
            token = PRE_PREFIX + secrets.token_urlsafe(32)
            return Session(token, self._pre_csrf(token), None)
        token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        now = time.time()
        with self.engine.begin() as conn:
            conn.execute(sa.delete(sessions).where(sessions.c.expires_at < now))
            conn.execute(
                sa.insert(sessions).values(
                    token_hash=self._hash(token), user_id=user.id,
                    csrf_token=csrf, created_at=now, expires_at=now + self.lifetime,
                )
            )
        return Session(token, csrf, user)

    def _pre_csrf(self, token: str) -> str:
        return hmac.new(self._key, b"csrf|" + token.encode(), hashlib.sha256).hexdigest()

    def load(self, token: str | None) -> Session | None:
        if not token or len(token) > 200:
            return None
        if token.startswith(PRE_PREFIX):
            return Session(token, self._pre_csrf(token), None)
        stmt = (
            sa.select(sessions, users.c.username, users.c.role)
            .select_from(sessions.outerjoin(users, users.c.id == sessions.c.user_id))
            .where(sessions.c.token_hash == self._hash(token))
        )
        with self.engine.connect() as conn:
            row = conn.execute(stmt).first()
        if row is None or row.expires_at < time.time():
            return None
        user = User(row.user_id, row.username, row.role) if row.user_id is not None else None
        return Session(token, row.csrf_token, user)

    def end(self, token: str) -> None:
        if token.startswith(PRE_PREFIX):
            return
        with self.engine.begin() as conn:
            conn.execute(sa.delete(sessions).where(sessions.c.token_hash == self._hash(token)))

    def csrf_ok(self, session: Session | None, supplied: str | None) -> bool:
        if session is None or not supplied:
            return False
        return hmac.compare_digest(session.csrf_token, supplied)


class LoginThrottle:
    """Failed logins within `window` seconds, counted three ways: per username and client
    address (`max_failures`), per username from any address, and per address for any
    username (each `SPREAD` times as many). So neither many addresses against one account
    nor one address against many accounts gets far; the client address is the real one
    (console/login.py trusts X-Forwarded-For only from TRUSTED_PROXIES)."""

    SPREAD = 3

    def __init__(self, engine: Engine, secret_key: str, max_failures: int, window: int) -> None:
        self.engine = engine
        self._key = secret_key.encode()
        self.max_failures = max_failures
        self.window = window

    def _key_hash(self, username: str, ip: str) -> str:
        # keyed hash: the table holds neither usernames nor IP addresses
        raw = f"{username.strip().lower()}|{ip}".encode()
        return hmac.new(self._key, raw, hashlib.sha256).hexdigest()

    def _keys(self, username: str, ip: str) -> list[tuple[str, int]]:
        spread = self.max_failures * self.SPREAD
        return [(self._key_hash(username, ip), self.max_failures),
                (self._key_hash(username, "\x00any-address"), spread),
                (self._key_hash("\x00any-user", ip), spread)]

    def blocked(self, username: str, ip: str) -> bool:
        since = time.time() - self.window
        with self.engine.connect() as conn:
            for key, limit in self._keys(username, ip):
                stmt = (sa.select(sa.func.count()).select_from(login_failures)
                        .where(login_failures.c.key_hash == key)
                        .where(login_failures.c.at >= since))
                if int(conn.execute(stmt).scalar() or 0) >= limit:
                    return True
        return False

    def fail(self, username: str, ip: str) -> None:
        now = time.time()
        with self.engine.begin() as conn:
            conn.execute(sa.delete(login_failures).where(login_failures.c.at < now - self.window))
            for key, _limit in self._keys(username, ip):
                conn.execute(sa.insert(login_failures).values(key_hash=key, at=now))

    def clear(self, username: str, ip: str) -> None:
        # A correct password ends this user's count; the address's count stays.
        keys = [key for key, _limit in self._keys(username, ip)[:2]]
        with self.engine.begin() as conn:
            conn.execute(sa.delete(login_failures).where(login_failures.c.key_hash.in_(keys)))
