"""``entity_clusters``: the article's canonical entities.

Groups ``doc.ents`` into :class:`pipeline.entities.EntityCluster` objects (genitives
removed, surnames and short forms joined to the full name; rules in
:mod:`pipeline.entities`), stores them in ``doc._.entity_clusters`` and sets each
mention's ``ent.kb_id_`` to its entity id (``PER:niklas-swanstrom``). A mention takes its
entity's label: a surname the model tagged ORG is still the person.

Typing in context: in a sports article (three sports words from ``team_context.tsv``), a
place the article treats as a team at least once (``Helsingborg vann``, ``mot Kalmar``,
``Kalmars tränare``, ``Växjös Joakim Fagervall``) is the club, ORG, in every mention (one label per entity per
article); elsewhere the town stays LOC. A team's short form and the club's full name in
one article (``Kalmar`` … ``Kalmar FF``) are one entity, the club; so are an abbreviation
and the name it is defined for (``Myndigheten för samhällsskydd och beredskap (MSB)``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.training import Example

from ..entities import EntityCluster, Mention, cluster_mentions, entity_id
from ..lexicon import gazetteer, swedish_places, word_classes
from ..lexicon import words as lexicon_words
from ..linking import link
from ..swedish import may_be_genitive
from .layout import token_texts
from .scoring import score_entities

TEAM_CONTEXT = "team_context.tsv"
ORG_HEADS = "org_heads.txt"
MIN_SPORT_WORDS = 3  # sport words (team_context.tsv) that make an article a sports article

if not Doc.has_extension("entity_clusters"):
    Doc.set_extension("entity_clusters", default=())


@Language.factory(
    "entity_clusters",
    assigns=["doc.ents", "doc._.entity_clusters", "token.ent_kb_id", "token.ent_type"],
    requires=["doc.ents", "token.is_sent_start"],
    default_config={"min_sport_words": MIN_SPORT_WORDS},
)
def make_entity_clusters(nlp: Language, name: str, min_sport_words: int) -> "EntityClusters":
    return EntityClusters(min_sport_words)


class EntityClusters:
    """Mentions -> canonical entities (:mod:`pipeline.entities`), each linked to the name
    lexicon (``cluster.lexicon_id``, :mod:`pipeline.linking`); a place in team context in a
    sports article (``min_sport_words`` sport words) is its club."""

    def __init__(self, min_sport_words: int = MIN_SPORT_WORDS):
        self.min_sport_words = min_sport_words

    def score(self, examples: Iterable[Example], **kwargs: Any) -> dict[str, Any]:
        """``ents_p``/``ents_r``/``ents_f``/``ents_per_type`` of the entities after this step."""
        return score_entities(examples, **kwargs)

    def __call__(self, doc: Doc) -> Doc:
        mentions = [Mention(e.text, e.label_, e.start_char, e.end_char, _next_word(doc, e)) for e in doc.ents]
        found = cluster_mentions(mentions, abbreviation_definitions(doc))
        sports = is_sports_article(doc, self.min_sport_words)
        clusters = merge_linked([replace(c, lexicon_id=link(c.label, c.name, c.aliases))
                                 for c in merge_club_short_forms([team_as_organisation(doc, c, sports) for c in found])])
        by_start = {m.start: c for c in clusters for m in c.mentions}
        doc.ents = [
            Span(doc, e.start, e.end, label=by_start[e.start_char].label, kb_id=by_start[e.start_char].entity_id)
            for e in doc.ents
        ]
        doc._.entity_clusters = tuple(clusters)
        return doc


def is_sports_article(doc: Doc, min_sport_words: int = MIN_SPORT_WORDS) -> bool:
    sport = word_classes(TEAM_CONTEXT)["sport"]
    return sum(1 for t in token_texts(doc) if t in sport) >= min_sport_words


def team_as_organisation(doc: Doc, cluster: EntityCluster, sports: bool) -> EntityCluster:
    """A place cluster with a mention in team context, in a sports article, as ORG. A
    country or foreign place the gazetteer knows stays LOC: a country playing as a
    national team is the country (the dev set's convention)."""
    words = word_classes(TEAM_CONTEXT)
    if cluster.label != "LOC" or not sports or _known_non_swedish_place(cluster.name) \
            or not any(_team_mention(doc, m, words) for m in cluster.mentions):
        return cluster
    return replace(cluster, label="ORG", entity_id=entity_id("ORG", cluster.name))


def abbreviation_definitions(doc: Doc) -> dict[str, str]:
    """``Myndigheten för samhällsskydd och beredskap (MSB)``: ``MSB`` -> the name before it
    (an organisation, and the abbreviation starts with the name's first letter; a party
    letter after a person, ``Anna Ek (S)``, is no definition)."""
    ents = list(doc.ents)
    out = {}
    for a, b in zip(ents, ents[1:]):
        if a.label_ == "ORG" and b.start == a.end + 1 and doc[a.end].text == "(" and b.end < len(doc) \
                and doc[b.end].text == ")" and b.text.isupper() and 2 <= len(b.text) <= 6 \
                and b.text[0] == a.text[0].upper():
            out[b.text] = a.text
    return out


def merge_club_short_forms(clusters: list[EntityCluster]) -> list[EntityCluster]:
    """``Kalmar`` (the team) and ``Kalmar FF`` in one article are one club, ``Kalmar FF``."""
    heads = lexicon_words(ORG_HEADS)
    full = {c.name.split()[0]: c for c in clusters
            if c.label == "ORG" and len(c.name.split()) == 2 and c.name.split()[1] in heads}
    out, merged = [], {}
    for c in clusters:
        owner = full.get(c.name) if c.label == "ORG" and len(c.name.split()) == 1 else None
        if owner is None:
            out.append(c)
            continue
        merged.setdefault(owner.entity_id, []).append(c)
    result = []
    for c in out:
        extra = merged.get(c.entity_id, [])
        if extra:
            mentions = tuple(sorted(c.mentions + tuple(m for x in extra for m in x.mentions), key=lambda m: m.start))
            aliases = tuple(dict.fromkeys(m.text for m in mentions if m.text != c.name))
            c = replace(c, mentions=mentions, aliases=aliases)
        result.append(c)
    return result


def merge_linked(clusters: list[EntityCluster]) -> list[EntityCluster]:
    """Two names of one lexicon entry in one article are one entity (``UD`` and
    ``utrikesdepartementet``, ``Säpo`` and ``Säkerhetspolisen``: ``name_aliases.tsv``): the
    fullest name is the entity's (most words, then most letters; the annotation convention),
    the other its alias."""
    groups: dict[tuple[str, str], list[EntityCluster]] = {}
    for c in clusters:
        if c.lexicon_id:
            groups.setdefault((c.label, c.lexicon_id), []).append(c)
    out = []
    for c in clusters:
        group = groups.get((c.label, c.lexicon_id), [c]) if c.lexicon_id else [c]
        if len(group) == 1:
            out.append(c)
            continue
        keep = max(group, key=lambda g: (len(g.name.split()), len(g.name), -g.mentions[0].start))
        if c is not keep:
            continue
        mentions = tuple(sorted((m for g in group for m in g.mentions), key=lambda m: m.start))
        aliases = tuple(dict.fromkeys([*(a for g in group for a in (g.name, *g.aliases)),
                                       *(m.text for m in mentions)]))
        out.append(replace(c, mentions=mentions, aliases=tuple(a for a in aliases if a != c.name)))
    return out


def _known_non_swedish_place(name: str) -> bool:
    return name in gazetteer() and name not in swedish_places()


def _team_mention(doc: Doc, m: Mention, words: dict[str, frozenset[str]]) -> bool:
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    before = doc[span.start - 1].text if span.start > 0 else ""
    after = doc[span.end].text if span.end < len(doc) else ""
    genitive = may_be_genitive(m.text)
    # "Växjös Joakim Fagervall": a town's genitive before a player's name is the team's
    player = genitive and span.end < len(doc) and doc[span.end].ent_iob_ == "B" and doc[span.end].ent_type_ == "PER"
    return before in words["before"] or after in words["after"] or genitive and after in words["role"] or player


def _next_word(doc: Doc, ent: Span) -> str | None:
    """The word after ``ent`` in its sentence, or None (end of sentence or paragraph, or a
    parse that gives the name another relation than the genitive's ``nmod:poss``: ``Per
    Hellmyrs flippade in bollen``): a Swedish genitive stands before the noun it qualifies."""
    i = ent.end
    if i >= len(doc) or doc[i].is_space or doc[i].is_sent_start:
        return None
    syntax = doc._.syntax if Doc.has_extension("syntax") else None
    if syntax is not None and syntax.genitive(ent.start) is False:
        return None
    return doc[i].text
