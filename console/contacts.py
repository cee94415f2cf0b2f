"""Regional contacts in the console (issue 23): list, edit form, JSON API, CSV export/import.

Advisers may look; only admins change. The console middleware checks login for every route
and the CSRF token for POST; the JSON ``PUT`` is checked here the same way (header
``X-CSRF-Token``, contract sections 8/9). Every change is audited with who, when and which
fields changed. The data lives in ``knowledge.contacts.ContactStore`` (by default the
console database), so the assistant uses an edit in its next answer without a restart.
"""

from __future__ import annotations

import csv
import io
import json
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

from aiohttp import web

from console.pages import PREFIX, Handler, ctx, page, record
from knowledge import contacts as store_mod
from knowledge import schema, vocab
from knowledge.contacts_text import host, is_local
from settings.sections import KnowledgeSettings

STORE = web.AppKey("contact_store", store_mod.ContactStore)
STALE_DAYS = 180
NOTES = {"saved": "Contact opgeslagen.", "imported": "Import verwerkt."}


def routes() -> list[tuple[str, str, Handler]]:
    return [
        ("GET", f"{PREFIX}/contacts", contacts_page),
        ("GET", f"{PREFIX}/contacts/export.csv", export_csv),
        ("POST", f"{PREFIX}/contacts/import", import_csv),
        ("GET", f"{PREFIX}/contacts/{{contact_id}}", edit_form),
        ("POST", f"{PREFIX}/contacts/{{contact_id}}", save_form),
        ("GET", f"{PREFIX}/api/contacts", api_list),
        ("PUT", f"{PREFIX}/api/contacts/{{contact_id}}", api_put),
    ]


def store(request: web.Request) -> store_mod.ContactStore:
    """One store per app, opened on first use (same URL rule as KnowledgeSettings)."""
    found = request.app.get(STORE)
    if found is None:
        settings = ctx(request).settings
        url = settings.contacts_database_url or settings.database_url
        found = store_mod.ContactStore.open(url)
        if found is None:
            raise web.HTTPServiceUnavailable(text="contact store not available")
        if not found.rows():  # a fresh database: seed it from the shipped file
            found.sync_seed(_shipped())
        request.app[STORE] = found
    return found


def _data_dir() -> Path:
    return KnowledgeSettings.from_env().knowledge_data_dir


def _shipped() -> list[dict[str, Any]]:
    parsed = schema.read_file(schema.SPECS["contacts"], _data_dir())
    return [row for _, row in parsed.rows]


def _regions() -> dict[str, str]:
    """Region id -> name, read from the data file (the console does not load the KB)."""
    parsed = schema.read_file(schema.SPECS["labour_market_regions"], _data_dir())
    return {row["id"]: row["name"] for _, row in parsed.rows}


def stale(row: dict[str, Any], now: float | None = None) -> bool:
    """checked_at more than STALE_DAYS ago (or missing)."""
    if not row.get("checked_at"):
        return True
    checked = time.mktime(time.strptime(row["checked_at"], "%Y-%m-%d"))
    return ((now or time.time()) - checked) > STALE_DAYS * 86400


def attention(contact_store: store_mod.ContactStore) -> dict[str, list[dict[str, Any]]]:
    """For the dashboard: dead links (last link check) and rows not checked for 180 days."""
    rows = contact_store.rows()
    links = contact_store.link_results()
    dead = [{"url": url, "status": r["status"], "error": r["error"],
             "checked_at": r["checked_at"]} for url, r in sorted(links.items()) if not r["ok"]]
    old = [{"id": r["id"], "name": r["name"], "checked_at": r["checked_at"]}
           for r in rows if stale(r)]
    return {"dead_links": dead, "stale": old}


def _view(row: dict[str, Any], links: dict[str, dict[str, Any]]) -> dict[str, Any]:
    link = links.get(row["url"])
    return {**row, "local": is_local(row), "host": host(row["url"]), "stale": stale(row),
            "link_ok": None if link is None else link["ok"],
            "link_status": None if link is None else link["status"]}


def _diff(before: dict[str, Any] | None, after: dict[str, Any]) -> str:
    """'field: old -> new' per changed field, for the audit log (no personal data here:
    contacts are organisations)."""
    parts = []
    for name in store_mod.EDITABLE:
        old = (before or {}).get(name)
        if old != after.get(name):
            parts.append(f"{name}: {json.dumps(old, ensure_ascii=False)} -> "
                         f"{json.dumps(after.get(name), ensure_ascii=False)}")
    return "; ".join(parts)


def _api_row(row: dict[str, Any]) -> dict[str, Any]:
    keep = (*store_mod.CSV_FIELDS, "changed_by", "changed_at", "origin")
    return {k: row.get(k) for k in keep}


def _admin_only(request: web.Request) -> web.Response | None:
    if request["user"].is_admin:
        return None
    if request.path.startswith(f"{PREFIX}/api/"):
        return web.json_response({"error": "admins only"}, status=403)
    return page(request, "error.html", status=403, message="Alleen voor beheerders.")


