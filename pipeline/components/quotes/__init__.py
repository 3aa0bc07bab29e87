"""The quote stage: cue patterns (:mod:`.cues`), speaker resolution (:mod:`.speakers`),
the paragraph walk (:mod:`.discourse`) and the spaCy component (:mod:`.component`)."""

from .component import Quotes, make_quotes

__all__ = ["Quotes", "make_quotes"]
