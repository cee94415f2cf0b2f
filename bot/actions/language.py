"""Which language is a message in? Non-Dutch messages get a short reply in their own
language: the service is in simple Dutch, an adviser can help, and we carry on in Dutch.

Uses wordfreq's frequency tables: a message is in language X when its words are clearly
more common in X than in Dutch. Short messages ("hallo", "kok") are always Dutch.
"""

from __future__ import annotations

import re

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.actions import replies

try:
    from wordfreq import zipf_frequency
except ImportError:  # pragma: no cover - wordfreq is pinned in requirements.lock
    zipf_frequency = None

_WORDS = re.compile(r"[^\W\d_]+", re.UNICODE)
_ARABIC = re.compile(r"[\u0600-\u06ff]")
CANDIDATES = ("en", "de", "fr", "es", "pl", "tr")

REPLIES: dict[str, str] = {
    "en": "Sorry, this service is only in simple Dutch. You can talk to an adviser. "
          "I will go on in simple Dutch.",
    "de": "Entschuldigung, dieser Service ist nur auf einfachem Niederländisch. Sie können "
          "mit einem Berater sprechen. Ich mache auf einfachem Niederländisch weiter.",
    "fr": "Désolé, ce service est seulement en néerlandais simple. Vous pouvez parler à un "
          "conseiller. Je continue en néerlandais simple.",
    "es": "Lo siento, este servicio solo está en neerlandés sencillo. Puede hablar con un "
          "asesor. Sigo en neerlandés sencillo.",
    "pl": "Przepraszamy, ta usługa jest tylko w prostym języku niderlandzkim. Możesz "
          "porozmawiać z doradcą. Dalej piszę w prostym niderlandzkim.",
    "tr": "Üzgünüm, bu hizmet sadece basit Hollandaca. Bir danışmanla konuşabilirsiniz. "
          "Basit Hollandaca devam ediyorum.",
    "ar": "عذرًا، هذه الخدمة باللغة الهولندية البسيطة فقط. يمكنك التحدث مع مستشار. "
          "سأكمل باللغة الهولندية البسيطة.",
}
ADVISER_BUTTON = {"title": "Adviseur / Adviser", "payload": "/request_human"}
DUTCH_AFTER = "Ik ga verder in eenvoudig Nederlands."


def _score(words: list[str], lang: str) -> float:
    return sum(zipf_frequency(w, lang) for w in words) / len(words)


def detect(text: str) -> str:
    """'nl' or the code of a language in REPLIES."""
    if _ARABIC.search(text or ""):
        return "ar"
    words = [w.lower() for w in _WORDS.findall(text or "")]
    if zipf_frequency is None or len(words) < 3:
        return "nl"
    dutch = _score(words, "nl")
    best, best_score = "nl", dutch
    for lang in CANDIDATES:
        score = _score(words, lang)
        if score > best_score:
            best, best_score = lang, score
    # Clearly another language, not Dutch with a few loan words ("I live in Utrecht" ties).
    return best if best != "nl" and best_score >= dutch + 0.8 else "nl"


def reply(lang: str) -> str:
    return REPLIES.get(lang, REPLIES["en"])


def say_in(dispatcher: CollectingDispatcher, tracker: Tracker, lang: str) -> None:
    """The short reply in `lang`, with the adviser button and the fallback payload."""
    text = replies.fresh(tracker, reply(lang), f"{reply(lang)} {DUTCH_AFTER}")
    dispatcher.utter_message(text=text, buttons=[ADVISER_BUTTON],
                             json_message={"type": "fallback"})
