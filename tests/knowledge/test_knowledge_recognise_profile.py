"""Everyday Dutch to contract values: education, work status, interests, sector,
province, FAQ topic and our professions."""

from __future__ import annotations

import pytest

from knowledge.kb import KnowledgeBase
from knowledge.recognise import profile as rec


@pytest.mark.parametrize(("text", "level"), [
    ("ik heb geen diploma", "geen"), ("alleen basisschool", "geen"), ("vmbo", "vmbo"),
    ("ik heb de mavo gedaan", "vmbo"), ("lts", "vmbo"), ("mbo 2", "mbo2"), ("mbo-2", "mbo2"),
    ("niveau 2", "mbo2"), ("mbo niveau 2", "mbo2"), ("mbo 4 elektro", "mbo4"),
    ("vroeger de mts", "mbo4"), ("meao", "mbo4"), ("havo", "havo"), ("gymnasium", "vwo"),
    ("atheneum", "vwo"), ("hbo", "hbo"), ("hogeschool", "hbo"), ("een bachelor", "hbo"),
    ("universiteit", "wo"), ("ik heb een master", "wo"), ("mbo 3", "mbo3"),
])
def test_education_words_map_to_the_contract_level(text: str, level: str) -> None:
    # GIVEN an everyday answer about schooling
    # WHEN recognised
    # THEN the contract education level comes back
    assert rec.recognise_education(text) == level


@pytest.mark.parametrize(("text", "status"), [
    ("ik heb een baan", "werkend"), ("ik werk", "werkend"), ("ik zit in de ww", "ww"),
    ("werkloos met uitkering", "ww"), ("ik ben ontslagen en krijg ww", "ww"),
    ("bijstand", "bijstand"), ("ik heb een uitkering van de gemeente", "bijstand"),
    ("participatiewet", "bijstand"), ("ik ben zzp'er", "zzp"), ("zelfstandige", "zzp"),
    ("ik heb een eigen bedrijf", "zzp"), ("freelancer", "zzp"), ("ik ben student", "student"),
    ("ik studeer", "student"), ("werkloos zonder uitkering", "werkzoekend_zonder_uitkering"),
    ("ik heb geen uitkering", "werkzoekend_zonder_uitkering"), ("huisvrouw", "anders"),
    ("ik ben mantelzorger", "anders"), ("arbeidsongeschikt", "anders"),
])
def test_work_status_phrases_map_to_the_contract_status(text: str, status: str) -> None:
    # GIVEN an everyday answer about work
    # WHEN recognised
    # THEN the contract work status comes back
    assert rec.recognise_work_status(text) == status


@pytest.mark.parametrize(("text", "interests"), [
    ("ik knutsel graag", ["met_handen"]),
    ("ik werk graag met mijn handen", ["met_handen"]),
    ("sleutelen aan brommers", ["sleutelen", "voertuigen"]),
    ("stroom, elektronica en solderen", ["elektra"]),
    ("computers, programmeren en gamen", ["computers"]),
    ("uitzoeken waarom iets kapot is", ["puzzelen"]),
    ("ik werk heel precies en secuur", ["precisie"]),
    ("lekker buiten in weer en wind", ["buiten"]),
    ("tekenen in CAD", ["ontwerpen"]),
    ("ik werk graag met mensen in een team", ["mensen"]),
    ("zonnepanelen en warmtepompen", ["duurzaamheid"]),
    ("vrachtwagens en tractors", ["voertuigen"]),
    ("robots en een productielijn", ["machines"]),
    ("eten en levensmiddelen", ["voeding"]),
    ("mensen helpen, iets medisch", ["mensen", "zorg"]),
    ("afwisseling en op pad", ["onderweg"]),
    ("LASSEN, en alles met metaal", ["met_handen"]),
    ("met hande werken", ["met_handen"]),  # one typo in a long interest word
])
def test_interest_phrases_map_to_contract_interests(text: str, interests: list[str]) -> None:
    # GIVEN everyday words about what someone likes
    # WHEN recognised
    found = rec.recognise_interests(text)
    # THEN the expected contract values are there
    assert all(i in found for i in interests), found


def test_interests_keep_order_of_mention_and_skip_negations() -> None:
    # GIVEN a sentence with a negated interest and two liked ones
    text = "ik werk niet graag buiten, liever met computers en ik knutsel graag"
    # WHEN recognised
    found = rec.recognise_interests(text)
    # THEN 'buiten' is left out and the rest keeps the order of mention
    assert found == ["computers", "met_handen"]


@pytest.mark.parametrize(("text", "province"), [
    ("Noord Holland", "noord-holland"), ("NH", "noord-holland"), ("brabant", "noord-brabant"),
    ("Fryslân", "friesland"), ("zuid-holland", "zuid-holland"), ("in limburg", "limburg"),
])
def test_province_names_and_abbreviations_are_recognised(text: str, province: str) -> None:
    assert rec.recognise_province(text) == province


@pytest.mark.parametrize(("text", "sector"), [
    ("ik werk in de zorg", "zorg_welzijn"), ("in de horeca", "horeca"),
    ("bij een supermarkt", "retail"), ("in een magazijn", "logistiek_transport"),
    ("bij defensie", "defensie"), ("op kantoor", "kantoor_administratie"),
])
def test_sector_phrases_map_to_contract_sectors(text: str, sector: str) -> None:
    assert rec.recognise_sector(text) == sector


@pytest.mark.parametrize(("text", "topic"), [
    ("ben ik te oud?", "leeftijd"), ("wat verdien je?", "salaris"),
    ("hoe lang duurt de opleiding", "opleidingsduur"), ("wat kost het", "kosten"),
    ("kan ik zonder diploma beginnen", "geen_diploma"), ("kan het in deeltijd", "deeltijd"),
    ("moet ik goed Nederlands spreken", "taalniveau"), ("is het zwaar werk", "fysiek"),
    ("heb ik een rijbewijs nodig", "rijbewijs"), ("wat is vca", "vca"),
    ("kan ik mijn uitkering houden", "uitkering_behouden"),
    ("is het ook iets voor vrouwen", "vrouwen"),
])
def test_faq_questions_map_to_topics(text: str, topic: str) -> None:
    assert rec.recognise_faq_topic(text) == topic


def test_profession_words_map_to_our_professions(real_kb: KnowledgeBase) -> None:
    # GIVEN words people use for our professions
    index = real_kb.profession_index
    # WHEN recognised
    # THEN the profession ids of the real data come back
    assert index.recognise("lasser") == "lasser"
    assert index.recognise("iets met zonnepanelen") == "monteur_zonnepanelen"
    assert index.recognise("warmtepompen") == "installatiemonteur_warmtepomp"
    assert index.recognise("Elektromonteur") == "elektromonteur"
    assert index.recognise("ik wil graag lassen") == "lasser"
    assert index.recognise("hallo") is None
