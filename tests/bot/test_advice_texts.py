"""Plain Dutch helpers of the advice: glossary explanations, dates, short texts."""

from __future__ import annotations

from bot.actions import advice_texts
from contract import glossary
from testing.advice_run import readability, sentences, words


def test_a_term_is_explained_once_the_first_time_it_appears() -> None:
    already: set[str] = set()
    first = glossary.explain("Je kunt een BBL-opleiding doen. Dat is fijn.", already)
    second = glossary.explain("Bij BBL krijg je loon.", already)
    assert glossary.BY_KEY["bbl"].explanation in first
    assert first.index("BBL-opleiding doen.") < first.index(glossary.BY_KEY["bbl"].explanation)
    assert second == "Bij BBL krijg je loon." and "bbl" in already


def test_unexplained_finds_a_term_used_before_its_explanation() -> None:
    texts = ["Praat met UWV.", glossary.explain("UWV helpt je.", set())]
    assert [term for term, _ in glossary.unexplained(texts)] == ["uwv"]
    assert glossary.unexplained([glossary.explain("Praat met UWV.", set())]) == []


def test_explanations_are_short_and_carry_no_other_term() -> None:
    for term in glossary.TERMS:
        assert all(len(words(s)) <= 15 for s in sentences(term.explanation)), term.key
        others = [k for k in glossary.terms_in(term.explanation) if k != term.key]
        assert others == [], (term.key, others)


def test_dates_are_written_the_dutch_way() -> None:
    assert glossary.long_date("2026-11-23") == "23 november 2026"
    assert glossary.dutch_dates("Gecontroleerd op 2026-01-05.") == \
        "Gecontroleerd op 5 januari 2026."


def test_intro_is_at_most_sixty_words_with_pay_and_duration() -> None:
    prof = {"id": "lasser", "name": "Lasser", "pay_min": 2900, "pay_max": 3600,
            "bbl_months_min": 12, "bbl_months_max": 24,
            "day_to_day": "Je leest een tekening en last onderdelen. " * 8}
    text = advice_texts.intro(prof)
    assert len(words(text)) <= 60
    assert "€2.900 tot €3.600" in text and "1 tot 2 jaar" in text


def test_readability_counts_dutch_syllables_and_long_sentences() -> None:
    short = readability(["Je werkt met je handen. Je krijgt loon."])
    long = readability(["Dit is een bijzonder ingewikkelde en onnodig lange zin met "
                        "verschrikkelijk veel woorden die niemand graag leest omdat hij "
                        "maar doorgaat."])
    assert short["flesch_douma"] > 90 and short["long_share"] == 0
    assert long["long_share"] == 1.0 and long["flesch_douma"] < short["flesch_douma"]
    assert sentences("Zie https://www.werkcentrum.nl\nNog een zin.") == ["Zie", "Nog een zin."]


def test_the_pages_promise_the_real_number_of_questions() -> None:
    import yaml

    from tests.bot.conftest import ROOT
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    required = domain["forms"]["profile_form"]["required_slots"]
    # The sector question is skipped when the job already names it: six or seven questions.
    assert len(required) == 7 and "current_sector" in required
    for page in ("index.html", "campaign_metaal.html"):
        text = (ROOT / "web" / "templates" / page).read_text(encoding="utf-8")
        assert "zes of zeven korte vragen" in text and "tien vragen" not in text
