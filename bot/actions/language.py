"""Non-Dutch messages get a short reply in their own language: the service is in simple
Dutch, an adviser can help, and we carry on in Dutch. NLU names the language (entity
`language`, bot/components/language_detect.py); no entity means Dutch.
"""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.actions import replies
from bot.actions.reading import Reading

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


def detect(reading: Reading) -> str:
    """'nl' or the code of a language in REPLIES, as NLU read it."""
    return reading.value("language") or "nl"


def reply(lang: str) -> str:
    return REPLIES.get(lang, REPLIES["en"])


def say_in(dispatcher: CollectingDispatcher, tracker: Tracker, lang: str) -> None:
    """The short reply in `lang`, with the adviser button and the fallback payload."""
    text = replies.fresh(tracker, reply(lang), f"{reply(lang)} {DUTCH_AFTER}")
    dispatcher.utter_message(text=text, buttons=[ADVISER_BUTTON],
                             json_message={"type": "fallback"})
