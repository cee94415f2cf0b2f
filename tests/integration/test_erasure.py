"""'Verwijder mijn gegevens' really removes the conversation from the tracker store."""

from __future__ import annotations

import sqlalchemy as sa

from tests.conftest import RasaStack


def _rows(stack: RasaStack, sender: str) -> int:
    engine = sa.create_engine(stack.tracker_store_url, future=True)
    with engine.connect() as connection:
        return connection.execute(
            sa.text("SELECT count(*) FROM events WHERE sender_id = :s"), {"s": sender}
        ).scalar_one()


def _click(replies: list, title_start: str) -> str:
    for reply in replies:
        for button in reply.get("buttons") or []:
            if button["title"].lower().startswith(title_start):
                return button["payload"]
    raise AssertionError(f"no button starting with {title_start!r} in {replies}")


def test_erasure_after_confirmation_deletes_every_stored_event(rasa_stack: RasaStack) -> None:
    # GIVEN a conversation with personal details
    sender = rasa_stack.new_sender("erase")
    rasa_stack.send(sender, "hoi")
    rasa_stack.send(sender, "ik werk als kok in Zwolle")
    assert _rows(rasa_stack, sender) > 0
    # WHEN the person asks to erase and confirms
    ask = rasa_stack.send(sender, "verwijder mijn gegevens")
    assert _rows(rasa_stack, sender) > 0, "nothing may be deleted before confirmation"
    done = rasa_stack.send(sender, _click(ask, "ja"))
    # THEN the bot says so and no event of this person is left in the store
    said = " ".join(r.get("text") or "" for r in done).lower()
    assert "gewist" in said or "verwijderd" in said, done
    assert _rows(rasa_stack, sender) == 0
    # AND a new message starts a fresh conversation without the old details
    rasa_stack.send(sender, "hoi")
    slots = rasa_stack.tracker(sender)["slots"]
    assert slots.get("current_job") is None and slots.get("municipality") is None
    texts = [e.get("text") for e in rasa_stack.tracker(sender)["events"] if e["event"] == "user"]
    assert "ik werk als kok in Zwolle" not in texts


def test_erasure_declined_keeps_the_conversation(rasa_stack: RasaStack) -> None:
    # GIVEN a conversation WHEN the person asks to erase but then says no
    sender = rasa_stack.new_sender("keep")
    rasa_stack.send(sender, "hoi")
    rasa_stack.send(sender, "ik werk als kok")
    ask = rasa_stack.send(sender, "wis mijn data")
    rasa_stack.send(sender, _click(ask, "nee"))
    # THEN everything is still there
    texts = [e.get("text") for e in rasa_stack.tracker(sender)["events"] if e["event"] == "user"]
    assert "ik werk als kok" in texts
