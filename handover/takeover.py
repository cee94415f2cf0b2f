"""Live handover: an adviser takes a conversation over, replies in it and gives it back.

The tracker is the record: the takeover sets the slot ``adviser_active`` (the assistant's
``AdviserHoldPolicy`` then stays silent), each reply is a bot event with metadata
``{"from": "adviser", "adviser": "adviser-<id>", "adviser_name": "<first name>"}``, and
the release runs the assistant's ``action_handover_resume``. All through Rasa's HTTP API
(console/rasa_api.py). The console's own table ``console_takeovers`` says who holds what
and since when (for the idle release and the lists); erasure deletes its rows.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from console.auth import User
from console.context import Console
from console.db import takeovers
from console.rasa_api import RasaApi
from handover.slots import HOLD_SLOT, RESUME_ACTION

MAX_REPLY = 2000
TELEGRAM_PREFIX = "telegram:"


class TakeoverError(Exception):
    """A refused takeover action: `status` is the HTTP status, `message` Dutch for advisers."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class Delivery:
    """How a reply reaches the person, in the console's words."""

    channel: str  # web / telegram / rest
    live: bool
    note: str


def first_name(username: str) -> str:
    """What the person sees: the first part of the account name, capitalised ("anna.b")."""
    part = re.split(r"[\s._@-]+", username.strip())[0] if username.strip() else ""
    return part[:1].upper() + part[1:] if part else "Adviseur"


def adviser_ref(user: User) -> str:
    # Pseudonymous: the tracker never holds an adviser's name or account.
    return f"adviser-{user.id}"


def delivery_for(sender_id: str, rows: list[Any]) -> Delivery:
    if sender_id.startswith(TELEGRAM_PREFIX):
        return Delivery("telegram", True, "Je antwoord gaat naar de Telegram-chat.")
    channel = next((r.data.get("input_channel") for r in reversed(rows)
                    if r.type_name == "user" and r.data.get("input_channel")), None)
    if channel == "socketio":
        return Delivery("web", True, "Je antwoord verschijnt meteen in de chat op de website.")
    return Delivery("rest", False,
                    "Deze persoon praat via de REST-koppeling, zonder live verbinding. Je "
                    "antwoord staat in het gesprek en wacht daar tot het wordt opgehaald.")


def holder(engine: Engine, sender_id: str) -> dict[str, Any] | None:
    with engine.connect() as conn:
        row = conn.execute(sa.select(takeovers).where(takeovers.c.sender_id == sender_id)).first()
    return dict(row._mapping) if row else None


def held_conversations(engine: Engine) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(sa.select(takeovers))]


def _forget(engine: Engine, sender_id: str) -> None:
    with engine.begin() as conn:
        conn.execute(sa.delete(takeovers).where(takeovers.c.sender_id == sender_id))


def _rows_or_gone(console: Console, sender_id: str) -> list[Any]:
    rows = console.store.event_rows(sender_id)
    if not rows:
        _forget(console.engine, sender_id)
        raise TakeoverError(404, "Dit gesprek bestaat niet (meer). Misschien heeft de persoon "
                                 "het laten wissen.")
    return rows


def requested(slots: dict[str, Any]) -> bool:
    """The person asked for an adviser and did not say no to one."""
    return slots.get("handover_requested") is True and slots.get("handover_consent") is not False


def may_take_over(user: User, slots: dict[str, Any], reason: str = "") -> bool:
    """Advisers: conversations that asked for an adviser. Admins: also another one, but
    only with a stated reason (audited as such), and never when the person said no."""
    if requested(slots):
        return True
    return user.is_admin and slots.get("handover_consent") is not False and bool(reason.strip())


def may_take_over_with_reason(user: User, slots: dict[str, Any]) -> bool:
    """Would a reason open this conversation to `user`? (the page then asks for one)"""
    return not requested(slots) and may_take_over(user, slots, "x")


class Takeovers:
    """The three actions; one instance per console app."""

    def __init__(self, console: Console, rasa: RasaApi) -> None:
        self.console = console
        self.rasa = rasa

    async def take_over(self, user: User, sender_id: str, reason: str = "") -> Delivery:
        """`reason`: why an admin takes over a conversation that asked for nobody."""
        console = self.console
        rows = _rows_or_gone(console, sender_id)
        if not may_take_over(user, console.store.latest_slots(sender_id), reason):
            raise TakeoverError(403, "Dit gesprek mag je niet overnemen: de persoon vroeg niet "
                                     "om een adviseur of gaf geen toestemming. Een beheerder "
                                     "moet een reden opgeven.")
        current = holder(console.engine, sender_id)
        if current and current["username"] != user.username:
            raise TakeoverError(409, f"{current['username']} heeft dit gesprek al overgenomen.")
        name = first_name(user.username)
        delivery = delivery_for(sender_id, rows)
        if current is None:
            await self.rasa.append(sender_id, [
                {"event": "slot", "name": HOLD_SLOT, "value": True},
                # A form the person was in stops; after the release they start afresh.
                {"event": "active_loop", "name": None},
                {"event": "bot", "text": f"{name} is adviseur en neemt het gesprek nu over. "
                                         "De assistent wacht zolang.",
                 "metadata": self._metadata(user, notice="takeover")},
            ])
        now = time.time()
        with console.engine.begin() as conn:
            conn.execute(sa.delete(takeovers).where(takeovers.c.sender_id == sender_id))
            conn.execute(sa.insert(takeovers).values(
                sender_id=sender_id, username=user.username, started_at=now,
                last_activity_at=now))
        return delivery

    async def reply(self, user: User, sender_id: str, text: str) -> Delivery:
        text = (text or "").strip()
        if not text:
            raise TakeoverError(400, "Typ eerst een bericht.")
        if len(text) > MAX_REPLY:
            raise TakeoverError(400, f"Een bericht mag hoogstens {MAX_REPLY} tekens hebben.")
        console = self.console
        current = holder(console.engine, sender_id)
        rows = _rows_or_gone(console, sender_id)
        if current is None:
            raise TakeoverError(409, "Neem het gesprek eerst over.")
        if current["username"] != user.username:
            raise TakeoverError(409, f"{current['username']} heeft dit gesprek overgenomen.")
        await self.rasa.append(sender_id, [
            {"event": "bot", "text": text, "metadata": self._metadata(user)},
        ])
        with console.engine.begin() as conn:
            conn.execute(sa.update(takeovers).where(takeovers.c.sender_id == sender_id)
                         .values(last_activity_at=time.time()))
        return delivery_for(sender_id, rows)

    async def release(self, user: User | None, sender_id: str) -> None:
        """Give the conversation back; `user` None = the idle timer did it."""
        console = self.console
        current = holder(console.engine, sender_id)
        if user is not None and current and current["username"] != user.username \
                and not user.is_admin:
            raise TakeoverError(409, f"{current['username']} heeft dit gesprek overgenomen.")
        _rows_or_gone(console, sender_id)
        # The action itself checks the slot: a second release says nothing.
        await self.rasa.execute(sender_id, RESUME_ACTION)
        # /execute leaves the tracker after that action; rules expect the next user
        # message after `action_listen`, as after any normal turn.
        await self.rasa.append(sender_id, [{"event": "action", "name": "action_listen"}])
        _forget(console.engine, sender_id)

    def _metadata(self, user: User, notice: str | None = None) -> dict[str, Any]:
        metadata: dict[str, Any] = {"from": "adviser", "adviser": adviser_ref(user),
                                    "adviser_name": first_name(user.username)}
        if notice:
            metadata["notice"] = notice
        return metadata
