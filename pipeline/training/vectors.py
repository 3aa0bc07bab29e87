"""``build-vectors``: static word vectors for the parser, from the Riksdag interpellations.

floret vectors (fastText with subword hashing, so unseen words still get a vector:
``pip install floret``) trained on ``../shared/data/text/riksdag-interpellations.txt.xz``
(5.5 million words of political prose, public documents of the Riksdag; the text itself
is never shipped), tokenized with spaCy's Swedish tokenizer, then converted with
``spacy init vectors --mode floret``. 20,000 hash rows x 96 dimensions: 7.5 MB.
"""

from __future__ import annotations

import lzma
import subprocess
import sys
from pathlib import Path

from .corpora import shared_data_dir

TEXT = "riksdag-interpellations.txt.xz"
# floret 0.10 takes no seed (fastText's own "seed" option is not in its wrapper) and trains on
# two threads, so two builds differ slightly; the shipped vectors are the ones in the model.
SETTINGS = {"model": "cbow", "mode": "floret", "hashCount": 2, "bucket": 20000, "minn": 4, "maxn": 5,
            "minCount": 3, "dim": 96, "epoch": 5, "thread": 2, "lr": 0.05}


def build_vectors(out: Path, text_dir: Path | None = None, workdir: Path | None = None,
                  rows: int | None = None, dim: int | None = None) -> Path:
    """Train floret vectors on the Riksdag text and write a spaCy vectors folder to ``out``
    (``rows`` hash rows of ``dim`` dimensions; by default the parser's, ``SETTINGS``)."""
    import floret
    from spacy.lang.sv import Swedish

    source = Path(text_dir or shared_data_dir("text")) / TEXT
    if not source.exists():
        raise FileNotFoundError(f"text corpus not found: {source} (give --text DIR: a folder holding {TEXT})")
    work = Path(workdir or out.parent / (out.name + "-work"))
    work.mkdir(parents=True, exist_ok=True)
    corpus = work / "corpus.txt"
    tokenizer = Swedish().tokenizer
    with lzma.open(source, "rt", encoding="utf-8") as fh, corpus.open("w", encoding="utf-8") as outfh:
        for line in fh:
            if line.strip():
                outfh.write(" ".join(t.text for t in tokenizer(line.strip()) if not t.is_space) + "\n")
    settings = {**SETTINGS, "bucket": rows or SETTINGS["bucket"], "dim": dim or SETTINGS["dim"]}
    model = floret.train_unsupervised(str(corpus), verbose=0, **settings)
    model.save_floret_vectors(str(work / "vectors.floret"))
    subprocess.run([sys.executable, "-m", "spacy", "init", "vectors", "sv", str(work / "vectors.floret"), str(out),
                    "--mode", "floret"], check=True, capture_output=True)
    return out
