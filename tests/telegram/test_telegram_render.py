"""Rendering Rasa replies as Telegram HTML: every payload type, escaping, buttons, splitting."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from telegram_bridge.render import (
    CALLBACK_DATA_LIMIT,
    MESSAGE_LIMIT,
    CallbackTable,
    keyboard,
    render_custom,
    render_replies,
    split_html,
    text_to_html,
    utf16_len,
)

ALLOWED_TAGS = {"b", "i", "a"}


class TagChecker(HTMLParser):
    """Fails on tags Telegram would not accept and on unbalanced nesting."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        assert tag in ALLOWED_TAGS, tag
        if tag == "a":
            assert [name for name, _ in attrs] == ["href"]
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, (self.stack, tag)
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text += data


def visible_text(html_text: str) -> str:
    checker = TagChecker()
    checker.feed(html_text)
    checker.close()
    assert checker.stack == [], f"unclosed tags {checker.stack}"
    return checker.text


def test_bot_text_with_script_tag_is_escaped_not_interpreted():
    # GIVEN bot text with markup characters
    replies = [{"text": "Hoi <script>alert('x')</script> & \"welkom\""}]
    # WHEN it is rendered
    [message] = render_replies(replies, CallbackTable())
    # THEN the characters are escaped and read back exactly as written
    assert "<script>" not in message.html
    assert "&lt;script&gt;" in message.html
    assert visible_text(message.html) == "Hoi <script>alert('x')</script> & \"welkom\""


def test_markdown_links_and_bold_in_bot_text_become_telegram_html():
    # GIVEN text with a markdown link (ampersand in the URL) and bold
    text = "Bekijk je [routekaart](https://example.nl/kaart/abc?x=1&y=2) **vandaag**"
    # WHEN converted
    html_text = text_to_html(text)
    # THEN the link keeps its escaped URL and the bold is a <b> tag
    assert '<a href="https://example.nl/kaart/abc?x=1&amp;y=2">routekaart</a>' in html_text
    assert "<b>vandaag</b>" in html_text


def test_javascript_links_are_shown_as_text_not_as_links():
    # GIVEN a step with a javascript: link
    card = render_custom({"type": "next_steps", "steps": ["[klik](javascript:alert(1))"],
                          "contact": {"name": "X", "url": "javascript:alert(1)"}})
    # THEN no <a> tag is produced
    assert card is not None
    assert "<a " not in card
    visible_text(card)


def test_recommendations_card_lists_names_and_reasons_in_order_with_escaping():
    # GIVEN a recommendations payload whose reason contains markup
    payload = {"type": "recommendations", "items": [
        {"id": "elektromonteur", "name": "Elektromonteur", "isco08": "7411", "score": 0.82,
         "reasons": ["Je werkt graag met je handen", "<script>x</script>"]},
        {"id": "monteur-zonnepanelen", "name": "Monteur zonnepanelen", "isco08": "7411",
         "score": 0.7, "reasons": ["Je werkt graag buiten"]},
        {"id": "cnc", "name": "CNC-operator", "isco08": "7223", "score": 0.6, "reasons": []},
    ]}
    # WHEN rendered
    card = render_custom(payload)
    # THEN all names appear, best first, and the reason is escaped
    assert card is not None
    text = visible_text(card)
    assert text.index("Elektromonteur") < text.index("Monteur zonnepanelen") < text.index(
        "CNC-operator")
    assert "1. Elektromonteur" in text and "3. CNC-operator" in text
    assert "&lt;script&gt;x&lt;/script&gt;" in card


def test_routes_card_shows_kind_level_duration_and_a_link():
    # GIVEN a routes payload
    payload = {"type": "routes", "profession_id": "elektromonteur", "items": [
        {"id": "bbl-em", "name": "Eerste monteur elektrotechniek", "kind": "bbl",
         "level": "mbo3", "duration_months": 24, "learn_while_earning": True,
         "url": "https://www.s-bb.nl/?q=a&b=c"},
        {"id": "cursus-nen", "name": "NEN 3140", "kind": "cursus", "level": "",
         "duration_months": 1, "learn_while_earning": False, "url": ""},
    ]}
    # WHEN rendered
    card = render_custom(payload)
    # THEN the profession, the route facts in Dutch and the escaped link are there
    assert card is not None
    text = visible_text(card)
    assert "Zo word je elektromonteur" in text
    assert "Leren en werken (bbl) · mbo niveau 3 · 24 maanden" in text
    assert "Cursus · 1 maand" in text
    assert '<a href="https://www.s-bb.nl/?q=a&amp;b=c">Eerste monteur elektrotechniek</a>' in card


