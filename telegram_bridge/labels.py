"""Dutch labels for the contract's slot values, as the Telegram cards show them.

One table per slot, taken from the contract module (`contract.labels`).
"""

from __future__ import annotations

from collections.abc import Mapping

from contract import labels

MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)

# The labels come from the contract module (one label per value and purpose).
SECTOR_LABELS = labels.names("sector", "button")
WORK_STATUS_LABELS = labels.names("work_status", "short")
INTEREST_LABELS = labels.names("interest", "short")
REGION_LABELS = labels.names("province", "short")
EDUCATION_LABELS = labels.names("education_level", "short")
ROUTE_KIND_LABELS = labels.names("route_kind", "button")
AUDIENCE_LABELS = labels.names("funding_audience", "short")
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
