"""``language_data``: the Swedish word lists and patterns the rule components read, saved
with the model so that the model folder is the whole truth.

The components read their language data through :mod:`pipeline.lexicon` (``rows``,
``words``, ``jsonl`` …). At build time (``train-ner``, ``train-ner --rules-only``) this
component's :meth:`LanguageData.initialize` takes a copy of every file the pipeline reads
at run time from ``pipeline/data/`` (``RUN_TIME_FILES``); :meth:`to_disk` writes them into
the model folder (``language_data/``, the files as they are) and :meth:`from_disk` installs
them into the loader (:func:`pipeline.lexicon.install`), so ``spacy.load`` of a copied model
folder reads its own lists, not the package's. It comes right after the ``entity_ruler``
(which reads no data file and whose patterns then need only the tokenizer) and before
every component that reads one, so its files are installed before they load; it does
nothing to a Doc. A rule or word-list
edit in ``pipeline/data/`` therefore needs ``train-ner --rules-only`` to reach the model,
as an edit of an ``EntityRuler``'s patterns does in spaCy.

One process holds one installed set: the last model loaded wins (models built from the
same package hold the same files).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .. import lexicon

# Every data file a component, the linking of entities to the name lexicon or the layout
# reads while a Doc is processed (the ingest's language check and the build commands read
# the package's own copies).
RUN_TIME_FILES = (
    "boilerplate.tsv", "clubs_sv.tsv", "countries_sv.tsv", "first_names_sv.tsv", "gazetteer.tsv", "name_aliases.tsv",
    "names.tsv", "names_ending_in_s.txt", "org_heads.txt", "org_name_words.txt", "org_nouns.tsv", "parties.tsv",
    "place_words.txt", "quote_cues.jsonl", "roles.txt", "speaker_words.tsv", "speech_verbs.txt", "surnames_sv.tsv",
    "swedish_words.tsv", "team_context.tsv",
)


@Language.factory("language_data", assigns=[], requires=[])
def make_language_data(nlp: Language, name: str) -> "LanguageData":
    return LanguageData()


class LanguageData:
    def __init__(self) -> None:
        self.files: dict[str, str] = {}

    def __call__(self, doc: Doc) -> Doc:
        return doc

    def initialize(self, get_examples: Callable[[], Iterable[Any]] | None = None, *, nlp: Language | None = None,
                   files: dict[str, str] | None = None) -> None:
        """Take the files (default: the package's copies of ``RUN_TIME_FILES``)."""
        self.files = dict(files) if files is not None else {n: lexicon.package_text(n) for n in RUN_TIME_FILES}
        lexicon.install(self.files)

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        for name, text in sorted(self.files.items()):
            (path / name).write_text(text, encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "LanguageData":
        path = Path(path)
        missing = [n for n in RUN_TIME_FILES if not (path / n).is_file()]
        if missing:
            raise ValueError(f"language_data: {path} lacks {', '.join(missing)}; rebuild the model with "
                             "`python -m pipeline train-ner --rules-only`")
        self.files = {n: (path / n).read_text(encoding="utf-8") for n in RUN_TIME_FILES}
        lexicon.install(self.files)
        return self