def test_funding_card_shows_amount_audience_dates_in_dutch_and_no_promise():
    # GIVEN a funding payload
    payload = {"type": "funding", "items": [
        {"id": "slim", "name": "SLIM-subsidie", "audience": ["werkgever", "ww"],
         "amount": "Tot 25.000 euro per bedrijf", "conditions": "Aanvragen via je werkgever",
         "url": "https://www.uitvoeringvanbeleidszw.nl/slim", "valid_until": "2026-12-31",
         "checked_at": "2026-11-01"},
    ]}
    # WHEN rendered
    card = render_custom(payload)
    # THEN the facts are readable Dutch and the amount is framed as a maximum
    assert card is not None
    text = visible_text(card)
    assert "SLIM-subsidie" in text
    assert "Voor: werkgevers, mensen met WW" in text
    assert "Aanvragen kan tot 31 december 2026" in text
    assert "Gecontroleerd op 1 november 2026" in text
    assert "maximum" in text
    assert 'href="https://www.uitvoeringvanbeleidszw.nl/slim"' in card


def test_payloads_without_items_render_nothing_so_the_bots_own_text_stays():
    # GIVEN the bot's "nothing found" text followed by an empty funding payload
    replies = [{"text": "Ik vond geen regeling die nu voor jou open is."},
               {"custom": {"type": "funding", "items": []}},
               {"text": "Geen opleidingen gevonden."},
               {"custom": {"type": "routes", "profession_id": "x", "items": []}}]
    # WHEN rendered
    messages = render_replies(replies, CallbackTable())
    # THEN the texts are sent as they are
    assert [m.html for m in messages] == ["Ik vond geen regeling die nu voor jou open is.",
                                          "Geen opleidingen gevonden."]


def test_next_steps_card_numbers_steps_and_shows_the_contact():
    # GIVEN next steps with a contact
    payload = {"type": "next_steps",
               "steps": ["Maak een afspraak", "Kijk bij [SBB](https://www.s-bb.nl)",
                         "Vraag naar BBL-plekken"],
               "contact": {"name": "Werkcentrum Oost <NL>", "regions": ["gelderland"],
                           "url": "https://werk.nl", "phone": "088 - 123"}}
    # WHEN rendered
    card = render_custom(payload)
    # THEN the steps are numbered, links kept, the contact escaped and linked
    assert card is not None
    text = visible_text(card)
    assert "1. Maak een afspraak" in text and "3. Vraag naar BBL-plekken" in text
    assert '<a href="https://www.s-bb.nl">SBB</a>' in card
    assert '<a href="https://werk.nl">Werkcentrum Oost &lt;NL&gt;</a>' in card
    assert "Telefoon: 088 - 123" in text


def test_profile_summary_uses_dutch_labels_and_skips_empty_slots():
    # GIVEN a profile with categorical values, a list, a bool and an empty slot
    payload = {"type": "profile_summary", "profile": {
        "current_job": "kok", "current_sector": "horeca", "work_status": "ww",
        "interests": ["met_handen", "elektra"], "region": "noord-holland",
        "municipality": None, "education_level": "mbo2", "learn_while_earning": True}}
    # WHEN rendered
    card = render_custom(payload)
    # THEN values are shown as words, not codes, and the empty slot is left out
    assert card is not None
    text = visible_text(card)
    assert "Sector: horeca" in text
    assert "Situatie: WW-uitkering" in text
    assert "Wat je leuk vindt: met je handen werken, elektra" in text
    assert "Provincie: Noord-Holland" in text
    assert "Opleiding: mbo 2" in text
    assert "Leren en verdienen tegelijk: ja" in text
    assert "Woonplaats" not in text


def test_fallback_and_unknown_payloads_add_no_message():
    # GIVEN a "did not understand" turn: text plus the fallback marker
    replies = [{"text": "Dat snap ik niet helemaal."}, {"custom": {"type": "fallback"}},
               {"custom": {"type": "something_new", "x": 1}}, {"custom": "not a dict"}]
    # WHEN rendered
    messages = render_replies(replies, CallbackTable())
    # THEN only the text is sent
    assert [m.html for m in messages] == ["Dat snap ik niet helemaal."]


