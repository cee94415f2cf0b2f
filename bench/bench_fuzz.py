"""10,000 generated messages through every recogniser and the matcher, and 10,000 through the
real message path (REST -> Rasa -> actions). tests/fuzz runs a slice of each."""

from __future__ import annotations

import time
import uuid

import requests
from hypothesis import HealthCheck, given, settings

from bench.local_stack import local_stack
from testing.fuzz_messages import messages, read_with_every_recogniser

N = 10_000


def recognisers() -> tuple[int, float, list[str]]:
    count, failures = 0, []

    @settings(max_examples=N, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(text=messages)
    def read(text: str) -> None:
        nonlocal count
        count += 1
        try:
            read_with_every_recogniser(text)
        except AssertionError as error:
            failures.append(f"{text[:60]!r}: {error}")

    start = time.perf_counter()
    read()
    return count, time.perf_counter() - start, failures


def main() -> None:
    read_count, read_seconds, read_failures = recognisers()
    failures = []
    count = 0
    with local_stack() as stack:
        url = f"{stack.rasa_url}/webhooks/rest/webhook"
        session = requests.Session()
        sender = f"fuzz-{uuid.uuid4().hex[:8]}"

        @settings(max_examples=N, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(text=messages)
        def send(text: str) -> None:
            nonlocal count, sender
            count += 1
            if count % 200 == 0:  # fresh conversations now and then, like real people
                sender = f"fuzz-{uuid.uuid4().hex[:8]}"
            r = session.post(url, json={"sender": sender, "message": text}, timeout=60)
            if r.status_code != 200 or not r.json():
                failures.append((r.status_code, text[:60]))

        start = time.perf_counter()
        send()
        seconds = time.perf_counter() - start
    print("## Fuzzing the message path\n")
    print(f"{read_count} generated inputs through every recogniser and the matcher in "
          f"{read_seconds:.0f} s: {len(read_failures)} outside the contract's vocabularies or "
          "with fewer than 3 professions." + (
              " First: " + "; ".join(read_failures[:3]) if read_failures else "") + "\n")
    print(f"{count} generated messages (hypothesis: Dutch fragments, place and job names, "
          "emoji, HTML/script, injection strings, control characters, up to 12,000 "
          f"characters) through REST in {seconds:.0f} s: {len(failures)} without a reply or "
          "with a non-200 status.")
    if failures:
        print("\nFirst failures: " + "; ".join(f"{c} {t!r}" for c, t in failures[:5]))


if __name__ == "__main__":
    main()
