"""Paragraphs, headings, title and boilerplate of scraped news text."""

from __future__ import annotations

import pytest

from pipeline.layout import analyse_layout

SVT_LIKE = """Javascript är avstängt

Javascript måste vara påslaget för att kunna spela video
Brandmän arbetar vid skolan i Västerås. Foto: Anna Berg/SVT

Brand i skola i Västerås

Uppdaterad
Publicerad

En brand bröt ut i en skola i Västerås på natten.

LÄS MER: Så skyddar du dig mot bränder

Kriget mot bränderna

– Vi fick larmet strax efter midnatt, säger Karin Holm, insatsledare.

Så arbetar vi

SVT:s nyheter ska stå för saklighet och opartiskhet. Läs mer om hur vi arbetar.

Mer i ämnet
"""


def texts(text, spans):
    return [text[s:e] for s, e in spans]


def test_boilerplate_is_marked_not_deleted():
    layout = analyse_layout(SVT_LIKE)
    bp = texts(SVT_LIKE, layout.boilerplate)
    assert "Javascript är avstängt" in bp
    assert "Javascript måste vara påslaget för att kunna spela video" in bp
    assert "Uppdaterad" in bp and "Publicerad" in bp
    assert "LÄS MER: Så skyddar du dig mot bränder" in bp
    assert any(b.startswith("Så arbetar vi") and "Mer i ämnet" in b for b in bp)
    # The photo credit is boilerplate; the caption before it is content with a place name.
    assert any(b.strip() == "Foto: Anna Berg/SVT" for b in bp)
    paragraphs = [SVT_LIKE[p.start : p.end] for p in layout.paragraphs]
    assert "Brandmän arbetar vid skolan i Västerås." in paragraphs
    assert not any("Javascript" in p or "SVT:s nyheter" in p for p in paragraphs)


def test_headings_and_title():
    layout = analyse_layout(SVT_LIKE)
    kinds = {SVT_LIKE[p.start : p.end]: p.kind for p in layout.paragraphs}
    assert kinds["Brand i skola i Västerås"] == "heading"
    assert kinds["Kriget mot bränderna"] == "heading"
    assert kinds["– Vi fick larmet strax efter midnatt, säger Karin Holm, insatsledare."] == "paragraph"
    assert layout.title and SVT_LIKE[layout.title[0] : layout.title[1]] == "Brand i skola i Västerås"


def test_question_heading():
    text = "Vi träffade forskaren i Lund.\n\nFinns det risk för krig?\n\n– Det finns alltid en risk."
    kinds = [p.kind for p in analyse_layout(text).paragraphs]
    assert kinds == ["paragraph", "question", "paragraph"]


def test_hard_wrapped_easy_read_text_is_one_paragraph():
    text = "Anna Svensson\n\när ny minister\n\nför skolan.\n\nHon börjar i dag."
    layout = analyse_layout(text)
    assert [text[p.start : p.end] for p in layout.paragraphs] == [
        "Anna Svensson\n\när ny minister\n\nför skolan.",
        "Hon börjar i dag.",
    ]


def test_scraper_date_prefix_and_byline():
    text = " date 2024-05-01 Tågen står still i Skåne efter ett fel.\n\nÖRESUNDSTÅG/TT\n"
    layout = analyse_layout(text)
    assert [text[p.start : p.end] for p in layout.paragraphs] == ["Tågen står still i Skåne efter ett fel."]
    assert texts(text, layout.boilerplate) == ["date 2024-05-01 ", "ÖRESUNDSTÅG/TT"]


def test_navigation_and_widgets_are_boilerplate():
    text = ("Hoppa till innehållSportbladet\n\nDagens namn: Nils\n\nLadda ner Fotbollskanalens app via App Store.\n\n"
            "Sverige vann mot Norge i går.\n")
    layout = analyse_layout(text)
    assert texts(text, [(p.start, p.end) for p in layout.paragraphs]) == ["Sverige vann mot Norge i går."]


def test_an_article_about_an_app_store_is_not_boilerplate():
    text = "Apple sänker avgiften i sin App Store för små utvecklare, vilket välkomnas av branschen i Sverige.\n"
    assert len(analyse_layout(text).paragraphs) == 1


def test_a_breaking_news_label_keeps_its_headline():
    text = "JUST NU: Rysslands president besöker Nordkorea\n\nPresidenten landade i Pyongyang på tisdagen.\n"
    layout = analyse_layout(text)
    assert layout.title is not None and text[layout.title[0] : layout.title[1]] == "Rysslands president besöker Nordkorea"
    assert texts(text, list(layout.boilerplate)) == ["JUST NU: "]


def test_a_teaser_line_is_still_boilerplate():
    text = "LÄS MER: Så påverkas du av räntan\n\nRäntan höjs igen.\n"
    assert texts(text, [(p.start, p.end) for p in analyse_layout(text).paragraphs]) == ["Räntan höjs igen."]


def test_bylines_with_a_date_and_photo_credits_are_boilerplate():
    text = ("Text: Erik Hallberg • 2017-07-30 Uppdaterad 2019-12-12\n\nCharlotte Rückl/Ekerö kommun\n\n"
            "Karlsson vann tävlingen i Katrineholm.\n\nStockholm/Göteborg är sträckan som stängs av i natt.\n")
    paragraphs = texts(text, [(p.start, p.end) for p in analyse_layout(text).paragraphs])
    assert paragraphs == ["Karlsson vann tävlingen i Katrineholm.", "Stockholm/Göteborg är sträckan som stängs av i natt."]


