"""Hypothesis strategies for what people (and attackers) type into the chat."""

from __future__ import annotations

from hypothesis import strategies as st

WORDS = [
    "ik", "werk", "als", "kok", "bij", "de", "Jumbo", "woon", "in", "Zwolle", "Den", "Bosch",
    "mbo", "2", "niveau", "ww", "bijstand", "zzp", "graag", "buiten", "computers", "sleutelen",
    "lasser", "elektromonteur", "verzorgende", "IG", "Súdwest-Fryslân", "'s-Hertogenbosch",
    "niet", "geen", "weet", "nee", "ja", "wat", "verdient", "ben", "te", "oud", "?", "!", ",",
    "ß", "ё", "中文", "\u200b", "\u202e", "\U0001F600", "\U0001F527", "<script>", "</script>",
    "<b>", "&amp;", "' OR 1=1 --", "${jndi:ldap://x}", "{{7*7}}", "/restart", '/inform{"x":1}',
    "\n", "\t", "\x00", "Hello", "please", "بعمل", "كهربائي", "pracuję",
]

phrases = st.lists(st.sampled_from(WORDS), min_size=0, max_size=25).map(" ".join)
noise = st.text(max_size=300)
long_text = st.integers(min_value=1_000, max_value=12_000).map(lambda n: ("techniek " * n)[:n])
messages = st.one_of(phrases, noise, long_text, st.just(""), st.just("   "))


def read_with_every_recogniser(text: str) -> None:
    """Every recogniser and the matcher on `text`; raises AssertionError when a result leaves
    the contract's vocabularies or matching gives fewer than 3 or more than 5 professions.
    Shared by tests/fuzz (a slice) and bench/bench_fuzz.py (10,000 inputs)."""
    import knowledge
    from knowledge.vocab import INTERESTS, PROVINCES

    job = knowledge.recognise_job(text)
    place = knowledge.recognise_place(text)
    province = knowledge.recognise_province(text)
    interests = knowledge.recognise_interests(text)
    knowledge.recognise_education(text)
    knowledge.recognise_work_status(text)
    knowledge.recognise_sector(text)
    knowledge.recognise_faq_topic(text)
    assert job is None or (isinstance(job["label"], str) and 0 <= job["confidence"] <= 1)
    assert place is None or place["province"] in PROVINCES
    assert province is None or province in PROVINCES
    assert set(interests) <= set(INTERESTS)
    profile = {"interests": interests, "region": province,
               "current_job": job["label"] if job else None}
    assert 3 <= len(knowledge.match(profile)["items"]) <= 5
