"""Reading .txt, .html, .json and .jsonl the way a scraper leaves them."""

from __future__ import annotations

import json

import pytest

from conftest import case_params

from pipeline.ingest import read_inputs

SWEDISH = (
    "Regeringen presenterade på tisdagen ett nytt förslag om skolan. Det är en viktig fråga för "
    "många familjer i Sverige, säger utbildningsministern. Hon menar att lärarna ska få mer tid "
    "för eleverna och att det ska gå fortare att få hjälp när det behövs."
)


def read_all(*paths):
    return list(read_inputs(paths))


def test_txt_utf8_with_bom(tmp_path):
    p = tmp_path / "artikel.txt"
    p.write_bytes("\ufeff".encode("utf-8") + SWEDISH.encode("utf-8"))
    [a] = read_all(p)
    assert a.article_id == "artikel" and a.error is None
    assert a.text.startswith("Regeringen")


def test_cp1252_is_detected_and_decoded(tmp_path):
    p = tmp_path / "gammal.txt"
    p.write_bytes(SWEDISH.encode("cp1252"))
    [a] = read_all(p)
    assert a.error is None
    assert "utbildningsministern" in a.text and "för" in a.text
    assert a.warning and "decoded as" in a.warning


def test_html_main_text_and_title(tmp_path):
    p = tmp_path / "sida.html"
    p.write_text(
        "<html><head><title>Nytt förslag om skolan</title></head><body>"
        "<nav>Hem | Nyheter | Sport</nav><article><h1>Nytt förslag om skolan</h1>"
        f"<p>{SWEDISH}</p><p>Förslaget ska nu skickas ut på remiss till kommunerna.</p></article>"
        "<footer>Kontakta oss</footer></body></html>",
        encoding="utf-8",
    )
    [a] = read_all(p)
    assert a.error is None
    assert a.title == "Nytt förslag om skolan"
    assert "utbildningsministern" in a.text and "remiss" in a.text
    assert "Kontakta oss" not in a.text


def test_json_object_and_list(tmp_path):
    (tmp_path / "en.json").write_text(json.dumps({"id": "a1", "text": SWEDISH, "title": "Skolan"}), encoding="utf-8")
    (tmp_path / "flera.json").write_text(json.dumps([{"text": SWEDISH}, {"id": "b2", "text": SWEDISH}]), encoding="utf-8")
    arts = read_all(tmp_path)
    assert [a.article_id for a in arts] == ["a1", "flera-1", "b2"]
    assert arts[0].title == "Skolan" and all(a.error is None for a in arts)


def test_jsonl_bad_line_does_not_stop_the_others(tmp_path):
    p = tmp_path / "flöde.jsonl"
    p.write_text(
        json.dumps({"id": "x1", "text": SWEDISH, "url": "https://example.se/1"}) + "\n"
        + '{"id": "x2", "text": "trasig\n'
        + json.dumps({"id": "x3", "text": SWEDISH}) + "\n",
        encoding="utf-8",
    )
    arts = {a.article_id: a for a in read_all(p)}  # error rows come after the readable articles
    assert list(arts) == ["x1", "x3", "flöde-2"]
    assert arts["x1"].url == "https://example.se/1"
    assert arts["flöde-2"].error and "flöde.jsonl#2" in arts["flöde-2"].error and "malformed JSON" in arts["flöde-2"].error
    assert arts["x3"].error is None


def test_bad_files_get_one_line_errors_naming_the_file(tmp_path):
    (tmp_path / "tom.txt").write_bytes(b"")
    (tmp_path / "bild.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (tmp_path / "engelsk.txt").write_text(
        "The government said on Tuesday that it would present a new plan for the schools. " * 5, encoding="utf-8"
    )
    (tmp_path / "lista.json").write_text("[1, 2]", encoding="utf-8")
    arts = {a.article_id: a for a in read_all(tmp_path)}
    for aid, reason in [("tom", "empty"), ("bild", "binary"), ("engelsk", "not Swedish"), ("lista-1", "not an object")]:
        err = arts[aid].error
        assert err and reason in err and "\n" not in err, (aid, err)
        assert str(tmp_path) in err


def test_duplicate_ids_are_an_error_naming_both_sources(tmp_path):
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "same", "text": SWEDISH}) + "\n", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({"id": "same", "text": SWEDISH}) + "\n", encoding="utf-8")
    first, second = read_all(tmp_path)
    assert first.error is None
    assert second.error and "a.jsonl" in second.error and "b.jsonl" in second.error
    assert second.article_id != first.article_id


