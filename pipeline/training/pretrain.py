"""``pretrain-ner``: pretrain the NER model's tok2vec on the Riksdag text (spaCy's
``spacy pretrain``, character objective), for ``train-ner --init-tok2vec``.

The two NER corpora hold about 11,000 sentences; the Riksdag interpellations
(``../shared/data/text``, 5.5 million words of public political prose, never shipped)
teach the CNN what Swedish words look like in context: it learns to predict the first
and last characters of each word from its neighbours (``spacy.PretrainCharacters.v1``).
The tok2vec architecture is the one in ``ner.cfg``, so the weights load into training
unchanged. Each epoch writes ``modelN.bin`` into the output folder.
"""

from __future__ import annotations

import json
import lzma
from pathlib import Path

from .corpora import shared_data_dir
from .ner import CONFIG
from .vectors import TEXT

PRETRAINING = {
    "max_epochs": 4,
    "dropout": 0.2,
    "n_save_every": None,
    "n_save_epoch": None,
    "component": "tok2vec",
    "layer": "",
    "corpus": "corpora.pretrain",
    "batcher": {"@batchers": "spacy.batch_by_words.v1", "size": 3000, "discard_oversize": False,
                "tolerance": 0.2, "get_length": None},
    "objective": {"@architectures": "spacy.PretrainCharacters.v1", "maxout_pieces": 3, "hidden_size": 300,
                  "n_characters": 4},
    "optimizer": {"@optimizers": "Adam.v1", "beta1": 0.9, "beta2": 0.999, "L2_is_weight_decay": True,
                  "L2": 0.01, "grad_clip": 1.0, "use_averages": True, "eps": 1e-8, "learn_rate": 0.001},
}


def write_raw_text(out: Path, text_dir: Path | None = None, max_words: int | None = None) -> int:
    """The Riksdag text as JSONL (``{"text": paragraph}``), paragraphs of 8+ words; returns words written."""
    source = Path(text_dir or shared_data_dir("text")) / TEXT
    if not source.exists():
        raise FileNotFoundError(f"text corpus not found: {source} (give --text DIR: a folder holding {TEXT})")
    words = 0
    with lzma.open(source, "rt", encoding="utf-8") as fh, out.open("w", encoding="utf-8") as outfh:
        for line in fh:
            n = len(line.split())
            if n < 8:
                continue  # headers, reference lines
            outfh.write(json.dumps({"text": line.strip()}, ensure_ascii=False) + "\n")
            words += n
            if max_words and words >= max_words:
                break
    return words


def pretrain_tok2vec(out: Path, text_dir: Path | None = None, epochs: int = 4, max_words: int | None = None,
                     vectors: Path | None = None, seed: int = 42) -> Path:
    """Run spaCy's pretraining with ``ner.cfg``'s tok2vec; returns the last weights file.

    ``vectors``: the static vectors ``train-ner`` will give the model (a spaCy folder with
    vectors, e.g. the attribution parser's): the tok2vec then reads them here too, so the
    weights have the shape ``train-ner --vectors`` builds (the shipped model's).
    """
    from spacy.training.pretrain import pretrain
    from spacy.util import load_config
    from thinc.api import Config

    out.mkdir(parents=True, exist_ok=True)
    raw = out / "raw_text.jsonl"
    words = write_raw_text(raw, text_dir, max_words)
    print(f"pretraining text: {words:,} words")
    config = Config().from_disk(CONFIG, interpolate=False)  # ${paths.vectors} stays a reference
    config["paths"]["raw_text"] = str(raw)
    config["corpora"]["pretrain"] = {"@readers": "spacy.JsonlCorpus.v1", "path": "${paths.raw_text}",
                                     "min_length": 5, "max_length": 500, "limit": 0}
    config["pretraining"] = dict(PRETRAINING, max_epochs=epochs)
    config["system"]["seed"] = seed
    if vectors is not None:
        config["paths"]["vectors"] = str(vectors)
        config["components"]["tok2vec"]["model"]["embed"]["include_static_vectors"] = True
    config_path = out / "pretrain.cfg"
    config.to_disk(config_path)
    (out / "weights").mkdir(exist_ok=True)
    pretrain(load_config(config_path, interpolate=False).interpolate(), out / "weights", use_gpu=-1, silent=False)
    last = out / "weights" / "model-last.bin"
    if not last.exists():
        raise RuntimeError("pretraining wrote no weights")
    return last


def with_pretraining(config: Path, out: Path) -> Path:
    """``config`` written to ``out`` with its ``[pretraining]`` section filled in.

    spaCy loads ``[initialize] init_tok2vec`` only when the config has a pretraining
    section (it names the component whose tok2vec takes the weights); ``ner.cfg`` leaves
    it empty, so without this the weights were silently not loaded.
    """
    from thinc.api import Config

    cfg = Config().from_disk(config, interpolate=False)
    cfg["pretraining"] = dict(PRETRAINING)
    cfg.to_disk(out)
    return out