# ---------------------------------------------------------------------- pages
async def contacts_page(request: web.Request) -> web.Response:
    contact_store = store(request)
    links = contact_store.link_results()
    rows = [_view(r, links) for r in contact_store.rows()]
    record(request, "view_contacts")
    return page(request, "contacts.html", rows=rows, regions=_regions(),
                note=NOTES.get(request.query.get("msg", ""), ""))


async def edit_form(request: web.Request) -> web.Response:
    row = store(request).get(request.match_info["contact_id"])
    if row is None:
        raise web.HTTPNotFound()
    return page(request, "contacts_edit.html", row=row, problems=[], kinds=vocab.CONTACT_KINDS,
                audiences=vocab.CONTACT_AUDIENCES, regions=_regions())


def _form_changes(form: Any) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    for name in store_mod.EDITABLE:
        if name in store_mod.LIST_FIELDS:
            changes[name] = [str(v) for v in form.getall(name, [])]
        elif name == "walk_in":
            value = str(form.get("walk_in") or "")
            changes[name] = None if value == "" else value
        else:
            changes[name] = str(form.get(name) or "").strip()
    return changes


async def save_form(request: web.Request) -> web.Response:
    denied = _admin_only(request)
    if denied is not None:
        return denied
    contact_id = request.match_info["contact_id"]
    form = await request.post()
    changes = _form_changes(form)
    try:
        before, after = store(request).update(contact_id, changes, request["user"].username,
                                              region_ids=_regions())
    except KeyError:
        raise web.HTTPNotFound() from None
    except store_mod.ContactError as error:
        row = {**(store(request).get(contact_id) or {}), **changes, "id": contact_id}
        return page(request, "contacts_edit.html", status=400, row=row,
                    problems=error.problems, kinds=vocab.CONTACT_KINDS,
                    audiences=vocab.CONTACT_AUDIENCES, regions=_regions())
    record(request, "edit_contact", contact_id, _diff(before, after))
    raise web.HTTPFound(f"{PREFIX}/contacts?msg=saved#c-{quote(contact_id)}")


# ---------------------------------------------------------------------- CSV
async def export_csv(request: web.Request) -> web.Response:
    denied = _admin_only(request)
    if denied is not None:
        return denied
    rows = store(request).rows()
    out = io.StringIO()
    writer = csv.DictWriter(out, store_mod.CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(store_mod.to_csv_row(r) for r in rows)
    record(request, "export_contacts", detail=f"{len(rows)} rijen")
    return web.Response(text=out.getvalue(), content_type="text/csv", charset="utf-8",
                        headers={"Content-Disposition": 'attachment; filename="contacten.csv"'})


async def import_csv(request: web.Request) -> web.Response:
    denied = _admin_only(request)
    if denied is not None:
        return denied
    form = await request.post()
    upload = form.get("file")
    raw = upload.file.read() if hasattr(upload, "file") else str(form.get("csv") or "").encode()
    try:
        text = raw.decode("utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
    except (UnicodeDecodeError, csv.Error) as exc:
        return _import_failed(request, [f"Het bestand is geen leesbare CSV (UTF-8): {exc}"])
    try:
        changes = store(request).import_rows(rows, request["user"].username,
                                             region_ids=_regions())
    except store_mod.ContactError as error:
        return _import_failed(request, error.problems)
    for change in changes:
        record(request, "import_contact", change["id"], _diff(change["before"],
                                                              change["after"]))
    record(request, "import_contacts", detail=f"{len(rows)} rijen, {len(changes)} gewijzigd")
    raise web.HTTPFound(f"{PREFIX}/contacts?msg=imported")


def _import_failed(request: web.Request, problems: list[str]) -> web.Response:
    contact_store = store(request)
    links = contact_store.link_results()
    return page(request, "contacts.html", status=400, regions=_regions(),
                rows=[_view(r, links) for r in contact_store.rows()], note="",
                import_problems=problems[:50])


# ---------------------------------------------------------------------- JSON API
async def api_list(request: web.Request) -> web.Response:
    rows = store(request).rows()
    return web.json_response({"items": [_api_row(r) for r in rows], "total": len(rows)})


async def api_put(request: web.Request) -> web.Response:
    # The middleware checks CSRF only for POST; a PUT changes data just the same.
    console = ctx(request)
    if not console.sessions.csrf_ok(request.get("session"),
                                    request.headers.get("X-CSRF-Token")):
        return web.json_response({"error": "csrf"}, status=403)
    denied = _admin_only(request)
    if denied is not None:
        return denied
    try:
        body = await request.json()
    except ValueError:
        body = None
    if not isinstance(body, dict):
        return web.json_response({"error": "send a JSON object of fields"}, status=400)
    contact_id = request.match_info["contact_id"]
    try:
        before, after = store(request).update(contact_id, body, request["user"].username,
                                              region_ids=_regions())
    except KeyError:
        return web.json_response({"error": "unknown contact"}, status=404)
    except store_mod.ContactError as error:
        return web.json_response({"error": "invalid", "problems": error.problems},
                                 status=400)
    record(request, "edit_contact", contact_id, _diff(before, after))
    return web.json_response({"ok": True, "item": _api_row(after)})