@pytest.mark.parametrize(("page", "title"), [
    # a section label, then the headline
    ("Forskning\n\nGoda resultat i ny studie om astma\n\nPatienter med svår astma kan få det bättre, visar en ny "
     "studie från Lund.\n", "Goda resultat i ny studie om astma"),
    # a site's navigation before the headline
    ("Följer\n\nPopulära lag\n\nEftersnack: ”Vi förtjänade segern”\n\nHammarby vann med 2–0 på söndagen efter "
     "två mål i andra halvlek.\n", "Eftersnack: ”Vi förtjänade segern”"),
    # an id left by the scraper
    ("5de435c3847bb\n\nNy rekordvinst för klubben\n\nKlubben gick med vinst för femte året i rad, enligt "
     "årsredovisningen.\n", "Ny rekordvinst för klubben"),
    # a photo caption with its credit, then the headline
    ("Kommunalrådet Eva Ek på torget i Sjöbo där beslutet ska fattas. Foto: Anna Berg/TT\n\nHär väljer kommunen "
     "ny väg\n\nI Sjöbo har kommunen valt att satsa på skolan i stället för på vägarna.\n", "Här väljer kommunen ny väg"),
    # a caption that names its kind of picture
    ("Fabriken i Skellefteå sedd från luften en vinterdag. Arkivbild.\n\nVarsel på batterifabriken\n\nBolaget "
     "varslar 1 600 anställda i Skellefteå och Västerås, meddelade ledningen på måndagen.\n",
     "Varsel på batterifabriken"),
    # a video's teaser text, the player's notices, then the headline
    ("Statsministern reser till Kiev i morgon för att träffa presidenten igen.\n\nJavascript är avstängt\n\n"
     "Så blev resan till Kiev\n\nStatsministern landade i Kiev på onsdagen efter en lång resa med tåg.\n",
     "Så blev resan till Kiev"),
    # scraped without its headline: the first heading after the body is a subheading, not the title
    ("Priset på el har varit lågt under julhelgen, till skillnad från förra årets höga nivåer.\n\nSkatten höjs "
     "också\n\nNästa år höjs dessutom energiskatten med några öre.\n", None),
])
def test_the_title_is_the_headline_never_a_label_a_caption_or_a_subheading(page, title):
    layout = analyse_layout(page)
    assert (page[layout.title[0] : layout.title[1]] if layout.title else None) == title


def test_a_sports_pages_listings_are_boilerplate_but_a_result_headline_is_not():
    page = ("Juventus vann toppmötet\n\nJuventus vann med 2–1 borta mot Hellas Verona på söndagen. "
            "Dusan Vlahovic gjorde båda målen.\n\nSerie A\n\nHellas Verona – Juventus 1–2\n\nInter - Milan 0–0\n\n"
            "20.45 Napoli – Roma\n\nTabell\n\n1. Juventus 12 9 2 1 24–10 29\n\n2. Inter 12 8 2 2 20–9 26\n")
    layout = analyse_layout(page)
    marked = [page[s:e] for s, e in layout.boilerplate]
    assert marked == ["Hellas Verona – Juventus 1–2", "Inter - Milan 0–0", "20.45 Napoli – Roma",
                      "1. Juventus 12 9 2 1 24–10 29", "2. Inter 12 8 2 2 20–9 26"]
    assert "Juventus vann med 2–1 borta mot Hellas Verona" in page[layout.paragraphs[1].start:layout.paragraphs[1].end]
    # one result line alone is a match report's headline, not a listing
    report = "Hammarby – AIK 2–1\n\nHammarby vann derbyt efter två sena mål på Tele2 Arena i går kväll."
    layout = analyse_layout(report)
    assert not layout.boilerplate and report[layout.title[0]:layout.title[1]] == "Hammarby – AIK 2–1"


def test_a_name_alone_on_its_line_is_a_byline_unless_the_article_names_it_again():
    page = ("Skottlossning i Jönköping\n\nSimon Henriksson\n\nEn man skadades i natt vid en skottlossning "
            "på Öster.\n\nAnnons:\n\nSkaffa Plus och få nyhetsbrevet varje vecka\n")
    assert [page[s:e] for s, e in analyse_layout(page).boilerplate] == [
        "Simon Henriksson", "Annons:", "Skaffa Plus och få nyhetsbrevet varje vecka"]
    page = "Greta Thunberg\n\nThunberg talade i går inför FN om klimatet och krävde handling.\n"
    layout = analyse_layout(page)
    assert not layout.boilerplate and page[layout.title[0]:layout.title[1]] == "Greta Thunberg"


@pytest.mark.parametrize("line", [
    "JavaScript är avstängt.", "Publicerad i dag 08.15", "ANNONS", "Annons:", "Se videon här – för att se klippet krävs cookies",
    "Regeringen presenterar budgeten i dag.", "Publiken jublade när bollen gick in.", "Annonsen togs bort i går.", "",
])
def test_one_pattern_for_all_boilerplate_lines_matches_where_any_of_them_does(line):
    from pipeline.layout import boilerplate_rules

    rules = boilerplate_rules()
    assert bool(rules.any_line.fullmatch(line)) == any(p.fullmatch(line) for p in rules.line)
    assert bool(rules.any_tail.fullmatch(line)) == any(p.fullmatch(line) for p in rules.tail)


def test_any_of_keeps_each_patterns_own_flags():
    import regex

    from pipeline.layout import any_of

    both = any_of([regex.compile(r"(?i)annons"), regex.compile(r"Foto: \w+")])
    assert both.fullmatch("ANNONS") and both.fullmatch("Foto: TT")
    assert not both.fullmatch("FOTO: TT")  # the second pattern is case-sensitive
    assert not any_of([]).fullmatch("")
