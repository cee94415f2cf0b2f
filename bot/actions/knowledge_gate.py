"""The only door from the actions to the knowledge base.

Every call goes through `_safe`, so a knowledge error costs one answer, never the
whole turn (a crashed action would stop the form). Errors are logged without the
user's text, which may hold personal data.
"""

from __future__ import annotations

import logging
from typing import Any, Callable, Optional, TypeVar

import knowledge

logger = logging.getLogger(__name__)

T = TypeVar("T")

PROFILE_SLOTS: tuple[str, ...] = (
    "current_job", "current_job_esco", "current_sector", "work_status", "interests",
    "region", "municipality", "education_level", "learn_while_earning",
)


def _safe(func: Callable[..., T], *args: Any, default: Any = None, **kwargs: Any) -> Any:
    try:
        return func(*args, **kwargs)
    except Exception:  # noqa: BLE001 - any knowledge failure must not stop the turn
        logger.exception("knowledge.%s failed", getattr(func, "__name__", "?"))
        return default


def warm_up() -> None:
    """Load the knowledge base now, so the first user does not wait for it."""
    _safe(knowledge.recognise_place, "Utrecht")
    _safe(knowledge.recognise_job, "kok")


def recognise_job(text: str) -> Optional[dict]:
    return _safe(knowledge.recognise_job, text)


def recognise_place(text: str) -> Optional[dict]:
    return _safe(knowledge.recognise_place, text)


def recognise_province(text: str) -> Optional[str]:
    return _safe(knowledge.recognise_province, text)


def recognise_education(text: str) -> Optional[str]:
    return _safe(knowledge.recognise_education, text)


def recognise_work_status(text: str) -> Optional[str]:
    return _safe(knowledge.recognise_work_status, text)


def recognise_interests(text: str) -> list[str]:
    return _safe(knowledge.recognise_interests, text, default=[]) or []


def recognise_sector(text: str) -> Optional[str]:
    return _safe(knowledge.recognise_sector, text)


def recognise_sector_word(text: str) -> Optional[str]:
    """A sector named by a word ("thuiszorg"), without falling back to job titles."""
    from knowledge.recognise import profile as _profile_rec
    return _safe(_profile_rec.recognise_sector, text)


def recognise_profession(text: str) -> Optional[str]:
    return _safe(knowledge.recognise_profession, text)


def recognise_learn_while_earning(text: str) -> Optional[bool]:
    from knowledge.recognise.profile import recognise_learn_while_earning as recognise

    return _safe(recognise, text)


def recognise_faq_topic(text: str) -> Optional[str]:
    return _safe(knowledge.recognise_faq_topic, text)


def match(profile: dict, campaign: Optional[dict] = None, limit: int = 5) -> dict:
    return _safe(knowledge.match, profile, limit=limit, campaign=campaign,
                 default={"type": "recommendations", "items": []})


def routes_for(profession_id: str, profile: dict) -> dict:
    return _safe(knowledge.routes_for, profession_id, profile,
                 default={"type": "routes", "profession_id": profession_id, "items": []})


def funding_for(profile: dict, profession_id: Optional[str] = None, page: int = 0) -> dict:
    return _safe(knowledge.funding_for, profile, profession_id, page=page,
                 default={"type": "funding", "items": []})


def ended_funding(text_or_id: str) -> Optional[dict]:
    return _safe(knowledge.ended_funding, text_or_id)


def contact_for(profile: dict) -> Optional[dict]:
    return _safe(knowledge.contact_for, profile)


def next_steps(profile: dict, profession_id: Optional[str]) -> Optional[dict]:
    return _safe(knowledge.next_steps, profile, profession_id)


def profession(profession_id: str) -> Optional[dict]:
    return _safe(knowledge.profession, profession_id)


def faq_answer(topic: str, profession_id: Optional[str] = None,
               profile: Optional[dict] = None) -> Optional[dict]:
    return _safe(knowledge.faq_answer, topic, profession_id, profile)


def profile_summary(profile: dict) -> dict:
    return _safe(knowledge.profile_summary, profile,
                 default={"type": "profile_summary", "profile": profile})
