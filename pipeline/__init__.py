"""Swedish news extraction: entities and quotes from scraped news articles.

    >>> import pipeline
    >>> nlp = pipeline.load()
    >>> doc = nlp("– Det är allvarligt, säger Niklas Swanström, statsvetare.")
    >>> [(e.text, e.label_, e.kb_id_) for e in doc.ents]
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

__version__ = "0.1.0"
MODEL_DIR = Path(__file__).resolve().parent / "models" / "sv_news_ner"


def load(model: str | Path = MODEL_DIR) -> "Language":
    """The full pipeline as a spaCy ``Language``: layout, NER, entity clusters, quotes.

    ``model`` is the trained NER folder (default: the one shipped in the package).
    """
    import spacy

    from . import components, quotes  # noqa: F401  (registers the component factories)

    nlp = spacy.load(model)
    nlp.add_pipe("news_layout", first=True)
    nlp.add_pipe("clean_entities", config={"model_dir": str(model)})
    nlp.add_pipe("entity_clusters")
    nlp.add_pipe("quotes")
    return nlp
