"""The web server: landing pages, widget bundle and config, health (running process)."""

from __future__ import annotations

import gzip
import re

import requests

from web.campaigns import CAMPAIGNS


def test_health_says_ok_and_that_the_widget_is_built(web_server) -> None:  # noqa: ANN001
    # WHEN the health endpoint is asked
    body = requests.get(f"{web_server.url}/healthz", timeout=10).json()
    # THEN it is ok, the bundle exists (the setup ran npm run build) and every database answers
    assert body["status"] == "ok" and body["widget_built"] is True
    assert body["databases"] and set(body["databases"].values()) == {"ok"}


def test_demo_and_campaign_pages_embed_the_widget_with_one_tag(web_server) -> None:  # noqa: ANN001
    for path, campaign in [("/", "demo"), ("/campagne/metaal", "metaal-2026"),
                           ("/campagne/foodvalley", CAMPAIGNS["foodvalley"].campaign)]:
        # WHEN a landing page is fetched
        response = requests.get(web_server.url + path, timeout=10)
        # THEN it is Dutch, embeds /widget.js with its campaign, and allows no third party
        assert response.status_code == 200, path
        assert '<html lang="nl">' in response.text
        tags = re.findall(r"<script src=\"/widget.js\"[^>]*>", response.text, re.S)
        assert len(tags) == 1 and f'data-campaign="{campaign}"' in tags[0], path
        csp = response.headers["Content-Security-Policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp
    metaal = requests.get(f"{web_server.url}/campagne/metaal", timeout=10).text
    assert 'data-sector="metaal"' in metaal
    food = requests.get(f"{web_server.url}/campagne/foodvalley", timeout=10).text
    assert 'data-region="gelderland"' in food


def test_widget_bundle_is_small_and_readable_from_allowed_origins(web_server) -> None:  # noqa: ANN001
    # WHEN a campaign site's browser fetches the bundle
    response = requests.get(f"{web_server.url}/widget.js",
                            headers={"Origin": "http://campagne.example",
                                     "Accept-Encoding": "gzip"}, timeout=10)
    # THEN it is JavaScript, CORS-readable for the (dev: any) allowed origin, under 50 KB gzipped
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/javascript")
    assert response.headers["Access-Control-Allow-Origin"] == "http://campagne.example"
    assert "Origin" in response.headers["Vary"]
    assert len(gzip.compress(response.content)) <= 50 * 1024


def test_widget_config_gives_the_public_rasa_url(web_server, rasa_stack) -> None:  # noqa: ANN001
    # WHEN the widget asks for its config
    config = requests.get(f"{web_server.url}/widget-config.json", timeout=10).json()
    # THEN it names the public socket URL and path
    assert config["socket_url"] == rasa_stack.env["RASA_PUBLIC_URL"]
    assert config["socket_path"] == "/socket.io/"


def test_unknown_pages_get_a_friendly_dutch_404(web_server) -> None:  # noqa: ANN001
    response = requests.get(f"{web_server.url}/campagne/bestaat-niet", timeout=10)
    assert response.status_code == 404
    assert "bestaat niet" in response.text


def test_rasa_webchat_test_page_is_served_with_the_library(web_server) -> None:  # noqa: ANN001
    page = requests.get(f"{web_server.url}/test/rasa-webchat", timeout=10)
    lib = requests.get(f"{web_server.url}/test/rasa-webchat/webchat.js", timeout=10)
    assert page.status_code == 200 and "rasa-webchat" in page.text
    assert lib.status_code == 200 and len(lib.content) > 100_000
