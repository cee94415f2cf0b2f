"""Masking of phone numbers and e-mail addresses in texts shown in lists and exports."""

from __future__ import annotations

import re

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Dutch and international numbers: 06-12345678, 06 1234 5678, +31 6 12345678, 0570-123456
_PHONE = re.compile(r"(?<![\w])(?:\+|00)?\d[\d ()./-]{7,}\d(?![\w])")


def mask_pii(text: str | None) -> str:
    if not text:
        return ""
    text = _EMAIL.sub("[e-mail verborgen]", text)
    return _PHONE.sub(_mask_phone, text)


def _mask_phone(match: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", match.group(0))
    if len(digits) < 9:  # dates, amounts and postcodes are not phone numbers
        return match.group(0)
    return "[telefoon verborgen]"