@pytest.mark.parametrize(("expected", "text"), case_params("language.tsv", "expected", "text"))
def test_language_check_on_short_texts(expected, text):
    from pipeline.ingest import check_text

    reason = check_text(text)
    if expected in ("sv", "-"):
        assert reason is None
    else:
        assert reason is not None and reason.startswith("not Swedish")
        assert ("English" in reason) == (expected == "en")


@pytest.mark.parametrize(("text", "expected"), [
    ("Uppdaterad 2011-03-10 | Publicerad 2010-03-30\n\nBrynäs vann.", "2010-03-30"),  # not the update
    ("Publicerad 2023-02-06\nKlockan tickar.", "2023-02-06"),
    ("Publicerad: 5 mars 2024 kl. 11.12\nUppdaterad: 6 mars 2024", "2024-03-05T11:12+01:00"),  # Swedish winter time
    ("Publicerad den 12 okt. 2025, 08:30", "2025-10-12T08:30+02:00"),  # Swedish summer time
    ("Uppdaterad 2011-03-10\n\nInget publiceringsdatum här.", None),
    ("Texten publicerades först i en annan tidning 2019-01-01.", None),  # not the page's label
])
def test_published_is_the_publicerad_date(text, expected):
    from pipeline.ingest import published_in_text

    assert published_in_text(text) == expected


def test_html_published_prefers_publicerad_over_the_metadata_date(tmp_path):
    p = tmp_path / "sida.html"
    p.write_text(
        '<html><head><meta property="article:modified_time" content="2024-03-06T09:00:00Z">'
        "<title>Nytt förslag om skolan</title></head><body><article><h1>Nytt förslag om skolan</h1>"
        '<p><span>Uppdaterad</span> <time datetime="2024-03-06T09:00:00Z">6 mars 2024 kl. 10.00</time> '
        '<span>Publicerad</span> <time datetime="2024-03-05T10:12:00Z">5 mars 2024 kl. 11.12</time></p>'
        + "<p>Regeringen vill satsa mer pengar på skolan, säger finansministern i en intervju med tidningen. "
        "Det är en viktig fråga för alla elever och lärare i hela landet.</p>" * 4
        + "</article></body></html>", encoding="utf-8")
    (article,) = read_inputs([p])
    assert article.error is None and article.published == "2024-03-05T11:12+01:00"


def test_txt_gets_its_published_date_from_the_text(tmp_path):
    p = tmp_path / "artikel.txt"
    p.write_text("Rubrik om skolan\n\nPublicerad 2023-02-06\n\nRegeringen vill satsa mer pengar på skolan. "
                 "Det säger finansministern.\n", encoding="utf-8")
    (article,) = read_inputs([p])
    assert article.published == "2023-02-06"


def test_an_unreadable_file_never_takes_the_id_of_a_readable_one(tmp_path):
    """x.json (not an article) sorts before x.txt: the article keeps 'x', the error row does not."""
    (tmp_path / "x.json").write_text('{"id": "x", "rubrik": "ingen text"}', encoding="utf-8")
    (tmp_path / "x.txt").write_text("Regeringen vill satsa på skolan. Det säger finansministern i dag.",
                                    encoding="utf-8")
    (tmp_path / "y.txt").write_text("", encoding="utf-8")
    articles = list(read_inputs([tmp_path]))
    ids = [a.article_id for a in articles]
    assert len(ids) == len(set(ids)) == 3
    by_id = {a.article_id: a for a in articles}
    assert by_id["x"].error is None and by_id["y"].error  # an error row keeps its own id when free
    (bad,) = [a for a in articles if a.article_id.startswith("x@")]
    assert bad.error and bad.source.endswith("x.json")


@pytest.mark.parametrize(("url", "outlet"), [
    ("https://www.svt.se/nyheter/inrikes/x", "svt.se"),
    ("http://SvT.se/nyheter/utrikes/y?inlagg=1", "svt.se"),
    ("https://aftonbladet.se./nyheter/a/z", "aftonbladet.se"),
    ("https://www.dagensps.se:443/privatekonomi/", "dagensps.se"),
    ("not a url", None),
    (None, None),
])
def test_outlet_of_url(url, outlet):
    from pipeline.ingest import outlet_of_url

    assert outlet_of_url(url) == outlet


