"""The pipeline's own spaCy components, one module each. Importing this package
registers their factories (so does the ``spacy_factories`` entry point).

    entity_ruler     (spaCy's span_ruler) well-known names into doc.spans["gazetteer"], built into
                                        the model by train-ner
    language_data    language_data.py    the word lists and patterns of pipeline/data/ the rules read,
                                        saved with the model and installed when it loads
    news_layout      layout.py           paragraphs, headings, title, boilerplate, sentence starts
    tok2vec, ner     (spaCy's)           the trained statistical model
    gazetteer_merge  gazetteer_merge.py  the gazetteer's names joined to the model's entities
    ner_repair       ner_repair.py       Swedish-news repairs of doc.ents (retokenizes routes)
    entity_clusters  entity_clusters.py  canonical entities: doc._.entity_clusters, ent.kb_id_
    entity_typer     entity_typer.py     a trained model re-decides each entity's type (or drops it)
                                        from all its mentions and the article
    attribution_parser  attribution_parser.py  tagger + parser of the sentences that can attribute
                                        a quote: doc._.syntax
    quotes           quotes/             doc.spans["quotes"] with speakers
    speaker_ranker   speaker_ranker.py   a trained model re-decides each quote's speaker among
                                        the article's people and organisations

Each reads and writes the ``Doc`` only and declares what it assigns and requires.
"""

from . import (attribution_parser, entity_clusters, entity_typer, gazetteer_merge, language_data, layout, ner_repair,
               speaker_ranker)
from .quotes import component

PIPELINE = ("entity_ruler", "language_data", "news_layout", "tok2vec", "ner", "gazetteer_merge", "ner_repair",
            "attribution_parser", "entity_clusters", "entity_typer", "quotes", "speaker_ranker")
__all__ = ["PIPELINE", "attribution_parser", "component", "entity_clusters", "entity_typer", "gazetteer_merge", "language_data", "layout", "ner_repair", "speaker_ranker"]
