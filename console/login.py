"""Login form, login and logout of the console."""

from __future__ import annotations

import asyncio
import ipaddress
from typing import Any

from aiohttp import web

from console import audit
from console.context import Console
from console.middleware import COOKIE
from console.pages import PREFIX, ctx, page, record


def client_ip(request: web.Request, trusted: tuple[str, ...]) -> str:
    """The client's address: the peer, or, when the peer is a trusted proxy, the nearest
    address in X-Forwarded-For that is not one of our proxies. Without this every login
    behind the TLS terminator counts as the proxy's address (one shared throttle)."""
    peer = request.remote or "unknown"
    networks = _networks(trusted)
    if not _in(peer, networks):
        return peer  # a direct client cannot choose its address by sending the header
    hops = [h.strip() for h in request.headers.get("X-Forwarded-For", "").split(",")]
    for hop in reversed([h for h in hops if h]):
        if not _in(hop, networks):
            return hop
    return peer


def _networks(trusted: tuple[str, ...]) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    found = []
    for item in trusted:
        try:
            found.append(ipaddress.ip_network(item.strip(), strict=False))
        except ValueError:
            continue
    return found


def _in(address: str, networks: list[ipaddress.IPv4Network | ipaddress.IPv6Network]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def _safe_next(target: str | None) -> str:
    if target and target.startswith(PREFIX) and not target.startswith("//") and "\\" not in target:
        return target
    return PREFIX


def _set_cookie(request: web.Request, response: web.StreamResponse, token: str) -> None:
    response.set_cookie(
        COOKIE, token, path=PREFIX, httponly=True, samesite="Strict",
        secure=ctx(request).settings.secure_cookies,
        max_age=int(ctx(request).settings.session_hours * 3600),
    )


async def login_form(request: web.Request) -> web.Response:
    console = ctx(request)
    session = request["session"]
    if session is not None and session.user is not None:
        raise web.HTTPFound(PREFIX)
    if session is None:
        session = console.sessions.start(None)  # pre-session: carries only the CSRF token
    request["session"] = session
    response = page(request, "login.html", error="", next=_safe_next(request.query.get("next")),
                    username="")
    _set_cookie(request, response, session.token)
    return response


async def login(request: web.Request) -> web.Response:
    console = ctx(request)
    form = await request.post()
    username = str(form.get("username") or "").strip()[:80]
    password = str(form.get("password") or "")[:1024]
    target = _safe_next(str(form.get("next") or ""))
    ip = client_ip(request, console.settings.trusted_proxies)
    if console.throttle.blocked(username, ip):
        audit.record(console.engine, username or None, "login_blocked")
        return page(request, "login.html", status=429, next=target, username=username,
                    error="Te veel mislukte pogingen. Probeer het over 15 minuten opnieuw.")
    user = await asyncio.get_running_loop().run_in_executor(
        None, _verify, console, username, password)
    if user is None:
        console.throttle.fail(username, ip)
        audit.record(console.engine, username or None, "login_failed")
        return page(request, "login.html", status=401, next=target, username=username,
                    error="Gebruikersnaam of wachtwoord klopt niet.")
    console.throttle.clear(username, ip)
    old = request["session"]
    if old is not None:
        console.sessions.end(old.token)  # new token after login: no session fixation
    session = console.sessions.start(user)
    audit.record(console.engine, user.username, "login")
    response = web.HTTPFound(target)
    _set_cookie(request, response, session.token)
    raise response


def _verify(console: Console, username: str, password: str) -> Any:
    from console.auth import verify_user

    return verify_user(console.engine, username, password) if username and password else None


async def logout(request: web.Request) -> web.Response:
    console = ctx(request)
    console.sessions.end(request["session"].token)
    record(request, "logout")
    response = web.HTTPFound(f"{PREFIX}/login?msg=logged_out")
    response.del_cookie(COOKIE, path=PREFIX)
    raise response
