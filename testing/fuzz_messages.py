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
