"""Generated inputs through every recogniser and the matcher: never a crash.

2,000 here; `make bench` (bench/bench_fuzz.py) runs 10,000 through the same check.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from testing.fuzz_messages import messages, read_with_every_recogniser

EXAMPLES = 2_000


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(text=messages)
def test_recognisers_and_matching_survive_any_text(text: str) -> None:
    # GIVEN any text WHEN every recogniser reads it
    # THEN results keep to the contract's vocabularies, and matching on what was found
    # still gives 3 to 5 professions (asserted inside)
    read_with_every_recogniser(text)