def test_card_replaces_the_plain_text_copy_before_it_and_keeps_its_buttons():
    # GIVEN Rasa's REST shape: the plain text copy with buttons, then its payload
    replies = [
        {"text": "Elektromonteur: je legt stroom aan."},
        {"text": "Dit past bij je:\n1. Elektromonteur. Je houdt van elektra", "buttons": [
            {"title": "Elektromonteur", "payload": '/choose_profession{"profession":"em"}'}]},
        {"custom": {"type": "recommendations", "items": [
            {"id": "em", "name": "Elektromonteur", "reasons": ["Je houdt van elektra"]}]}},
        {"text": "Zal ik meer vertellen?"},
    ]
    # WHEN rendered
    messages = render_replies(replies, CallbackTable())
    # THEN the card stands in for its text copy, under it the buttons; other texts stay
    assert [m.html.split("\n")[0] for m in messages] == [
        "Elektromonteur: je legt stroom aan.", "<b>Beroepen die bij je passen</b>",
        "Zal ik meer vertellen?"]
    assert "Dit past bij je" not in messages[1].html
    assert messages[1].keyboard[0][0].title == "Elektromonteur"
    assert not messages[0].keyboard and not messages[2].keyboard


def test_socketio_style_wrapped_payload_is_rendered_too():
    card = render_custom({"data": {"type": "next_steps", "steps": ["Bel ons"]}})
    assert card is not None and "1. Bel ons" in card


def test_short_payloads_pass_through_and_long_ones_map_to_short_keys():
    # GIVEN a short and a long button payload
    table = CallbackTable()
    long_payload = '/choose_profession{"profession":"monteur-werktuigkundige-installaties-u"}'
    # WHEN encoded
    short = table.encode("/affirm")
    key = table.encode(long_payload)
    # THEN the short one is unchanged, the long one fits and resolves back
    assert short == "/affirm"
    assert len(key.encode()) <= CALLBACK_DATA_LIMIT
    assert key != long_payload and table.resolve(key) == long_payload
    assert table.encode(long_payload) == key  # stable: same payload, same key


def test_unknown_callback_key_resolves_to_none():
    assert CallbackTable().resolve("#doesnotexist") is None


def test_callback_table_forgets_oldest_entries_beyond_capacity():
    # GIVEN a table of 2 entries
    table = CallbackTable(capacity=2)
    keys = [table.encode("/x" + "y" * 70 + str(i)) for i in range(3)]
    # THEN the first key is gone and the last two resolve
    assert table.resolve(keys[0]) is None
    assert table.resolve(keys[1]) is not None and table.resolve(keys[2]) is not None


def test_buttons_pack_short_titles_two_per_row_and_long_titles_alone():
    # GIVEN two short and one long button and a link button
    rows = keyboard([
        {"title": "Ja", "payload": "/affirm"},
        {"title": "Nee", "payload": "/deny"},
        {"title": "Ik wil een adviseur spreken", "payload": "/request_human"},
        {"title": "Website", "url": "https://example.nl"},
        {"title": "", "payload": "/ignored"},
    ], CallbackTable())
    # THEN the layout is [Ja, Nee], [long], [Website] and the link is a URL button
    assert [[b.title for b in row] for row in rows] == [
        ["Ja", "Nee"], ["Ik wil een adviseur spreken"], ["Website"]]
    assert rows[2][0].url == "https://example.nl" and rows[2][0].callback_data == ""


def test_buttons_without_text_get_a_prompt():
    [message] = render_replies([{"buttons": [{"title": "Ja", "payload": "/affirm"}]}],
                               CallbackTable())
    assert message.html == "Maak een keuze:" and message.keyboard


def test_long_message_is_split_at_line_boundaries_under_the_limit():
    # GIVEN 300 lines of about 40 characters (12,000 characters)
    lines = [f"Regel {i:03d}: een stukje uitleg over werk." for i in range(300)]
    text = "\n".join(lines)
    # WHEN split
    chunks = split_html(text)
    # THEN every chunk fits, no line is cut and nothing is lost or reordered
    assert len(chunks) >= 3
    assert all(utf16_len(chunk) <= MESSAGE_LIMIT for chunk in chunks)
    assert "\n".join(chunks).split("\n") == lines


