"""Live handover over the real stack (action server, Rasa, web server): the console's
takeover/reply/release API, the assistant's silence, REST-only and socket.io delivery,
access rules and erasure during a takeover."""

from __future__ import annotations

from typing import Any

import requests

from console.handover_ref import reference
from testing.handover_adviser import (
    ADVISER,
    Adviser,
    adviser_events,
    bot_texts_after_last_user,
    resumed,
    silent_turn_done,
    wait_until,
)
from tests.web.support import SocketClient

ROUTES = ("takeover", "reply", "release")


def ask_for_adviser(rasa_stack, sender: str) -> None:  # noqa: ANN001
    """The person asks for an adviser over REST and chooses to be helped in this chat."""
    asked = rasa_stack.send(sender, "ik wil een adviseur spreken")
    assert any("Mag een adviseur" in (m.get("text") or "") for m in asked), asked
    rasa_stack.send(sender, "/affirm")
    done = rasa_stack.send(sender, "via deze chat")
    assert any("doorgegeven" in (m.get("text") or "") for m in done), done
    assert rasa_stack.tracker(sender)["slots"]["handover_requested"] is True


def test_all_three_routes_refuse_without_login_or_csrf(web_server, adviser: Adviser,
                                                       rasa_stack) -> None:  # noqa: ANN001
    sender = rasa_stack.new_sender("nologin")
    ask_for_adviser(rasa_stack, sender)
    for action in ROUTES:
        url = f"{web_server.url}/console/api/conversations/{sender}/{action}"
        # no session at all
        anonymous = requests.post(url, json={"text": "hoi"}, timeout=10, allow_redirects=False)
        assert anonymous.status_code == 401, (action, anonymous.status_code)
        # a session, but no CSRF token (and a wrong one)
        assert adviser.api(sender, action, {"text": "hoi"}, csrf=False).status_code == 403
        wrong = adviser.http.post(url, json={"text": "hoi"}, timeout=10,
                                  headers={"X-CSRF-Token": "x" * 43})
        assert wrong.status_code == 403
    # nothing happened to the conversation
    track = rasa_stack.tracker(sender)
    assert track["slots"].get("adviser_active") is not True
    assert adviser_events(track) == []


def test_only_an_admin_with_a_stated_reason_takes_over_a_conversation_nobody_handed_over(
        adviser: Adviser, admin: Adviser, rasa_stack) -> None:  # noqa: ANN001
    # GIVEN a conversation in which nobody asked for an adviser
    sender = rasa_stack.new_sender("nohandover")
    assert rasa_stack.send(sender, "hallo")
    # WHEN an adviser tries: refused (they may not even read it)
    assert adviser.api(sender, "takeover").status_code == 403
    # AND an admin without a reason: refused as well
    bare = admin.api(sender, "takeover")
    assert bare.status_code == 403 and "reden" in bare.json()["error"]
    assert rasa_stack.tracker(sender)["slots"].get("adviser_active") is not True
    # THEN an admin who states a reason may, and the audit flags it with that reason
    admin.take_over(sender, reason="Melding van misbruik in dit gesprek")
    assert rasa_stack.tracker(sender)["slots"]["adviser_active"] is True
    audit = admin.http.get(f"{admin.base_url}/console/audit", timeout=30).text
    assert "takeover_unrequested" in audit and "Melding van misbruik" in audit
    admin.release(sender)
    assert rasa_stack.tracker(sender)["slots"]["adviser_active"] is False


