"""HTTP routes of the adviser console (pages, JSON API, exports), mounted under /console.

Handlers live by subject: `login`, `conversations`, `reports`, `learn_routes`; `middleware`
wraps each one (login, CSRF, headers), `pages` holds what they share and `repository` the
SQL writes. Add a route to `build_routes`.
"""

from __future__ import annotations

from aiohttp import web

from console import contacts as contacts_console
from console import conversations as conv
from console import learn_routes as learn
from console import reports
from console.context import make_console
from console.login import login, login_form, logout
from console.middleware import guarded
from console.pages import CONSOLE, Handler
from console.retention import retention_task
from settings.sections import ConsoleSettings


def build_routes() -> list[tuple[str, str, Handler]]:
    """(method, path, handler) of every console route; handlers are wrapped by `guarded`."""
    return [
        ("GET", "/console", conv.conversation_list),
        ("GET", "/console/", conv.conversation_list),
        ("GET", "/console/login", login_form),
        ("POST", "/console/login", login),
        ("POST", "/console/logout", logout),
        ("GET", "/console/conversations/{sender_id}", conv.conversation_page),
        ("POST", "/console/conversations/{sender_id}/tags", conv.add_tag),
        ("POST", "/console/conversations/{sender_id}/tags/delete", conv.delete_tag),
        ("POST", "/console/conversations/{sender_id}/notes", conv.add_note),
        ("POST", "/console/conversations/{sender_id}/outcome", conv.set_outcome),
        ("POST", "/console/conversations/{sender_id}/erase", conv.erase_conversation),
        ("GET", "/console/dashboard", learn.with_learn_refresh(reports.dashboard)),
        ("GET", "/console/export.csv", reports.export_csv),
        ("GET", "/console/export.json", reports.export_json),
        ("GET", "/console/audit", reports.audit_page),
        ("GET", "/console/api/conversations", conv.api_conversations),
        ("GET", "/console/api/conversations/{sender_id}", conv.api_conversation),
        ("GET", "/console/learn", learn.learn_page),
        ("POST", "/console/learn/{id}", learn.form_annotate),
        ("GET", "/console/api/learn", learn.api_learn),
        ("POST", "/console/api/learn/{id}", learn.api_annotate),
        *contacts_console.routes(),
    ]


def mount(app: web.Application, settings: ConsoleSettings) -> None:
    """Register the console on `app` directly (no sub-application).

    aiohttp 3.9's sub-app prefix matching calls `request.url`, which fails with the yarl
    release in the lock file whenever the Host header carries a port; plain routes on the
    parent app avoid it. Each handler is wrapped, so the parent's other routes are untouched.
    """
    app[CONSOLE] = make_console(settings)
    for method, path, handler in build_routes():
        app.router.add_route(method, path, guarded(handler))
    app.cleanup_ctx.append(retention_task)
    app.cleanup_ctx.append(learn.learn_build_task)  # first build of the learning inbox
