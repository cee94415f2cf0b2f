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


# --- stricter masking for texts the console keeps (learning inbox, issue 25) -------------
# Placeholders used by `mask_personal`; the training export swaps them for neutral words.
PLACEHOLDERS = {
    "email": "[e-mail verborgen]",
    "phone": "[telefoon verborgen]",
    "postcode": "[postcode verborgen]",
    "address": "[adres verborgen]",
    "name": "[naam verborgen]",
    "number": "[nummer verborgen]",
}
_POSTCODE = re.compile(r"(?<![\w])[1-9]\d{3}\s?(?!sa|sd|ss)[a-z]{2}(?![\w])", re.IGNORECASE)
# A street name (one word ending in a usual Dutch street part) followed by a house number.
_STREET = (r"[A-Za-zÀ-ÿ'.-]*(?:straat|weg|laan|plein|gracht|kade|dijk|singel|hof|pad|steeg|"
           r"dreef|markt|park|plantsoen|veld|erf|wal|baan|burg|haven|akker|horst|donk)")
_ADDRESS = re.compile(_STREET + r"\s+\d{1,5}\s?[a-zA-Z]?(?:[-/ ]?\d{1,4})?(?![\w])",
                      re.IGNORECASE)
# "huisnummer 12", "nr. 12a", "nummer 7"
_HOUSE_NUMBER = re.compile(r"\b(?:huisnummer|huisnr\.?|nr\.?|nummer)\s*\d{1,5}\s?[a-zA-Z]?\b",
                           re.IGNORECASE)
# "ik heet Jan de Vries", "mijn naam is Fatima": the words after it that start with a capital.
_NAME = re.compile(
    r"\b((?i:ik\s+heet|ik\s+ben|mijn\s+naam\s+is|naam\s*:|groeten\s*,?|groetjes\s*,?|gr\.?\s*,?))\s+"
    r"((?:(?:van|de|der|den|el|al|ter|ten|'t)\s+)*[A-ZÀ-Ý][\wÀ-ÿ'-]*"
    r"(?:\s+(?:(?:van|de|der|den|el|al|ter|ten)\s+)*[A-ZÀ-Ý][\wÀ-ÿ'-]*)*)",
)  # case-sensitive on purpose: a name starts with a capital
# Long digit runs left over (BSN, account or client numbers): never kept.
_LONG_NUMBER = re.compile(r"(?<![\w])\d[\d .-]{4,}\d(?![\w])")


def mask_personal(text: str | None) -> str:
    """Phone numbers, e-mail addresses, postcodes, street + house numbers, introduced names
    and long numbers replaced by PLACEHOLDERS. Used before a text is stored for learning."""
    text = mask_pii(text)
    if not text:
        return ""
    text = _ADDRESS.sub(PLACEHOLDERS["address"], text)
    text = _POSTCODE.sub(PLACEHOLDERS["postcode"], text)
    text = _HOUSE_NUMBER.sub(PLACEHOLDERS["number"], text)
    text = _NAME.sub(_mask_name, text)
    return _LONG_NUMBER.sub(_mask_long_number, text)


def _mask_name(match: re.Match[str]) -> str:
    return f"{match.group(1)} {PLACEHOLDERS['name']}"


def _mask_long_number(match: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", match.group(0))
    return PLACEHOLDERS["number"] if len(digits) >= 5 else match.group(0)


def has_personal_data(text: str) -> bool:
    """True when `text` still holds something `mask_personal` would hide (export check)."""
    return mask_personal(text) != text or any(p in text for p in PLACEHOLDERS.values())
