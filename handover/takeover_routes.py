"""Routes of the live handover (contract section 9), JSON API and the handover page's forms.

JSON: ``POST /console/api/conversations/{sender_id}/takeover``, ``.../reply`` with
``{"text": "..."}`` and ``.../release``. The page's forms post to the same paths under
``/console/handovers/{sender_id}/...`` and are redirected back. Login and CSRF are checked
by the console's middleware for both; every action is audited (never the message text).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode

from aiohttp import web

from console.handover_ref import reference
from console.pages import PREFIX, Handler, record, sender
from console.rasa_api import RasaUnavailable
from handover.takeover import (
    MAX_REPLY,
    Delivery,
    TakeoverError,
    Takeovers,
    delivery_for,
    first_name,
    holder,
    may_take_over,
    may_take_over_with_reason,
    requested,
)

TAKEOVERS = web.AppKey("takeovers", Takeovers)
RASA_DOWN = "De assistent is nu niet bereikbaar. Probeer het zo opnieuw."
DONE = {
    "takeover": "Je hebt het gesprek overgenomen. De assistent zwijgt nu.",
    "reply": "Verstuurd.",
    "release": "Het gesprek is teruggegeven aan de assistent.",
}

FORM_ERRORS = {
    "error400": "Typ eerst een bericht (hoogstens 2000 tekens).",
    "error403": "Dit gesprek mag je niet overnemen: de persoon vroeg niet om een adviseur "
                "of gaf geen toestemming.",
    "error404": "Dit gesprek bestaat niet (meer). Misschien heeft de persoon het laten wissen.",
    "error409": "Een andere adviseur heeft dit gesprek, of je hebt het nog niet overgenomen.",
    "error503": RASA_DOWN,
}


def routes() -> list[tuple[str, str, Handler]]:
    api = f"{PREFIX}/api/conversations/{{sender_id}}"
    page = f"{PREFIX}/handovers/{{sender_id}}"
    return [
        ("POST", f"{api}/takeover", api_takeover),
        ("POST", f"{api}/reply", api_reply),
        ("POST", f"{api}/release", api_release),
        ("POST", f"{page}/takeover", form_takeover),
        ("POST", f"{page}/reply", form_reply),
        ("POST", f"{page}/release", form_release),
    ]


MAX_REASON = 300


async def _run(request: web.Request, what: str, text: str | None = None,
               reason: str = "") -> Delivery | None:
    service = request.app[TAKEOVERS]
    sender_id, user = sender(request), request["user"]
    reason = reason.strip()[:MAX_REASON]
    unrequested = what == "takeover" and not requested(
        service.console.store.latest_slots(sender_id))
    try:
        if what == "takeover":
            result: Delivery | None = await service.take_over(user, sender_id, reason)
        elif what == "reply":
            result = await service.reply(user, sender_id, text or "")
        else:
            await service.release(user, sender_id)
            result = None
    except RasaUnavailable as error:
        raise TakeoverError(503, RASA_DOWN) from error
    detail = f"{len(text or '')} tekens" if what == "reply" else None
    if unrequested:
        # Flagged: an admin took over a conversation in which nobody asked for help.
        record(request, "takeover_unrequested", sender_id, f"reden: {reason}")
    else:
        record(request, {"takeover": "takeover", "reply": "adviser_reply",
                         "release": "release"}[what], sender_id, detail)
    return result


def _json(result: Delivery | None, what: str) -> web.Response:
    body: dict[str, Any] = {"ok": True, "message": DONE[what]}
    if result is not None:
        body.update(channel=result.channel, live=result.live, delivery=result.note)
    return web.json_response(body)


async def _api(request: web.Request, what: str) -> web.Response:
    text, reason, body = None, "", None
    if what in ("reply", "takeover") and request.can_read_body:
        try:
            body = await request.json()
        except ValueError:
            body = None
        if what == "takeover" and isinstance(body, dict):
            reason = str(body.get("reason") or "")
    if what == "reply":
        if not isinstance(body, dict) or not isinstance(body.get("text"), str):
            return web.json_response({"error": 'send {"text": "..."}'}, status=400)
        text = body["text"]
    try:
        return _json(await _run(request, what, text, reason), what)
    except TakeoverError as error:
        return web.json_response({"error": error.message}, status=error.status)


async def api_takeover(request: web.Request) -> web.Response:
    return await _api(request, "takeover")


async def api_reply(request: web.Request) -> web.Response:
    return await _api(request, "reply")


async def api_release(request: web.Request) -> web.Response:
    return await _api(request, "release")


def flash(code: str) -> str:
    """The page's note after a form post (codes only in the URL, never free text)."""
    return DONE.get(code) or FORM_ERRORS.get(code, "")


async def _form(request: web.Request, what: str) -> web.Response:
    form = await request.post()
    text = str(form.get("text") or "") if what == "reply" else None
    try:
        await _run(request, what, text, str(form.get("reason") or ""))
        code = what
    except TakeoverError as error:
        code = f"error{error.status}"
    target = f"{PREFIX}/handovers/{quote(reference(sender(request)), safe='')}?"
    raise web.HTTPFound(target + urlencode({"live": code}) + "#live")


async def form_takeover(request: web.Request) -> web.Response:
    return await _form(request, "takeover")


async def form_reply(request: web.Request) -> web.Response:
    return await _form(request, "reply")


async def form_release(request: web.Request) -> web.Response:
    return await _form(request, "release")


def takeover_view(request: web.Request, sender_id: str, rows: list[Any]) -> dict[str, Any]:
    """What the handover page shows about the live conversation."""
    service, user = request.app[TAKEOVERS], request["user"]
    current = holder(service.console.engine, sender_id)
    slots = service.console.store.latest_slots(sender_id)
    return {
        "held_by": current["username"] if current else None,
        "mine": bool(current and current["username"] == user.username),
        "allowed": may_take_over(user, slots),
        # An admin may take over an unrequested conversation only with a reason.
        "needs_reason": may_take_over_with_reason(user, slots),
        "delivery": delivery_for(sender_id, rows).note,
        "name": first_name(user.username),
        "flash": flash(request.query.get("live", "")),
        "max_reply": MAX_REPLY,
    }
