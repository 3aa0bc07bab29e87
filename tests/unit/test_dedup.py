"""Quote copies across articles (pipeline.dedup), on quotes written for these tests."""

from __future__ import annotations

from pipeline.dedup import QuoteRef, quote_clusters

ORIGINAL = "Vi kommer att överklaga domen eftersom vi anser att tingsrätten har gjort fel i bedömningen"


def _same(*quotes: QuoteRef) -> bool:
    got = quote_clusters(quotes)
    return len({got[(q.article_id, q.quote_id)] for q in quotes}) == 1


def q(article: str, text: str, speaker: str | None = "PER:anna-ek", published: str | None = None) -> QuoteRef:
    return QuoteRef(article, f"{article}:q1", speaker, text, published)


def test_copies_with_a_cut_an_edited_word_or_other_marks_are_one_quote():
    assert _same(q("a", ORIGINAL), q("b", ORIGINAL))
    assert _same(q("a", ORIGINAL), q("b", "Vi kommer att överklaga domen eftersom vi anser att tingsrätten"))
    assert _same(q("a", ORIGINAL), q("b", ORIGINAL.replace("anser", "tycker")))
    assert _same(q("a", ORIGINAL), q("b", "”" + ORIGINAL.upper() + ".”"))
    assert _same(q("a", "Det här är en bra dag för Umeå"), q("b", "Det här är en fin dag för Umeå"))  # short


def test_other_statements_and_other_speakers_are_not_copies():
    assert not _same(q("a", ORIGINAL), q("b", "Vi är nöjda med att tingsrätten tog sig tid med målet i år"))
    assert not _same(q("a", ORIGINAL), q("b", ORIGINAL, speaker="PER:per-hed"))
    assert not _same(q("a", ORIGINAL, speaker=None), q("b", ORIGINAL, speaker=None))  # no speaker: never a copy
    assert not _same(q("a", "Det här är en bra dag"), q("b", "Det här är en dålig vecka"))


def test_the_cluster_is_named_after_its_first_copy():
    got = quote_clusters([q("sen", ORIGINAL, published="2024-03-06"), q("tidig", ORIGINAL, published="2024-03-05")])
    assert set(got.values()) == {"Q:tidig:q1"}
