"""Swedish news extraction: entities and quotes from scraped news articles.

    >>> import pipeline
    >>> nlp = pipeline.load()
    >>> doc = nlp("– Det är allvarligt, säger Niklas Swanström, statsvetare.")
    >>> [(q.text, q._.speaker_name) for q in doc.spans["quotes"]]
    [('Det är allvarligt', 'Niklas Swanström')]

The shipped model folder holds the whole pipeline (``entity_ruler -> news_layout ->
tok2vec -> ner -> gazetteer_merge -> ner_repair -> attribution_parser -> entity_clusters ->
quotes -> speaker_ranker``), so ``spacy.load(MODEL_DIR)`` returns the same as :func:`load`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

__version__ = "0.1.0"
MODEL_DIR = Path(__file__).resolve().parent / "models" / "sv_news_ner"


def load(model: str | Path = MODEL_DIR) -> "Language":
    """The full pipeline as a spaCy ``Language`` (default: the model shipped in the package)."""
    import spacy

    from . import components  # noqa: F401  (registers the component factories)

    return spacy.load(model)