def test_rest_conversation_taken_over_answered_and_given_back(
        adviser: Adviser, admin: Adviser, rasa_stack) -> None:  # noqa: ANN001
    sender = rasa_stack.new_sender("rest")
    ask_for_adviser(rasa_stack, sender)
    # the new request is on the live list, waiting
    ref = reference(sender, rasa_stack.env)  # the list names it by its opaque reference
    item = wait_until(lambda: next((i for i in adviser.live_list() if i["sender_id"] == ref),
                                   None), what="the request on the live list")
    assert item["waiting_seconds"] is not None and item["held_by"] is None
    # WHEN the adviser takes over
    taken = adviser.take_over(sender)
    assert taken["channel"] == "rest" and taken["live"] is False
    assert "REST" in taken["delivery"]
    # THEN the assistant stays silent on the person's messages
    assert rasa_stack.send(sender, "wat verdient een elektromonteur?") == []
    track = rasa_stack.tracker(sender)
    assert silent_turn_done(track, "wat verdient een elektromonteur?")
    assert bot_texts_after_last_user(track) == []
    # WHEN the adviser replies, it is stored in the tracker as the adviser's bot event
    answer = adviser.reply(sender, "Hoi! Een elektromonteur verdient zo'n 2.600 euro bruto.")
    assert answer["live"] is False and "wacht" in answer["delivery"]
    stored = adviser_events(rasa_stack.tracker(sender))
    assert stored[-1]["text"].startswith("Hoi! Een elektromonteur")
    meta = stored[-1]["metadata"]
    assert meta["from"] == "adviser" and meta["adviser"].startswith("adviser-")
    assert meta["adviser_name"] == "Anna" and ADVISER[0] not in str(meta)
    turns = adviser.http.get(f"{adviser.base_url}/console/api/conversations/{sender}",
                             timeout=30).json()["turns"]
    assert [t["text"] for t in turns if t.get("adviser") == "Anna"][-1].startswith("Hoi!")
    held = next(i for i in adviser.live_list() if i["sender_id"] == ref)
    assert held["held_by"] == ADVISER[0] and held["waiting_seconds"] is None
    # a second adviser cannot reply in a conversation somebody else holds
    assert admin.api(sender, "reply", {"text": "ik ook"}).status_code == 409
    assert adviser.api(sender, "reply", {"text": "   "}).status_code == 400
    # WHEN the adviser gives it back, the assistant says so and answers again
    adviser.release(sender)
    assert resumed(rasa_stack.tracker(sender))
    again = rasa_stack.send(sender, "wat verdient een elektromonteur?")
    assert again, "the assistant should answer after the release"
    # every action is in the audit log, without the message text
    audit = admin.http.get(f"{admin.base_url}/console/audit", timeout=30).text
    for action in ("takeover", "adviser_reply", "release"):
        assert action in audit
    assert "2.600 euro" not in audit


def test_erasure_works_during_a_takeover(adviser: Adviser, rasa_stack) -> None:  # noqa: ANN001
    sender = rasa_stack.new_sender("erase")
    ask_for_adviser(rasa_stack, sender)
    adviser.take_over(sender)
    adviser.reply(sender, "Ik kijk even mee.")
    # the person asks to erase: the assistant answers although an adviser holds the chat
    question = rasa_stack.send(sender, "verwijder mijn gegevens")
    assert question, "the erasure question must come"
    done = rasa_stack.send(sender, "/affirm")
    assert done
    events = rasa_stack.tracker(sender)["events"]
    assert all(e.get("event") != "user" for e in events), "the conversation must be gone"
    # the adviser's next reply is refused and does not bring the conversation back
    refused = adviser.api(sender, "reply", {"text": "Ben je er nog?"})
    assert refused.status_code == 404
    assert "wissen" in refused.json()["error"]
    assert adviser_events(rasa_stack.tracker(sender)) == []
    assert all(i["sender_id"] != sender for i in adviser.live_list())


def _socket_handover(client: SocketClient) -> None:
    client.send("ik wil een adviseur spreken")
    client.collect(lambda got: any("Mag een adviseur" in (m.get("text") or "") for m in got))
    client.send("/affirm")
    client.collect(lambda got: any("bereiken" in (m.get("text") or "") for m in got))
    client.send("via deze chat")
    client.collect(lambda got: any("doorgegeven" in (m.get("text") or "") for m in got))


