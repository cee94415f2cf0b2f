"""The recommendations turn: what we noted, then the professions with what carries over,
together within the turn's 120 words (bot/actions/advice_texts.TURN_WORDS)."""

from __future__ import annotations

from typing import Any

from bot.actions import advice_texts, texts


def recommendation_text(items: list[dict[str, Any]],
                        payload: dict[str, Any] | None = None,
                        budget: int = advice_texts.TURN_WORDS) -> str:
    """Each profession with its best reason and what carries over: the text stays within
    `budget` words (the turn's 120 minus the summary before it). Every reason and skill is
    in the payload for the card."""
    head = ["Deze beroepen kunnen bij je passen:"]
    top = items[:3]
    more = [str(item.get("name")) for item in items[3:]]
    tail = advice_texts.recommendation_notes(payload or {}) + [
        "Dit is advies, geen belofte."]

    def build(most: int, learn: str, with_more: bool) -> str:
        lines = list(head)
        for number, item in enumerate(top, start=1):
            reasons = [advice_texts.short_reason(r) for r in (item.get("reasons") or [])[:1]]
            lines.append(f"{number}. {item.get('name')}. " + " ".join(reasons))
            first = number == 1
            have = [str(x) for x in item.get("transferable_skills") or []]
            said = " ".join(reasons).lower()
            if have and have[0].lower() in said:
                # "Je kunt al X" is the reason already: only what is still to learn.
                skills = advice_texts.skills_sentence({**item, "transferable_skills": []},
                                                      most=1)
            else:
                skills = advice_texts.skills_sentence(
                    item, most=most if first else 1,
                    learn=learn == "all" or (learn == "first" and first) or not have)
            if skills:
                lines.append(skills)
        if more and with_more:
            lines.append("Ook mogelijk: " + " en ".join(
                [", ".join(more[:-1]), more[-1]] if len(more) > 1 else more) + ".")
        return "\n".join(lines + tail)

    # From the fullest to the shortest: fewer skills, then no "Ook mogelijk", then what
    # is still to learn only for the first profession, then only what carries over.
    attempts = [(2, "all", True), (1, "all", True), (1, "all", False), (1, "first", False),
                (1, "none", False)]
    text = ""
    for most, learn, with_more in attempts:
        text = build(most, learn, with_more)
        if advice_texts.words(text) <= budget:
            break
    return text


def summary_text(profile: dict[str, Any]) -> str:
    """What we noted, one short line per fact, the job in the person's own words."""
    shown = {**profile, "current_job": profile.get("current_job_text")
             or profile.get("current_job")}
    parts = [p.strip().rstrip(".") for p in texts.understood(shown).split(";") if p.strip()]
    return ("Dit heb ik genoteerd:\n" + "\n".join(f"• {p}." for p in parts)
            + "\nKlopt iets niet? Zeg het gerust.")
