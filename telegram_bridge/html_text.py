"""Telegram HTML text: escaping, links, small Dutch formatters and splitting to the size limit.

Everything that comes from Rasa is escaped: the bot's text and payload values may contain
`<`, `&` or quotes.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from telegram_bridge.labels import MONTHS

# Telegram's limit is 4096 characters after entity parsing; we measure the raw HTML in
# UTF-16 code units (how Telegram counts), which is never shorter, so chunks always fit.
MESSAGE_LIMIT = 4096

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