def _adviser_messages(got: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [m for m in got if isinstance(m.get("adviser"), dict)]


def test_socketio_delivers_live_and_replays_what_a_closed_page_missed(
        adviser: Adviser, rasa_stack) -> None:  # noqa: ANN001
    client = SocketClient(rasa_stack.rasa_url)
    client.connect()
    session = client.request_session()
    try:
        _socket_handover(client)
        # Rasa emits the answer before it saves the turn: wait for the stored request
        wait_until(lambda: rasa_stack.tracker(session)["slots"].get("handover_requested"),
                   what="the handover request in the tracker")
        taken = adviser.take_over(session)
        assert taken["channel"] == "web" and taken["live"] is True
        notice = _adviser_messages(client.collect(lambda got: bool(_adviser_messages(got))))[0]
        assert notice["notice"] == "takeover" and notice["adviser"] == {"name": "Anna"}
        adviser.reply(session, "Hallo, ik ben Anna.\n\nWaar kan ik je mee helpen?")
        live = _adviser_messages(client.collect(lambda got: bool(_adviser_messages(got))))[0]
        # one bubble with the whole text, the first name and a server timestamp
        assert live["text"] == "Hallo, ik ben Anna.\n\nWaar kan ik je mee helpen?"
        assert live["adviser"] == {"name": "Anna"} and isinstance(live["ts"], float)
    finally:
        client.close()
    # WHILE the page is closed the adviser answers
    adviser.reply(session, "Kijk morgen nog even hier.")
    # WHEN the person comes back, the widget asks for what it missed after the last one
    back = SocketClient(rasa_stack.rasa_url)
    back.connect()
    try:
        assert back.request_session(session) == session
        back.sio.emit("adviser_sync", {"session_id": session, "since": live["ts"]})
        missed = _adviser_messages(back.collect(lambda got: bool(_adviser_messages(got))))
        assert [m["text"] for m in missed] == ["Kijk morgen nog even hier."]
        # a sync for another session id is ignored
        back.sio.emit("adviser_sync", {"session_id": "x" * 32, "since": 0})
        assert _adviser_messages(back.quiet_for(1.5)) == []
    finally:
        back.close()
        adviser.release(session)


def test_the_handover_page_forms_take_over_reply_and_give_back(
        web_server, adviser: Adviser, rasa_stack) -> None:  # noqa: ANN001
    sender = rasa_stack.new_sender("forms")
    ask_for_adviser(rasa_stack, sender)
    page_url = f"{web_server.url}/console/handovers/{sender}"
    page = adviser.http.get(page_url, timeout=30).text
    assert "Gesprek overnemen" in page and "Teruggeven aan de assistent" not in page
    form = {"csrf_token": adviser.csrf}
    done = adviser.http.post(f"{page_url}/takeover", data=form, timeout=30)
    assert done.status_code == 200 and "Je hebt het gesprek overgenomen" in done.text
    # the reply box has a visible label tied to it
    assert '<label for="live-text">Jouw bericht aan de persoon</label>' in done.text
    assert 'id="live-text" name="text"' in done.text
    assert "REST-koppeling" in done.text  # this person has no live connection
    sent = adviser.http.post(f"{page_url}/reply", data={**form, "text": "Hallo via de pagina"},
                             timeout=30)
    assert "Verstuurd." in sent.text
    assert adviser_events(rasa_stack.tracker(sender))[-1]["text"] == "Hallo via de pagina"
    # without the token the form is refused
    refused = adviser.http.post(f"{page_url}/reply", data={"text": "zonder token"}, timeout=30)
    assert refused.status_code == 403
    back = adviser.http.post(f"{page_url}/release", data=form, timeout=30)
    assert "teruggegeven aan de assistent" in back.text and "Gesprek overnemen" in back.text
    assert rasa_stack.tracker(sender)["slots"]["adviser_active"] is False
