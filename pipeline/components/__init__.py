"""The pipeline's own spaCy components, one module each. Importing this package
registers their factories (so does the ``spacy_factories`` entry point).

    news_layout      layout.py           paragraphs, headings, title, boilerplate, sentence starts
    entity_ruler     (spaCy's)           well-known names, built into the model by train-ner
    ruler_guard      ruler_guard.py      a ruler match inside a longer capitalised name goes to the model
    tok2vec, ner     (spaCy's)           the trained statistical model
    ner_repair       ner_repair.py       Swedish-news repairs of doc.ents (retokenizes routes)
    entity_clusters  entity_clusters.py  canonical entities: doc._.entity_clusters, ent.kb_id_
    attribution_parser  attribution_parser.py  tagger + parser of the sentences that can attribute
                                        a quote: doc._.syntax
    quotes           quotes/             doc.spans["quotes"] with speakers
    speaker_ranker   speaker_ranker.py   a trained model re-decides each quote's speaker among
                                        the article's people and organisations

Each reads and writes the ``Doc`` only and declares what it assigns and requires.
"""

from . import attribution_parser, entity_clusters, layout, ner_repair, ruler_guard, speaker_ranker
from .quotes import component

PIPELINE = ("news_layout", "entity_ruler", "ruler_guard", "tok2vec", "ner", "ner_repair", "entity_clusters",
            "attribution_parser", "quotes", "speaker_ranker")
__all__ = ["PIPELINE", "attribution_parser", "component", "entity_clusters", "layout", "ner_repair", "ruler_guard", "speaker_ranker"]
