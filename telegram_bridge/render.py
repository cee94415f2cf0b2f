"""Turn Rasa REST replies into Telegram messages (HTML parse mode).

Pure functions and one small table; no network, no python-telegram-bot objects, so every
rule here is unit-tested directly. Everything that comes from Rasa is escaped: the bot's
text and the payload values may contain `<`, `&` or quotes.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

# Telegram's limit is 4096 characters after entity parsing; we measure the raw HTML in
# UTF-16 code units (how Telegram counts), which is never shorter, so chunks always fit.
MESSAGE_LIMIT = 4096
CALLBACK_DATA_LIMIT = 64  # bytes, Telegram's limit for callback_data
# A card is read on a phone: the first few items (payloads come best first), then a count.
MAX_ROUTES = 4
MAX_FUNDING = 4

MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)

SECTOR_LABELS = {
    "horeca": "Horeca",
    "retail": "Winkel en retail",
    "logistiek_transport": "Logistiek en transport",
    "zorg_welzijn": "Zorg en welzijn",
    "onderwijs_kinderopvang": "Onderwijs en kinderopvang",
    "kantoor_administratie": "Kantoor en administratie",
    "klantenservice": "Klantenservice",
    "schoonmaak_facilitair": "Schoonmaak en facilitair",
    "beveiliging": "Beveiliging",
    "defensie": "Defensie",
    "agrarisch_groen": "Agrarisch en groen",
    "bouw": "Bouw",
    "industrie_productie": "Industrie en productie",
    "techniek_installatie": "Techniek en installatie",
    "ict": "ICT",
    "financiele_dienstverlening": "Financiële dienstverlening",
    "cultuur_sport_recreatie": "Cultuur, sport en recreatie",
    "overheid": "Overheid",
    "overig": "Iets anders",
}
WORK_STATUS_LABELS = {
    "werkend": "Ik werk",
    "ww": "WW-uitkering",
    "bijstand": "Bijstand",
    "zzp": "Zzp'er",
    "student": "Student",
    "werkzoekend_zonder_uitkering": "Werkzoekend zonder uitkering",
    "anders": "Anders",
}
INTEREST_LABELS = {
    "met_handen": "met je handen werken",
    "sleutelen": "sleutelen",
    "elektra": "elektra",
    "computers": "computers",
    "puzzelen": "puzzelen en problemen oplossen",
    "precisie": "precies werk",
    "buiten": "buiten werken",
    "bouwen": "bouwen en monteren",
    "ontwerpen": "tekenen en ontwerpen",
    "mensen": "met mensen werken",
    "duurzaamheid": "duurzame energie",
    "voertuigen": "voertuigen",
    "machines": "machines",
    "voeding": "voeding",
    "zorg": "techniek in de zorg",
    "onderweg": "onderweg zijn",
}
REGION_LABELS = {
    "groningen": "Groningen",
    "friesland": "Friesland",
    "drenthe": "Drenthe",
    "overijssel": "Overijssel",
    "flevoland": "Flevoland",
    "gelderland": "Gelderland",
    "utrecht": "Utrecht",
    "noord-holland": "Noord-Holland",
    "zuid-holland": "Zuid-Holland",
    "zeeland": "Zeeland",
    "noord-brabant": "Noord-Brabant",
    "limburg": "Limburg",
}
EDUCATION_LABELS = {
    "geen": "Geen diploma",
    "vmbo": "Vmbo",
    "mbo1": "Mbo niveau 1",
    "mbo2": "Mbo niveau 2",
    "mbo3": "Mbo niveau 3",
    "mbo4": "Mbo niveau 4",
    "havo": "Havo",
    "vwo": "Vwo",
    "hbo": "Hbo",
    "wo": "Universiteit (wo)",
}
ROUTE_KIND_LABELS = {
    "bbl": "BBL: leren en werken",
    "bol": "BOL: naar school met stage",
    "cursus": "Cursus",
    "praktijkverklaring": "Praktijkverklaring",
    "certificaat": "Certificaat",
    "associate_degree": "Associate degree",
    "hbo_deeltijd": "Hbo in deeltijd",
    "bedrijfsopleiding": "Opleiding bij een bedrijf",
    "leerwerktraject": "Leerwerktraject",
}
AUDIENCE_LABELS = {
    "werknemer": "werknemers",
    "werkgever": "werkgevers",
    "ww": "mensen met WW",
    "bijstand": "mensen in de bijstand",
    "zzp": "zzp'ers",
    "student": "studenten",
    "iedereen": "iedereen",
}
PROFILE_FIELDS = (
    ("current_job", "Werk"),
    ("current_sector", "Sector"),
    ("work_status", "Situatie"),
    ("education_level", "Opleiding"),
    ("region", "Provincie"),
    ("municipality", "Woonplaats"),
    ("interests", "Interesses"),
    ("learn_while_earning", "Leren en verdienen tegelijk"),
)
VALUE_LABELS: Mapping[str, Mapping[str, str]] = {
    "current_sector": SECTOR_LABELS,
    "work_status": WORK_STATUS_LABELS,
    "education_level": EDUCATION_LABELS,
    "region": REGION_LABELS,
    "interests": INTEREST_LABELS,
}


@dataclass(frozen=True)
class Button:
    title: str
    callback_data: str = ""
    url: str = ""


@dataclass(frozen=True)
class OutgoingMessage:
    """One Telegram message: HTML text (parse_mode HTML) and an optional inline keyboard."""

    html: str
    keyboard: tuple[tuple[Button, ...], ...] = field(default=())


class CallbackTable:
    """Maps Rasa button payloads to callback_data that fits Telegram's 64-byte limit.

    Short payloads pass through unchanged, so buttons keep working after a restart. Longer
    ones get a key from their hash; the table is per process and bounded, so a very old
    button can come back unknown: `resolve` then returns None and the caller says so.
    """

    PREFIX = "#"

    def __init__(self, capacity: int = 10_000) -> None:
        self._capacity = capacity
        self._payloads: OrderedDict[str, str] = OrderedDict()

    def encode(self, payload: str) -> str:
        if len(payload.encode()) <= CALLBACK_DATA_LIMIT and not payload.startswith(self.PREFIX):
            return payload
        digest = hashlib.sha256(payload.encode()).digest()[:15]
        key = self.PREFIX + base64.urlsafe_b64encode(digest).decode()
        self._payloads[key] = payload
        self._payloads.move_to_end(key)
        while len(self._payloads) > self._capacity:
            self._payloads.popitem(last=False)
        return key

    def resolve(self, data: str) -> str | None:
        if not data.startswith(self.PREFIX):
            return data
        return self._payloads.get(data)


# ---------------------------------------------------------------- text helpers


def esc(value: Any) -> str:
    """Escape text for Telegram HTML (<, > and &; quotes need no escaping in text)."""
    return html.escape("" if value is None else str(value), quote=False)


def esc_attribute(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def safe_url(url: Any) -> str | None:
    """Only absolute http(s) links become <a href>; anything else is shown as text."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    if re.match(r"^https?://[^\s<>\"']+$", url, flags=re.IGNORECASE):
        return url
    return None


