"""The third-party widget rasa-webchat 1.0.1 (npm, served locally) against our channel."""

from __future__ import annotations

from typing import Any, Dict, Iterator

import pytest
from playwright.sync_api import Browser, Page

from tests.web import conversation as conv
from tests.web.support import REPO_ROOT, HostPages, screenshot

WEBCHAT_LIB = REPO_ROOT / "tests/web/webchat/node_modules/rasa-webchat/lib/index.js"
LOCAL_HOSTS = {"localhost", "127.0.0.1"}


def _host_page(socket_url: str) -> str:
    return f"""<!doctype html><html lang="nl"><head><meta charset="utf-8">
<title>Campagne met rasa-webchat</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'self' 'unsafe-inline';
  connect-src 'self' {socket_url} {socket_url.replace('http', 'ws')}; img-src 'self' data:;
  font-src 'self'"></head>
<body><h1>Campagne met rasa-webchat</h1>
<script src="/webchat.js"></script>
<script>WebChat.default({{socketUrl: "{socket_url}", socketPath: "/socket.io/",
  customData: {{campaign: "webchat-test", language: "nl"}}, initPayload: "/greet",
  title: "Techniek-adviseur", inputTextFieldHint: "Typ je bericht...",
  params: {{storage: "local"}}}}, null);</script>
</body></html>"""


@pytest.fixture
def webchat_page(browser: Browser, host_pages: HostPages, rasa_stack) -> Iterator[Page]:  # noqa: ANN001
    if not WEBCHAT_LIB.is_file():
        pytest.fail("rasa-webchat is not installed: run `npm ci` in tests/web/webchat")
    host_pages.add("/webchat.js", WEBCHAT_LIB.read_bytes(), "application/javascript")
    url = host_pages.add("/", _host_page(rasa_stack.rasa_url))
    context = browser.new_context(viewport={"width": 420, "height": 800})
    page = context.new_page()
    page.foreign = []  # type: ignore[attr-defined]
    page.on("request", lambda r: page.foreign.append(r.url)  # type: ignore[attr-defined]
            if r.url.split("/")[2].split(":")[0] not in LOCAL_HOSTS else None)
    page.goto(url)
    yield page
    context.close()


class Webchat:
    def __init__(self, page: Page, stack: Any) -> None:
        self.page, self.stack, self.users = page, stack, 0

    def session_id(self) -> str:
        return self.page.evaluate(
            "() => (JSON.parse(localStorage.getItem('chat_session') || '{}')).session_id")

    def wait_turn(self) -> Dict[str, Any]:
        track = conv.wait_for_turn(self.stack.rasa_url, self.stack.token, self.session_id(),
                                   self.users)
        texts = [e for e in track["events"] if e.get("event") == "bot" and e.get("text")]
        last = texts[-1]["text"].strip().split("\n\n")[-1][:40]
        self.page.locator(".rw-response", has_text=last).last.wait_for(timeout=20000)
        return track

    def type(self, text: str) -> Dict[str, Any]:
        box = self.page.locator(".rw-new-message")
        box.fill(text)
        box.press("Enter")
        self.users += 1
        return self.wait_turn()

    def click_reply(self, title_part: str) -> Dict[str, Any]:
        self.page.locator(".rw-reply", has_text=title_part).first.click()
        self.users += 1
        return self.wait_turn()


def test_rasa_webchat_reaches_next_steps_on_our_channel(webchat_page: Page, rasa_stack) -> None:  # noqa: ANN001
    # GIVEN rasa-webchat on a campaign page of another origin
    page = webchat_page
    chat = Webchat(page, rasa_stack)
    # WHEN the visitor opens it
    page.locator(".rw-launcher").click()
    page.wait_for_function("() => !!localStorage.getItem('chat_session') && "
                           "!!JSON.parse(localStorage.getItem('chat_session')).session_id")
    chat.users = 1
    track = chat.wait_turn()
    # THEN the greeting text renders and the first question of the profile is open
    page.get_by_text("overstappen naar werk in de techniek").first.wait_for()
    assert conv.requested_slot(track) == "current_job"
    screenshot(page, "11-webchat-greeting")
    # WHEN they type every answer
    for _ in range(conv.MAX_TURNS):
        if conv.payloads(track, "recommendations"):
            break
        slot = conv.requested_slot(track)
        track = chat.type(conv.TYPED_ANSWERS.get(slot or "", "ja, laten we beginnen"))
    # THEN the recommendations come as reply buttons; picking one gives the next steps
    first = conv.payloads(track, "recommendations")[-1]["items"][0]
    track = chat.click_reply(first["name"])
    track = chat.click_reply("Wat doe ik nu?")  # after the short introduction (issue 12)
    assert conv.payloads(track, "next_steps")
    assert track["slots"]["chosen_profession"] == first["id"]
    user = [e for e in track["events"] if e["event"] == "user"][0]
    assert user["metadata"]["campaign"] == "webchat-test"
    assert user["metadata"]["channel"] == "web"
    screenshot(page, "12-webchat-next-steps")
    # AND nothing was fetched from third parties (its Google Fonts import is blocked by CSP)
    assert not [u for u in page.foreign if not u.startswith("https://fonts.")]  # type: ignore[attr-defined]
