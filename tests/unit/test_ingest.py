"""Reading .txt, .html, .json and .jsonl the way a scraper leaves them."""

from __future__ import annotations

import json

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
    arts = read_all(p)
    assert [a.article_id for a in arts] == ["x1", "flöde-2", "x3"]
    assert arts[0].url == "https://example.se/1"
    assert arts[1].error and "flöde.jsonl#2" in arts[1].error and "malformed JSON" in arts[1].error
    assert arts[2].error is None


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
