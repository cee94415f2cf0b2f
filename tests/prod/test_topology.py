"""Production topology on one machine: PostgreSQL, Redis, nginx, two Rasa instances.

These tests start the real processes (runner/prod_local.py) and check what matters
when a campaign runs: nothing lost, duplicated or reordered under load, and the
conversation goes on through an instance crash, an action-server restart and a
database restart.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from pathlib import Path
from typing import Iterator, List

import httpx
import pytest
import requests

from bench.load import PERSONAS, Result, run_conversation, run_many
from runner import prod_local
from runner.model import ensure_model
from testing.handover_adviser import wait_until
from testing.ports import free_port


@pytest.fixture(scope="module")
def topology(trained_model: Path) -> Iterator[prod_local.Topology]:
    with tempfile.TemporaryDirectory(prefix="prod-") as tmp:
        t = prod_local.plan({**os.environ, "DATA_DIR": tmp},
                            pick_port=lambda _default: free_port())
        assert ensure_model(t.settings) == trained_model or trained_model.exists()
        try:
            prod_local.start_all(t, with_web=False)
            yield t
        finally:
            prod_local.stop_all(t)


def _tracker_user_texts(t: prod_local.Topology, sender: str) -> List[str]:
    response = requests.get(f"{t.lb_url}/conversations/{sender}/tracker",
                            params={"token": t.settings["RASA_API_TOKEN"]}, timeout=30)
    response.raise_for_status()
    return [e["text"] for e in response.json()["events"] if e["event"] == "user"]


def _actions_reachable(t: prod_local.Topology) -> bool:
    # While every upstream is marked failed, nginx answers with the apology (also 200).
    response = requests.get(f"http://127.0.0.1:{t.actions_lb_port}/health", timeout=10)
    try:
        return response.json().get("status") == "ok"
    except ValueError:
        return False


def _assert_complete_and_ordered(t: prod_local.Topology, results: List[Result]) -> None:
    for result in results:
        assert not result.errors, f"{result.sender}: {result.errors}"
        assert result.reached_next_steps, f"{result.sender} never got next steps"
        assert _tracker_user_texts(t, result.sender) == result.sent, result.sender


def test_fifty_simultaneous_conversations_lose_duplicate_or_reorder_nothing(
        topology: prod_local.Topology) -> None:
    # GIVEN two Rasa instances behind nginx WHEN 50 people talk at the same time
    results = asyncio.run(run_many(topology.lb_url, people=50, concurrency=50, timeout=300))
    # THEN every conversation reaches next steps and every tracker holds exactly
    # the messages sent, in order
    assert len(results) == 50
    _assert_complete_and_ordered(topology, results)


def test_bot_apologises_while_actions_are_down_and_recovers(
        topology: prod_local.Topology) -> None:
    sender = "actions-down-test"
    url = f"{topology.lb_url}/webhooks/rest/webhook"
    requests.post(url, json={"sender": sender, "message": "hoi"}, timeout=60).raise_for_status()
    # WHEN every action server is stopped
    for i in range(len(topology.action_ports)):
        prod_local.stop_service(topology, f"actions{i + 1}")
    down = requests.post(url, json={"sender": sender, "message": "ik werk als kok"}, timeout=60)
    # THEN the person gets an apology, not silence or an error
    assert down.status_code == 200
    assert any("sorry" in (m.get("text") or "").lower() for m in down.json()), down.json()
    # AND after a restart the conversation goes on
    for i in range(len(topology.action_ports)):
        prod_local.start_service(topology, prod_local.action_instance(topology, i), 120)
    # nginx gives a failed upstream a rest of fail_timeout (5 s) before it tries it again;
    # a restart can be quicker than that, so wait until the balancer reaches them again.
    wait_until(lambda: _actions_reachable(topology), timeout=60,
               what="the action servers behind the load balancer")
    up = requests.post(url, json={"sender": sender, "message": "ik werk als kok"}, timeout=60)
    assert up.status_code == 200
    assert not any("sorry" in (m.get("text") or "").lower() for m in up.json()), up.json()
    assert "ik werk als kok" in _tracker_user_texts(topology, sender)


def test_postgres_restart_loses_nothing(topology: prod_local.Topology) -> None:
    async def talk(turns: List[str], sender: str) -> Result:
        async with httpx.AsyncClient(timeout=120) as client:
            return await run_conversation(client, topology.lb_url, turns, sender=sender)

    sender = "pg-restart-test"
    persona = PERSONAS[0]
    before = asyncio.run(talk(persona[:3], sender))
    # WHEN PostgreSQL restarts between two messages
    prod_local.restart_postgres(topology)
    after = asyncio.run(talk(persona[3:], sender))
    # THEN the conversation continues and keeps everything
    assert not before.errors and not after.errors
    assert after.reached_next_steps
    assert _tracker_user_texts(topology, sender) == before.sent + after.sent


# Last in this module: it leaves one Rasa instance dead (starting it again costs a minute of
# CPU, and no later test needs it).
def test_conversations_continue_when_one_rasa_instance_is_killed(
        topology: prod_local.Topology) -> None:
    async def scenario() -> List[Result]:
        async with httpx.AsyncClient(timeout=120) as client:
            people = [PERSONAS[i % len(PERSONAS)] for i in range(6)]
            halves = [(p[:3], p[3:]) for p in people]
            first = await asyncio.gather(*(run_conversation(client, topology.lb_url, a)
                                           for a, _ in halves))
            # WHEN one instance dies mid-conversation (no clean shutdown)
            prod_local.stop_service(topology, "rasa1", hard=True)
            rest = await asyncio.gather(*(
                run_conversation(client, topology.lb_url, b, sender=r.sender)
                for r, (_, b) in zip(first, halves, strict=True)))
            merged = []
            for a, b in zip(first, rest, strict=True):
                a.sent += b.sent
                a.payload_types += b.payload_types
                a.errors += b.errors
                merged.append(a)
            return merged

    # GIVEN six conversations half done
    results = asyncio.run(scenario())
    # THEN they finish on the other instance with nothing lost
    _assert_complete_and_ordered(topology, results)