def link(text: Any, url: Any) -> str:
    target = safe_url(url)
    if target is None:
        return esc(text)
    return f'<a href="{esc_attribute(target)}">{esc(text)}</a>'


_MD_LINK = re.compile(r"\[([^\]\n]+)\]\((https?://[^\s)]+)\)")
_MD_BOLD = re.compile(r"\*\*([^*\n]+)\*\*")


def text_to_html(text: str) -> str:
    """Escape the bot's text and keep its two markdown habits: [title](url) and **bold**."""
    parts: list[str] = []
    position = 0
    for match in _MD_LINK.finditer(text):
        parts.append(_bold_to_html(text[position:match.start()]))
        parts.append(link(match.group(1), match.group(2)))
        position = match.end()
    parts.append(_bold_to_html(text[position:]))
    return "".join(parts)


def _bold_to_html(text: str) -> str:
    escaped = esc(text)
    return _MD_BOLD.sub(lambda m: f"<b>{m.group(1)}</b>", escaped)


def humanise(identifier: Any) -> str:
    text = str(identifier or "").replace("_", " ").replace("-", " ").strip()
    return text[:1].upper() + text[1:]


def lower_first(name: str) -> str:
    """'Elektromonteur' -> 'elektromonteur', but 'CNC-operator' stays as it is."""
    if len(name) > 1 and name[1].isupper():
        return name
    return name[:1].lower() + name[1:]


