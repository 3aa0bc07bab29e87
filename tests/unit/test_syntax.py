"""The parse the quote stage reads (doc._.syntax): subjects, coordination, candidates."""

from __future__ import annotations


def syntax_of(rows, punct=()):
    from pipeline.components.attribution_parser import Syntax

    syn = Syntax()
    for i, (head, dep) in enumerate(rows):
        syn.add(i, head, dep, i in punct)
    return syn


def test_subject_after_a_verb_second_verb():
    # Nu(0) meddelar(1) bolaget(2) att(3) ...(4)
    syn = syntax_of([(1, "advmod"), (1, "ROOT"), (1, "nsubj"), (4, "mark"), (1, "ccomp")])
    assert syn.subject(1) == 2


def test_subject_of_a_coordinated_verb_is_the_nearest():
    # tjänster(0) skriver(1) bolaget(2) och(3) understryker(4)
    syn = syntax_of([(1, "nsubj"), (1, "ROOT"), (1, "nsubj"), (4, "cc"), (1, "conj")])
    assert syn.subject(4) == 2


def test_a_quotation_mark_is_no_subject():
    # Hon(0) kallar(1) draget(2) "(3) ett(4) tecken(5) och(6) säger(7): the parser made the
    # opening quotation mark a second subject of "kallar", nearer "säger" than "Hon"
    rows = [(1, "nsubj"), (1, "ROOT"), (3, "det"), (1, "nsubj"), (5, "det"), (1, "obj"), (7, "cc"), (1, "conj")]
    assert syntax_of(rows, punct={3}).subject(7) == 0
    assert syntax_of(rows).subject(7) == 3  # a word in that place would be the subject


def test_no_subject():
    syn = syntax_of([(1, "advmod"), (1, "ROOT"), (1, "obj")])
    assert syn.subject(1) is None


def test_only_candidate_sentences_are_worth_parsing(rules_nlp):
    from pipeline.components.attribution_parser import AttributionParser

    parser = AttributionParser()
    make = rules_nlp.make_doc
    assert parser.candidate(make("Nu säger hon att det regnar."))
    assert parser.candidate(make("I förra veckan gick departementet ut med att myndigheten läggs ner."))
    assert not parser.candidate(make("– Det regnar, säger hon."))  # the speaker follows the verb: no parse needed
    assert not parser.candidate(make("Det är dags att gå hem."))  # att without a reporting verb
    assert not parser.candidate(make("Solen sken hela dagen över staden."))


def test_a_reported_sentence_is_parsed_up_to_its_att(rules_nlp):
    from pipeline.components.attribution_parser import AttributionParser

    parser = AttributionParser()

    def words_parsed(text):
        words = [t.text for t in rules_nlp.make_doc(text)]
        end = parser.reported_end(words)
        return None if end is None else " ".join(words[:end])

    assert words_parsed("Nu bekräftar advokaten att klienten var hemma hela kvällen.") == "Nu bekräftar advokaten att"
    # two reports: both subjects are asked for
    assert words_parsed("Hon säger att det blir svårt och tillägger att hon inte ger upp.") == \
        "Hon säger att det blir svårt och tillägger att"
    assert words_parsed("Det är dags att gå hem, säger hon.") is None  # att before the verb


def test_without_a_trained_parser_the_syntax_is_empty(rules_nlp):
    from pipeline.components.attribution_parser import AttributionParser

    doc = rules_nlp.get_pipe("news_layout")(rules_nlp.make_doc("Nu säger hon att det regnar."))
    doc = AttributionParser()(doc)
    assert doc._.syntax is not None and not doc._.syntax.head


def test_genitive_follows_a_name_to_the_name_it_joins():
    # Ulf(0) Kristerssons(1) och(2) Jimmie(3) Åkessons(4) regering(5): the parser ran the
    # second name into the first; both are the government's owners
    syn = syntax_of([(5, "nmod:poss"), (0, "flat:name"), (3, "cc"), (0, "flat:name"), (3, "flat:name"), (5, "ROOT")])
    assert syn.genitive(3) is True and syn.genitive(0) is True
    # efter(0) Hanna(1) Öbergs(2) seger(3): the parser may misplace the head; only an apposition counts
    assert syntax_of([(3, "case"), (3, "obl"), (1, "flat:name"), (1, "nmod")]).genitive(1) is True
    # Spelgeniet(0) Per(1) Hellmyrs(2) flippade(3): an apposition, not a genitive
    syn = syntax_of([(3, "nsubj"), (0, "appos"), (1, "flat:name"), (3, "ROOT")])
    assert syn.genitive(1) is False
    assert syntax_of([(0, "ROOT")]).genitive(5) is None  # not parsed


def test_a_name_or_pronoun_right_before_the_verb_is_the_subject_without_a_parse(annotate):
    from pipeline.components.attribution_parser import plain_subject

    def plain(marked):
        doc = annotate(marked, through=())
        return plain_subject([t.text for t in doc], 0, len(doc), {e.start: e.end for e in doc.ents if e.label_ in ("PER", "ORG")})

    assert plain("[Anna Ek](PER) säger att skolan stängs.")
    assert plain("Hon menar att priserna stiger.")
    assert plain("[Trafikverket](ORG) uppger att vägen är avstängd.")
    # something else first: verb-second puts the subject after the verb, or the name is not all of it
    assert not plain("Nu säger hon att priserna stiger.")
    assert not plain("Kommunens chef [Anna Ek](PER) säger att skolan stängs.")
    assert not plain("[Anna Ek](PER) och [Per Lund](PER) säger att skolan stängs.")
    assert not plain("[Anna Ek](PER), som leder utredningen, säger att inget är klart.")
    assert not plain("Han gick hem innan hon sa att det var över.")