def test_split_keeps_tags_balanced_across_chunks():
    # GIVEN one very long bold paragraph without line breaks
    text = "<b>" + " ".join(["woord"] * 3000) + "</b>"
    # WHEN split
    chunks = split_html(text, limit=1000)
    # THEN each chunk is valid HTML on its own and the words are all there
    assert all(utf16_len(chunk) <= 1000 for chunk in chunks)
    words = []
    for chunk in chunks:
        assert chunk.startswith("<b>") and chunk.endswith("</b>")
        words += visible_text(chunk).split()
    assert words == ["woord"] * 3000


def test_split_never_cuts_inside_an_entity_or_counts_emoji_wrong():
    # GIVEN escaped ampersands and emoji (2 UTF-16 units each) without spaces
    text = ("&amp;" + "🔧") * 2000
    # WHEN split with a small limit
    chunks = split_html(text, limit=500)
    # THEN each chunk fits in UTF-16 units and no entity is broken
    assert all(utf16_len(chunk) <= 500 for chunk in chunks)
    assert all(not re.search(r"&[a-z]*$", chunk) for chunk in chunks)
    assert "".join(chunks) == text


def test_rendered_long_reply_keeps_the_keyboard_on_the_last_chunk():
    # GIVEN a reply of 10,000 characters with buttons
    text = "\n".join(["Een lange regel met uitleg over de opleiding en het werk."] * 170)
    replies = [{"text": text, "buttons": [{"title": "Verder", "payload": "/affirm"}]}]
    # WHEN rendered
    messages = render_replies(replies, CallbackTable())
    # THEN it is split and only the last message carries the keyboard
    assert len(messages) >= 3
    assert all(not m.keyboard for m in messages[:-1]) and messages[-1].keyboard


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=3000),
       st.integers(min_value=200, max_value=2000))
def test_any_bot_text_renders_to_valid_chunks_that_keep_the_visible_text(text, limit):
    # GIVEN any text from the bot
    messages = render_replies([{"text": text}], CallbackTable(), limit=limit)
    # THEN each chunk fits and parses, and only whitespace at the cuts may differ
    for message in messages:
        assert utf16_len(message.html) <= limit
        visible_text(message.html)
    if text.strip():
        shown = "".join(visible_text(m.html) for m in messages)
        expected = re.sub(r"\*\*([^*\n]+)\*\*", r"\1", text)
        expected = re.sub(r"\[([^\]\n]+)\]\((https?://[^\s)]+)\)", r"\1", expected)
        assert re.sub(r"\s", "", shown) == re.sub(r"\s", "", expected)


def test_long_funding_and_route_lists_show_the_first_four_and_a_count():
    # GIVEN 13 funding schemes and 6 routes, best first
    funding = {"type": "funding", "items": [
        {"id": f"f{i}", "name": f"Regeling {i}", "amount": "Tot 1.000 euro"} for i in range(13)]}
    routes = {"type": "routes", "profession_id": "lasser", "items": [
        {"id": f"r{i}", "name": f"Route {i}", "kind": "bbl"} for i in range(6)]}
    # WHEN rendered
    funding_text = visible_text(render_custom(funding) or "")
    routes_text = visible_text(render_custom(routes) or "")
    # THEN the first four are listed and the rest is counted, not dropped silently
    assert "Regeling 3" in funding_text and "Regeling 4" not in funding_text
    assert "En nog 9 regelingen." in funding_text
    assert "Route 3" in routes_text and "Route 4" not in routes_text
    assert "En nog 2 routes." in routes_text


def test_quotes_in_text_stay_readable_and_are_escaped_only_inside_links():
    # GIVEN text with quotes, a link with an ampersand and one with a quote in its URL
    html_text = text_to_html("Airco's en \"warmtepompen\" [kijk](https://a.nl/?a=1&b=2) "
                             "[niet](https://a.nl/?q=\"x)")
    # THEN the text keeps its quotes, the first link is escaped, the second is plain text
    assert html_text.startswith("Airco's en \"warmtepompen\" ")
    assert '<a href="https://a.nl/?a=1&amp;b=2">kijk</a>' in html_text
    assert html_text.count("<a ") == 1