def dutch_date(value: Any) -> str:
    """'2026-12-31' -> '31 december 2026'; anything unparsable is shown as given."""
    try:
        day = date.fromisoformat(str(value)[:10])
    except ValueError:
        return str(value)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def level_label(level: Any) -> str:
    if not level:
        return ""
    level = str(level)
    match = re.fullmatch(r"mbo([1-4])", level)
    if match:
        return f"mbo niveau {match.group(1)}"
    return level


def months_label(months: Any) -> str:
    try:
        count = int(months)
    except (TypeError, ValueError):
        return ""
    if count <= 0:
        return ""
    return "1 maand" if count == 1 else f"{count} maanden"


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


# ---------------------------------------------------------------- payload cards


def render_custom(payload: Any) -> str | None:
    """HTML for a contract section-3 payload; None when there is nothing to show."""
    if not isinstance(payload, Mapping):
        return None
    # Tolerate the socket.io-style wrapper {"data": {...}} some channels need.
    if "type" not in payload and isinstance(payload.get("data"), Mapping):
        payload = payload["data"]
    renderer = _RENDERERS.get(str(payload.get("type")))
    if renderer is None:
        return None
    return renderer(payload)


def _items(payload: Mapping[str, Any], key: str = "items") -> list[Mapping[str, Any]]:
    values = payload.get(key)
    if not isinstance(values, list):
        return []
    return [item for item in values if isinstance(item, Mapping)]


def _recommendations(payload: Mapping[str, Any]) -> str | None:
    items = _items(payload)
    if not items:
        return None
    lines = ["<b>Beroepen die bij je passen</b>"]
    for number, item in enumerate(items, start=1):
        lines.append("")
        lines.append(f"{number}. <b>{esc(item.get('name') or humanise(item.get('id')))}</b>")
        reasons = item.get("reasons")
        for reason in reasons if isinstance(reasons, list) else []:
            lines.append(f"   • {esc(reason)}")
    lines.append("")
    lines.append("<i>Dit is advies, geen garantie op werk.</i>")
    return "\n".join(lines)


def _routes(payload: Mapping[str, Any]) -> str | None:
    items = _items(payload)
    if not items:
        return None
    name = payload.get("profession_name") or humanise(payload.get("profession_id"))
    title = f"<b>Zo word je {esc(lower_first(name))}</b>" if name else "<b>Opleidingen</b>"
    lines = [title]
    for item in items[:MAX_ROUTES]:
        lines.append("")
        name_html = link(item.get("name") or humanise(item.get("id")), item.get("url"))
        lines.append(f"• <b>{name_html}</b>")
        facts = [
            ROUTE_KIND_LABELS.get(str(item.get("kind")), humanise(item.get("kind"))),
            level_label(item.get("level")),
            months_label(item.get("duration_months")),
        ]
        if item.get("learn_while_earning") is True and item.get("kind") != "bbl":
            facts.append("je verdient tijdens het leren")
        lines.append("  " + esc(" · ".join(fact for fact in facts if fact)))
    if len(items) > MAX_ROUTES:
        lines.append("")
        lines.append(f"En nog {_more(len(items) - MAX_ROUTES, 'route', 'routes')}. "
                     "Vraag ernaar bij het Werkcentrum in je regio.")
    return "\n".join(lines)


def _funding(payload: Mapping[str, Any]) -> str | None:
    items = _items(payload)
    if not items:
        return None
    lines = ["<b>Geld voor je opleiding</b>"]
    for item in items[:MAX_FUNDING]:
        lines.append("")
        lines.append(f"• <b>{esc(item.get('name') or humanise(item.get('id')))}</b>")
        if item.get("amount"):
            lines.append(f"  {esc(item['amount'])}")
        if item.get("conditions"):
            lines.append(f"  Voorwaarden: {esc(item['conditions'])}")
        audience = item.get("audience")
        if isinstance(audience, list) and audience:
            who = ", ".join(AUDIENCE_LABELS.get(str(a), str(a)) for a in audience)
            lines.append(f"  Voor: {esc(who)}")
        if item.get("valid_until"):
            lines.append(f"  Aanvragen kan tot {esc(dutch_date(item['valid_until']))}")
        if safe_url(item.get("url")):
            lines.append(f"  {link('Meer informatie', item['url'])}")
        if item.get("checked_at"):
            lines.append(f"  <i>Gecontroleerd op {esc(dutch_date(item['checked_at']))}</i>")
    if len(items) > MAX_FUNDING:
        lines.append("")
        lines.append(f"En nog {_more(len(items) - MAX_FUNDING, 'regeling', 'regelingen')}. "
                     "Het Werkcentrum in je regio weet welke bij je passen.")
    lines.append("")
    lines.append("<i>Bedragen zijn een maximum. Of je het krijgt, hangt af van de regels.</i>")
    return "\n".join(lines)


