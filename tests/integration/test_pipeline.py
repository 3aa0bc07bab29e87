"""The shipped pipeline: one spaCy folder, its contracts, and the seed article's entities."""

from __future__ import annotations

import subprocess
import sys

import pytest

SEED_ENTITIES = {
    ("Vladimir Putin", "PER"), ("Kim Jong-Un", "PER"), ("Niklas Swanström", "PER"),
    ("Nordkorea", "LOC"), ("Ryssland", "LOC"), ("Storbritannien", "LOC"), ("Sydkorea", "LOC"),
    ("Ukraina", "LOC"), ("FN", "ORG"),
}


def doc_view(doc):
    """Everything the pipeline writes on a Doc, as comparable values."""
    return (
        [(e.start_char, e.end_char, e.label_, e.kb_id_) for e in doc.ents],
        [(c.entity_id, c.name, c.label, c.aliases) for c in doc._.entity_clusters],
        [(q.start_char, q.end_char, q.label_, *(getattr(q._, a) for a in
          ("speaker_text", "speaker_name", "speaker_entity_id", "speaker_role", "cue", "attribution")))
         for q in doc.spans["quotes"]],
        [(s.start_char, s.end_char, s.label_) for s in doc.spans["paragraphs"]],
        [(s.start_char, s.end_char) for s in doc.spans["boilerplate"]],
        [s.start_char for s in doc.sents],
    )


def test_the_model_folder_is_the_whole_pipeline(nlp, seed_text):
    import spacy

    from pipeline import MODEL_DIR
    from pipeline.components import PIPELINE

    plain = spacy.load(MODEL_DIR)
    assert tuple(plain.pipe_names) == PIPELINE == tuple(nlp.pipe_names)
    assert doc_view(plain(seed_text)) == doc_view(nlp(seed_text))
    assert all(not problems for problems in nlp.analyze_pipes(pretty=False)["problems"].values())


def test_spacy_load_finds_the_components_through_the_entry_point(root):
    """Without `import pipeline`: the spacy_factories entry point registers them."""
    code = ("import spacy, sys; nlp = spacy.load('pipeline/models/sv_news_ner'); "
            "doc = nlp('– Vi är oroliga, säger Anna Ek.'); print(nlp.pipe_names, len(doc.spans['quotes']))")
    proc = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "'news_layout'" in proc.stdout and "'speaker_ranker']" in proc.stdout and proc.stdout.strip().endswith("1")


def test_pycountry_is_not_read_at_run_time(root, seed_path):
    code = ("import sys, pipeline; nlp = pipeline.load(); "
            f"nlp(open({str(seed_path)!r}, encoding='utf-8').read()); print('pycountry' in sys.modules)")
    proc = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "False"


def test_shipped_cue_patterns_are_the_package_data():
    """A cue rule edited in pipeline/data without `train-ner --rules-only` would not ship."""
    import json

    import spacy

    from pipeline import MODEL_DIR
    from pipeline.components.quotes.cues import CUES_FILE
    from pipeline.lexicon import package_text

    package = [json.loads(line) for line in package_text(CUES_FILE).splitlines()
               if line.strip() and not line.startswith("#")]
    assert spacy.load(MODEL_DIR).get_pipe("quotes").rows == package, (
        "pipeline/data/quote_cues.jsonl differs from the model's copy: run python -m pipeline train-ner --rules-only")


def test_shipped_language_data_is_the_package_data():
    """A word list edited in pipeline/data without `train-ner --rules-only` would not ship."""
    from pipeline import MODEL_DIR
    from pipeline.components.language_data import RUN_TIME_FILES
    from pipeline.lexicon import package_text

    stale = [name for name in RUN_TIME_FILES
             if (MODEL_DIR / "language_data" / name).read_text(encoding="utf-8") != package_text(name)]
    assert not stale, f"the model's copies of {stale} differ from pipeline/data: run python -m pipeline train-ner --rules-only"


STANDALONE = """
import json, sys
import pipeline, pipeline.lexicon as lexicon, spacy
assert pipeline.__file__.startswith(sys.argv[1]), pipeline.__file__
try:
    lexicon.package_text("gazetteer.tsv")
except OSError:
    pass
else:
    raise SystemExit("the package data is still readable")
nlp = spacy.load(sys.argv[2])
doc = nlp(sys.stdin.read())
print(json.dumps([[(e.start_char, e.end_char, e.label_, e.kb_id_) for e in doc.ents],
                  [(q.start_char, q.end_char, q.label_, q._.speaker_name) for q in doc.spans["quotes"]]]))
"""


