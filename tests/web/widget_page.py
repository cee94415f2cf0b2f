"""Page object for the widget in a Playwright page (the widget lives in an open shadow root)."""

from __future__ import annotations

import json
from typing import Any, Dict, List

from playwright.sync_api import Page

from tests.web import conversation as conv


class WidgetPage:
    def __init__(self, page: Page, campaign: str, rasa_url: str, token: str) -> None:
        self.page, self.campaign, self.rasa_url, self.token = page, campaign, rasa_url, token
        self.users = 0  # user messages the tracker holds (incl. the widget's /greet)

    # -- storage --------------------------------------------------------------------------
    def _storage(self, name: str) -> Any:
        return self.page.evaluate("k => window.localStorage.getItem(k)",
                                  f"techniekwidget:{self.campaign}:{name}")

    def session_id(self) -> str:
        return self._storage("session")

    def transcript(self) -> List[Dict[str, Any]]:
        return json.loads(self._storage("transcript") or "[]")

    # -- actions --------------------------------------------------------------------------
    def open(self) -> None:
        self.page.locator(".launcher").click()

    def consent(self) -> None:
        self.page.get_by_role("button", name="Ja, dat mag").click()
        self.page.wait_for_function(
            "k => !!window.localStorage.getItem(k)", arg=f"techniekwidget:{self.campaign}:session")
        self.users = 1  # the widget's init payload
        self.wait_turn()

    def type(self, text: str) -> None:
        box = self.page.get_by_label("Typ je bericht")
        box.fill(text)
        box.press("Enter")
        self.users += 1
        self.wait_turn()

    def enabled_buttons(self) -> List[str]:
        return self.page.locator(".choices button:not([disabled])").all_inner_texts()

    def click_button(self, index: int) -> None:
        self.page.locator(".choices button:not([disabled])").nth(index).click()
        self.users += 1
        self.wait_turn()

    def click_button_titled(self, text: str) -> None:
        titles = self.enabled_buttons()
        matches = [i for i, t in enumerate(titles) if text.lower() in t.lower()]
        assert matches, f"no button with {text!r} in {titles}"
        self.click_button(matches[0])

    # -- waiting --------------------------------------------------------------------------
    def tracker(self) -> Dict[str, Any]:
        return conv.tracker(self.rasa_url, self.token, self.session_id())

    def wait_turn(self) -> Dict[str, Any]:
        """Waits until the bot finished the turn and the widget shows all of its messages."""
        track = conv.wait_for_turn(self.rasa_url, self.token, self.session_id(), self.users)
        expected = conv.bot_entries_after_last_user(track)
        self.page.wait_for_function(
            """([key, expected]) => {
                 const items = JSON.parse(window.localStorage.getItem(key) || "[]");
                 let n = 0;
                 for (let i = items.length - 1; i >= 0 && items[i].who !== "user"; i--) n++;
                 return n >= expected;
               }""",
            arg=[f"techniekwidget:{self.campaign}:transcript", expected], timeout=20000)
        return track

    # -- a cooperative person -------------------------------------------------------------
    def fill_profile(self, by_buttons: bool) -> Dict[str, Any]:
        """Answers questions until recommendations arrive; returns the tracker."""
        track = self.tracker()
        for _ in range(conv.MAX_TURNS):
            if conv.payloads(track, "recommendations"):
                return track
            slot = conv.requested_slot(track)
            buttons = self.enabled_buttons()
            if slot is None and by_buttons and buttons:
                self.click_button(conv.pick_button(buttons, None))
            elif slot is None:
                self.type("ja, laten we beginnen")
            elif by_buttons and buttons:
                self.click_button(conv.pick_button(buttons, slot))
            else:
                self.type(conv.TYPED_ANSWERS.get(slot or "", "ik wil graag beginnen"))
            track = self.tracker()
        raise AssertionError(f"no recommendations after {conv.MAX_TURNS} turns")