def _more(count: int, one: str, many: str) -> str:
    return f"1 {one}" if count == 1 else f"{count} {many}"


def _next_steps(payload: Mapping[str, Any]) -> str | None:
    steps = payload.get("steps")
    lines = ["<b>Wat kun je nu doen?</b>"]
    for number, step in enumerate(steps if isinstance(steps, list) else [], start=1):
        lines.append(f"{number}. {text_to_html(str(step))}")
    contact = payload.get("contact")
    if isinstance(contact, Mapping) and contact.get("name"):
        lines.append("")
        lines.append("<b>Hier kun je terecht</b>")
        lines.append(link(contact["name"], contact.get("url")))
        if contact.get("phone"):
            lines.append(f"Telefoon: {esc(contact['phone'])}")
    return "\n".join(lines) if len(lines) > 1 else None


def _profile_summary(payload: Mapping[str, Any]) -> str | None:
    profile = payload.get("profile")
    if not isinstance(profile, Mapping):
        return None
    lines = ["<b>Dit weet ik van je</b>"]
    for slot, label in PROFILE_FIELDS:
        value = profile.get(slot)
        shown = _profile_value(slot, value)
        if shown:
            lines.append(f"• {esc(label)}: {esc(shown)}")
    if len(lines) == 1:
        return None
    lines.append("")
    lines.append("Klopt iets niet? Typ dan wat er anders is.")
    return "\n".join(lines)


def _profile_value(slot: str, value: Any) -> str:
    if value is None or value == "" or value == []:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    labels = VALUE_LABELS.get(slot, {})
    if isinstance(value, list):
        return ", ".join(labels.get(str(v), humanise(v)) for v in value)
    return labels.get(str(value), str(value))


_RENDERERS = {
    "recommendations": _recommendations,
    "routes": _routes,
    "funding": _funding,
    "next_steps": _next_steps,
    "profile_summary": _profile_summary,
    # "fallback" marks a not-understood turn; its text already says so, nothing to add.
}


# ---------------------------------------------------------------- buttons


def keyboard(buttons: Any, table: CallbackTable) -> tuple[tuple[Button, ...], ...]:
    """Inline keyboard rows: short titles two per row, long titles on their own row."""
    parsed: list[Button] = []
    for raw in buttons if isinstance(buttons, list) else []:
        if not isinstance(raw, Mapping) or not str(raw.get("title") or "").strip():
            continue
        title = str(raw["title"]).strip()[:64]
        url = safe_url(raw.get("url"))
        if url:
            parsed.append(Button(title=title, url=url))
            continue
        payload = str(raw.get("payload") or title)
        parsed.append(Button(title=title, callback_data=table.encode(payload)))
    rows: list[tuple[Button, ...]] = []
    pending: list[Button] = []
    for button in parsed:
        if len(button.title) > 18:
            if pending:
                rows.append(tuple(pending))
                pending = []
            rows.append((button,))
            continue
        pending.append(button)
        if len(pending) == 2:
            rows.append(tuple(pending))
            pending = []
    if pending:
        rows.append(tuple(pending))
    return tuple(rows)


# ---------------------------------------------------------------- replies


