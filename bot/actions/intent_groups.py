"""The intent groups the dialogue decides with, in one place.

domain.yml's `not_intent` lists are exactly `NEVER_AN_ANSWER` (a test checks it), and the
form and the FAQ action use the same groups, so a new intent is sorted once.
"""

from __future__ import annotations

# Messages that answer a profile question, or tell profile facts.
PROFILE_ANSWERS = frozenset({"inform", "affirm", "deny", "dont_know", "start_profile",
                             "choose_profession", "nlu_fallback"})
# Questions and requests: they may still carry facts in a statement part, and a short
# statement that NLU took for one of these is read as an answer (issue 21).
QUESTIONS = frozenset({"faq", "ask_routes", "ask_funding", "ask_next_steps",
                       "out_of_scope", "english"})
# Requests that change what happens: never an answer, whatever facts they mention.
NEVER_AN_ANSWER = frozenset({"request_human", "erase_data", "restart", "goodbye",
                             "bot_challenge", "ask_capabilities"})
# Of those, the ones that must act whatever the message holds; the others (a bot
# challenge, "what can you do") only when the message is not a plain statement.
REQUESTS = frozenset({"request_human", "erase_data", "restart", "goodbye"})
SMALL_TALK = frozenset({"greet", "thanks"})
# Everything that is not an answer to the question on screen.
DIGRESSIONS = QUESTIONS | NEVER_AN_ANSWER