def test_outlet_from_the_record_the_sidecar_the_run_or_the_url(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [
        {"id": "a", "text": SWEDISH, "outlet": "Sveriges Radio"},
        {"id": "b", "text": SWEDISH, "url": "https://www.gp.se/nyheter/1"},
        {"id": "c", "text": SWEDISH},
    ]), encoding="utf-8")
    (tmp_path / "d.txt").write_text(SWEDISH, encoding="utf-8")
    (tmp_path / "d.meta.json").write_text(json.dumps({"url": "https://www.unt.se/nyheter/2", "published": "2024-03-05"}),
                                          encoding="utf-8")
    (tmp_path / "e.txt").write_text(SWEDISH, encoding="utf-8")
    (tmp_path / "e.meta.json").write_text("{not json", encoding="utf-8")
    got = {a.article_id: a for a in read_inputs([tmp_path])}
    assert set(got) == {"a", "b", "c", "d", "e"}  # the sidecars are no articles of their own
    assert [got[k].outlet for k in "abcde"] == ["Sveriges Radio", "gp.se", None, "unt.se", None]
    assert got["d"].url == "https://www.unt.se/nyheter/2" and got["d"].published == "2024-03-05"
    assert "e.meta.json: sidecar not read" in got["e"].warning and got["e"].error is None
    named = {a.article_id: a.outlet for a in read_inputs([tmp_path], outlet="mitti.se")}
    # what the user says of the run beats a host read off a url; a record's own outlet beats both
    assert [named[k] for k in "abcde"] == ["Sveriges Radio", "mitti.se", "mitti.se", "mitti.se", "mitti.se"]


def test_outlet_from_the_sites_signature_in_the_text(tmp_path):
    from pipeline.ingest import outlet_of_text

    svt = SWEDISH + "\n\nSå arbetar vi\n\nSVT:s nyheter ska stå för saklighet och opartiskhet.\n"
    aftonbladet = "Hoppa till innehållAftonbladet\n\n" + SWEDISH
    assert outlet_of_text(svt) == "svt.se" and outlet_of_text(aftonbladet) == "aftonbladet.se"
    # a wire byline names the agency, a mention in the body names no publisher
    assert outlet_of_text("Foto: Anna Berg/TT\n\n" + SWEDISH) is None
    assert outlet_of_text(SWEDISH + "\n\nDet säger hon till SVT Nyheter Skåne.") is None
    (tmp_path / "a.txt").write_text(svt, encoding="utf-8")
    (tmp_path / "b.txt").write_text(svt, encoding="utf-8")
    (tmp_path / "b.meta.json").write_text('{"url": "https://www.unt.se/nyheter/2"}', encoding="utf-8")
    got = {a.article_id: a.outlet for a in read_inputs([tmp_path])}
    assert got == {"a": "svt.se", "b": "unt.se"}  # a url (or the run's --outlet) comes first
    assert {a.outlet for a in read_inputs([tmp_path / "a.txt"], outlet="mitti.se")} == {"mitti.se"}


@pytest.mark.parametrize(("given", "stored"), [
    ("2009-10-07", "2009-10-07"),
    ("2019-06-06 13:28:55", "2019-06-06T13:28"),      # a feed's own format, no offset given: none invented
    ("2024-03-05T11:12:00Z", "2024-03-05T11:12+00:00"),
    ("Tue, 05 Mar 2024 11:12:00 +0100", "2024-03-05T11:12+01:00"),  # RSS
])
def test_published_from_a_feed_is_iso_8601(tmp_path, given, stored):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "a", "text": SWEDISH, "published": given}), encoding="utf-8")
    (article,) = read_inputs([feed])
    assert article.published == stored and article.warning is None


def test_a_published_value_that_is_no_date_is_left_empty_with_a_warning(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "a", "text": SWEDISH, "published": "i förrgår"}), encoding="utf-8")
    (article,) = read_inputs([feed])
    assert article.published is None and "published 'i förrgår' not understood" in article.warning


def test_source_is_the_absolute_path_wherever_the_command_runs(tmp_path, monkeypatch):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(SWEDISH, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    (article,) = read_inputs(["in"])
    assert article.source == str(tmp_path / "in" / "a.txt")
