"""Generated messages through the real Rasa and action servers: always a reply, no 5xx."""

from __future__ import annotations

import requests
from hypothesis import HealthCheck, given, settings

from testing.fuzz_messages import messages
from tests.conftest import RasaStack

# 10,000 inputs run in `make bench` (bench/bench_fuzz.py); here a slice keeps the suite short.
EXAMPLES = 150
# A fresh conversation now and then, like real people: one conversation of hundreds of turns
# measures how Rasa replays a long tracker, not whether odd input gets a reply.
TURNS_PER_CONVERSATION = 30


def test_generated_messages_always_get_a_reply(rasa_stack: RasaStack) -> None:
    state = {"sender": rasa_stack.new_sender("fuzz"), "turns": 0}

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
    @given(text=messages)
    def check(text: str) -> None:
        state["turns"] += 1
        if state["turns"] % TURNS_PER_CONVERSATION == 0:
            state["sender"] = rasa_stack.new_sender("fuzz")
        response = requests.post(f"{rasa_stack.rasa_url}/webhooks/rest/webhook",
                                 json={"sender": state["sender"], "message": text}, timeout=60)
        assert response.status_code == 200
        assert response.json(), f"no reply to {text[:80]!r}"

    check()
