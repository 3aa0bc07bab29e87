"""``entity_clusters``: the article's canonical entities.

Groups ``doc.ents`` into :class:`pipeline.entities.EntityCluster` objects (genitives
removed, surnames and short forms joined to the full name; rules in
:mod:`pipeline.entities`), stores them in ``doc._.entity_clusters`` and sets each
mention's ``ent.kb_id_`` to its entity id (``PER:niklas-swanstrom``). A mention takes its
entity's label: a surname the model tagged ORG is still the person.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..entities import Mention, cluster_mentions

if not Doc.has_extension("entity_clusters"):
    Doc.set_extension("entity_clusters", default=())


@Language.factory(
    "entity_clusters",
    assigns=["doc.ents", "doc._.entity_clusters", "token.ent_kb_id", "token.ent_type"],
    requires=["doc.ents", "token.is_sent_start"],
)
def make_entity_clusters(nlp: Language, name: str) -> "EntityClusters":
    return EntityClusters()


class EntityClusters:
    def __call__(self, doc: Doc) -> Doc:
        mentions = [Mention(e.text, e.label_, e.start_char, e.end_char, _next_word(doc, e)) for e in doc.ents]
        clusters = cluster_mentions(mentions)
        by_start = {m.start: c for c in clusters for m in c.mentions}
        doc.ents = [
            Span(doc, e.start, e.end, label=by_start[e.start_char].label, kb_id=by_start[e.start_char].entity_id)
            for e in doc.ents
        ]
        doc._.entity_clusters = tuple(clusters)
        return doc


def _next_word(doc: Doc, ent: Span) -> str | None:
    """The word after ``ent`` in its sentence, or None (end of sentence or paragraph):
    a Swedish genitive stands before the noun it qualifies."""
    i = ent.end
    if i >= len(doc) or doc[i].is_space or doc[i].is_sent_start:
        return None
    return doc[i].text
