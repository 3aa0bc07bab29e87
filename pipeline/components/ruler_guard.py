"""``ruler_guard``: a gazetteer place that is only part of a longer name goes back to the model.

The entity ruler runs before ``ner`` so that well-known names get the right label
(``FN:s`` is ORG, ``Nordkoreas`` LOC), and ``ner`` respects its matches. But a place
name is often the first or last word of a longer name: a newspaper (``Hallands
Nyheter``, ``Värmlands Folkblad``), a club (``Real Madrid``, ``Manchester City``,
``Umeå Mark``), a radio station (``P4 Göteborg``), an organisation (``Sveriges
Byggindustrier``), a road project (``Förbifart Stockholm``). Swedish writes every word
of such a name capitalised, so a match with a capitalised word (or a word with a digit)
right before or after it inside the sentence is taken away from the ruler's output and
the statistical model labels the whole name. A match at a sentence start, before
lower-case words, punctuation or an abbreviation compound (``Ukrainas EU-process``), or
of a multi-word pattern that is itself the full name (``Kalmar FF``, ``Sveriges
Radio``) stays; so do organisations (``Northvolt Ett`` is Northvolt's factory, and the
company must not become part of it).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..lexicon import GAZETTEER_ID


@Language.factory(
    "ruler_guard",
    assigns=["doc.ents"],
    requires=["doc.ents", "token.is_sent_start"],
)
def make_ruler_guard(nlp: Language, name: str) -> RulerGuard:
    return RulerGuard()


def _name_word(token: Token) -> bool:
    """A word that continues a name: capitalised, all capitals or with a digit (``P4``);
    not a compound with an abbreviation first (``EU-process``, ``FN-rapport``: nouns)."""
    text = token.text
    if "-" in text and text.rsplit("-", 1)[1][:1].islower():
        return False
    return text[:1].isupper() and any(c.isalpha() for c in text) or any(c.isdigit() for c in text) and \
        any(c.isalpha() for c in text)


class RulerGuard:
    def __call__(self, doc: Doc) -> Doc:
        kept: list[Span] = []
        released: list[Span] = []
        for ent in doc.ents:
            if ent.ent_id_ == GAZETTEER_ID and ent.label_ == "LOC" and self._part_of_longer_name(doc, ent):
                released.append(ent)
            else:
                kept.append(ent)
        if released:  # missing, not "O": the model may put them in a longer name
            doc.set_ents(kept, missing=released, default="unmodified")
        return doc

    @staticmethod
    def _part_of_longer_name(doc: Doc, ent: Span) -> bool:
        if ent.end < len(doc):
            after = doc[ent.end]
            if not after.is_sent_start and _name_word(after) and not after.is_punct:
                return True
        if ent.start > 0 and not ent[0].is_sent_start:
            before = doc[ent.start - 1]
            if _name_word(before) and not before.is_punct and not before.is_sent_start:
                return True
        return False