def render_replies(
    replies: Iterable[Any], table: CallbackTable, limit: int = MESSAGE_LIMIT
) -> list[OutgoingMessage]:
    """All Telegram messages for one Rasa answer, in order, each within the size limit.

    The assistant sends advice as text plus a `custom` payload, which REST returns as two
    entries: the text (with its buttons) and then the payload. The text is the plain copy
    for channels that cannot render payloads, so a card that renders replaces the text
    right before it and keeps that text's buttons under it. Payloads without content
    (no items, `fallback`) render nothing and the text stays.
    """
    drafts: list[_Draft] = []
    for reply in replies:
        if not isinstance(reply, Mapping):
            continue
        text = reply.get("text")
        rows = keyboard(reply.get("buttons"), table)
        body = text_to_html(text) if isinstance(text, str) and text.strip() else ""
        if body or rows:
            drafts.append(_Draft(body or "Maak een keuze:", rows))
        if safe_url(reply.get("image")):
            drafts.append(_Draft(link("Bekijk de afbeelding", reply["image"]), closed=True))
        card = render_custom(reply.get("custom"))
        if not card:
            continue
        if drafts and not drafts[-1].closed:
            drafts[-1].body = card
            drafts[-1].closed = True
        else:
            drafts.append(_Draft(card, closed=True))
    messages: list[OutgoingMessage] = []
    for draft in drafts:
        chunks = split_html(draft.body, limit)
        for index, chunk in enumerate(chunks):
            last = index == len(chunks) - 1
            messages.append(OutgoingMessage(chunk, draft.rows if last else ()))
    return messages


@dataclass
class _Draft:
    body: str
    rows: tuple[tuple[Button, ...], ...] = ()
    closed: bool = False  # holds a card (or an image): a following card stands alone


# ---------------------------------------------------------------- splitting

_TOKEN = re.compile(r"<[^>]*>|&#?\w{1,10};|\n|[ \t]+|[^<&\s]+|[<&]|\s")
_TAG_NAME = re.compile(r"</?\s*([a-zA-Z0-9-]+)")


def split_html(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Split Telegram HTML into chunks of at most `limit` UTF-16 units.

    Cuts at a line break when the chunk has one, else at a space, else anywhere between
    tokens; tags and entities are never cut, and tags open at a cut are closed at the end
    of the chunk and opened again at the start of the next, so every chunk parses.
    """
    if utf16_len(text) <= limit:
        return [text]
    tokens = _tokens(text, limit // 4)
    chunks: list[str] = []
    opened: list[str] = []  # opening tags in effect at the start of the current chunk
    start = 0
    while start < len(tokens):
        prefix = "".join(opened)
        stack = list(opened)
        size = utf16_len(prefix)
        # Best place to cut so far, by preference: after a line break, a space, anything.
        cuts: dict[int, tuple[int, list[str]]] = {}
        index = start
        while index < len(tokens):
            token = tokens[index]
            new_stack = _apply_tag(stack, token)
            needed = utf16_len(token) + utf16_len(_closing(new_stack))
            if size + needed > limit and index > start:
                break
            size += utf16_len(token)
            stack = new_stack
            preference = 2 if token == "\n" else 1 if token.isspace() else 0
            cuts[preference] = (index, list(stack))
            index += 1
        if index >= len(tokens):
            chunks.append(prefix + "".join(tokens[start:]) + _closing(stack))
            break
        cut_index, cut_stack = cuts.get(2) or cuts.get(1) or cuts[0]
        body = prefix + "".join(tokens[start:cut_index + 1])
        chunks.append(_strip_trailing(body) + _closing(cut_stack))
        opened = cut_stack
        start = cut_index + 1
        while start < len(tokens) and tokens[start].isspace():
            start += 1
    return [chunk for chunk in chunks if chunk.strip()]


def _tokens(text: str, longest: int) -> list[str]:
    tokens: list[str] = []
    for token in _TOKEN.findall(text):
        # A word longer than a quarter chunk is cut so the splitter can always progress.
        while len(token) > longest and not token.startswith(("<", "&")):
            tokens.append(token[:longest])
            token = token[longest:]
        tokens.append(token)
    return tokens


def _apply_tag(stack: Sequence[str], token: str) -> list[str]:
    if not token.startswith("<") or not _TAG_NAME.match(token):
        return list(stack)
    name = _TAG_NAME.match(token).group(1).lower()  # type: ignore[union-attr]
    if token.startswith("</"):
        for position in range(len(stack) - 1, -1, -1):
            if _tag_name(stack[position]) == name:
                return list(stack[:position]) + list(stack[position + 1:])
        return list(stack)
    if token.endswith("/>"):
        return list(stack)
    return [*stack, token]


def _tag_name(tag: str) -> str:
    match = _TAG_NAME.match(tag)
    return match.group(1).lower() if match else ""


def _closing(stack: Sequence[str]) -> str:
    return "".join(f"</{_tag_name(tag)}>" for tag in reversed(stack))


def _strip_trailing(body: str) -> str:
    return body.rstrip(" \t\n")