def test_a_copied_model_folder_runs_without_the_package_data(nlp, root, seed_text, tmp_path):
    """spacy.load of the model folder copied elsewhere, with a copy of the package whose
    pipeline/data/ holds no data file: the model's own copies are read (language_data)."""
    import json
    import os
    import shutil

    from pipeline import MODEL_DIR

    package = tmp_path / "pkg" / "pipeline"
    shutil.copytree(root / "pipeline", package, ignore=shutil.ignore_patterns("models", "__pycache__"))
    for f in (package / "data").iterdir():
        if f.name != "__init__.py":
            f.unlink()
    (package / "models").mkdir()
    (package / "models" / "__init__.py").write_text("")
    model = tmp_path / "elsewhere" / "model"
    shutil.copytree(MODEL_DIR, model)
    text = "– Vi är oroliga för utvecklingen, säger Anna Ek (S), kommunalråd i Vara kommun.\n\n" + seed_text
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "pkg")}
    proc = subprocess.run([sys.executable, "-c", STANDALONE, str(package), str(model)], input=text, env=env,
                          cwd=tmp_path, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    doc = nlp(text)
    want = [[(e.start_char, e.end_char, e.label_, e.kb_id_) for e in doc.ents],
            [(q.start_char, q.end_char, q.label_, q._.speaker_name) for q in doc.spans["quotes"]]]
    assert json.loads(proc.stdout) == json.loads(json.dumps(want))
    assert {("Vara kommun", "ORG"), ("S", "ORG")} <= {(e.text, e.label_) for e in doc.ents}  # gazetteer, parties


def test_doc_api_carries_entities_and_clusters(nlp):
    doc = nlp("Rysslands president Vladimir Putin reser till Nordkorea. Putins besök oroar FN:s generalsekreterare.")
    assert {(e.text, e.label_, e.kb_id_) for e in doc.ents} >= {
        ("Vladimir Putin", "PER", "PER:vladimir-putin"),
        ("Putins", "PER", "PER:vladimir-putin"),
        ("Nordkorea", "LOC", "LOC:nordkorea"),
        ("FN:s", "ORG", "ORG:fn"),
    }
    assert {c.name for c in doc._.entity_clusters} >= {"Vladimir Putin", "Nordkorea", "FN", "Ryssland"}


def test_boilerplate_and_routes_and_party_letters(nlp):
    text = (
        "Javascript är avstängt\n\n"
        "Tågen mellan Stockholm-Göteborg ställs in, säger Anna Ek (S).\n\n"
        "Foto: Lars Berg/TT\n"
    )
    ents = {(e.text, e.label_) for e in nlp(text).ents}
    assert {("Stockholm", "LOC"), ("Göteborg", "LOC"), ("S", "ORG")} <= ents
    assert not any(text in {"Javascript", "Lars Berg", "TT"} for text, _ in ents)


def test_seed_article_entities(nlp, seed_text, seed_gold):
    doc = nlp(seed_text)
    assert {(c.name, c.label) for c in doc._.entity_clusters} == SEED_ENTITIES
    assert {(e["name"], e["type"]) for e in seed_gold["entities"]} == SEED_ENTITIES
    # nothing from the boilerplate: the notices, the photo credit, the footer
    assert not any(t in e.text for e in doc.ents for t in ("Javascript", "SVT", "TT"))


@pytest.mark.parametrize("label", ["PER", "ORG", "LOC"])
def test_entity_ids_carry_the_label(nlp, seed_text, label):
    doc = nlp(seed_text)
    assert all(c.entity_id.startswith(c.label + ":") for c in doc._.entity_clusters if c.label == label)


def test_entities_link_to_the_name_lexicon(nlp):
    """The entities table's lexicon_id: municipalities, clubs, parties, authorities."""
    from pipeline.ingest import Article
    from pipeline.tables import doc_rows

    text = ("Brynäs IF vann med 3–1 mot Linköping HC i Gävle på lördagen.\n\n"
            "Efter matchen kritiserade Vallentuna kommun och Sverigedemokraterna (SD) beslutet.")
    article = Article(article_id="t", source="t.txt", text=text)
    rows = doc_rows(article, nlp(text))
    linked = {r["name"]: r["lexicon_id"] for r in rows["entities"]}
    assert linked.get("Brynäs IF") == "club:brynas-if"
    assert linked.get("Linköping HC") == "club:linkoping-hc"
    assert linked.get("Gävle") == "se-kommun:2180"
    assert linked.get("Vallentuna kommun") == "se-kommun:0115:org"
    assert linked.get("Sverigedemokraterna") == "party:SD"


def test_municipalities_that_are_words_or_names_are_not_forced(nlp):
    """The ruler knows all municipalities except those that are ordinary words or names."""
    doc = nlp("Hon flyttade till Vallentuna förra året. Vara kommun har svarat.")
    ents = {(e.text, e.label_) for e in doc.ents}
    assert ("Vallentuna", "LOC") in ents and ("Vara kommun", "ORG") in ents
    with nlp.select_pipes(enable=["entity_ruler"]):  # the ruler alone: the model may still say LOC
        doc = nlp("Det får inte vara så. Mark och Nora kom hem. Vara är en ort.")
    assert not list(doc.spans["gazetteer"])
    with nlp.select_pipes(enable=["entity_ruler"]):
        doc = nlp("Hon flyttade till Vallentuna.")
    assert [s.text for s in doc.spans["gazetteer"]] == ["Vallentuna"]


def test_courts_and_outlet_abbreviations_are_organisations(nlp):
    ents = {(e.text, e.label_) for e in nlp("Göta hovrätt fastställde domen på tisdagen, skriver Di.").ents}
    assert ("Göta hovrätt", "ORG") in ents and ("Di", "ORG") in ents
    doc = nlp("Högsta domstolen prövar inte målet. Hovrätten för Västra Sverige dömde honom i maj.")
    assert {("Högsta domstolen", "ORG"), ("Hovrätten för Västra Sverige", "ORG")} <= {(e.text, e.label_) for e in doc.ents}


def test_state_bodies_written_in_lower_case_are_organisations_and_kind_nouns_are_not(nlp):
    """Swedish writes ``riksdagen`` and ``utrikesdepartementet`` in lower case: they are names
    (ORG); ``regeringen`` and a capitalised ``Polisen`` name an institution by its kind: no entity."""
    doc = nlp("Lagen röstades igenom i riksdagen i går. Frågan gick sedan till utrikesdepartementet.")
    assert {("riksdagen", "ORG"), ("utrikesdepartementet", "ORG")} <= {(e.text, e.label_) for e in doc.ents}
    doc = nlp("Polisen spärrade av gatan i natt. Regeringen vill inte kommentera, och polisen "
              "i Umeå säger ingenting. Beslutet fattades av länsstyrelsen i Västerbottens län.")
    ents = {(e.text, e.label_) for e in doc.ents}
    assert not {t for t, _ in ents} & {"Polisen", "Regeringen", "polisen"}
    assert ("länsstyrelsen i Västerbottens län", "ORG") in ents and ("Västerbottens län", "LOC") not in ents


def test_the_parse_decides_whether_a_name_ending_in_s_is_a_genitive(nlp):
    """``Per Hellmyrs flippade``: the name's subject, not a genitive, keeps its -s;
    ``Anna Anderssons besked``: a genitive (``nmod:poss``) loses it."""
    def names(text):
        return {c.name for c in nlp(text)._.entity_clusters if c.label == "PER"}

    assert "Per Hellmyrs" in names("Matchen var jämn länge. Spelgeniet Per Hellmyrs flippade in bollen på ett frislag.")
    assert "Marieke Aalders" in names("Arbetet fortsätter i dag. Osteopaten Marieke Aalders rengör ben som hittats.")
    assert "Anna Andersson" in names("Frågan ställdes till Anna Anderssons regering i går.")
    assert "Vladimir Putin" in names("Under tisdagen kom Vladimir Putins besked om mobilisering.")


def test_nothing_after_a_site_footer_is_a_mention_and_a_long_tail_is_a_warning(nlp):
    article = ("Kommunen höjer skatten\n\nKommunfullmäktige i Vara beslutade i går att höja skatten, berättar "
               "Anna Ek (S) för tidningen.\n\n")
    footer = ("Så arbetar vi\n\nSVT:s nyheter ska stå för saklighet och opartiskhet.\n\nMer i ämnet\n\n"
              "Lars Berg (M) kritiserar budgeten\n\nV och MP vill ha mer till skolan\n")
    doc = nlp(article + footer)
    assert [(e.text, e.label_) for e in doc.ents] == [("Anna Ek", "PER"), ("S", "ORG")]
    assert not doc._.warnings  # a footer's links: nothing to warn about
    more = "\n\n".join(["Regeringen presenterade i dag en ny budget för skolan och vården i hela landet."] * 30)
    doc = nlp(article + footer + "\n" + more + "\n")
    (warning,) = doc._.warnings
    assert warning.startswith("4") and "words after the site footer 'Så arbetar vi'" in warning
    assert all(e.start_char < len(article) for e in doc.ents)
