"""Command line: ``python -m pipeline {run,show,remove,sql,report,evaluate,train-ner,evaluate-ner,
train-parser,evaluate-parser,build-vectors,build-lexicons} ...`` (installed also as ``svnews``).

Parses arguments, calls the library and maps its exceptions to exit codes: 0 done,
1 nothing could be processed / not found, 2 bad usage, missing input or no corpus,
3 output folder locked by another run, 130 interrupted (Ctrl-C).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def _cmd_run(args: argparse.Namespace) -> int:
    from .run import run

    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    unknown = set(formats) - {"parquet", "csv"}
    if unknown:
        print(f"error: unknown format(s) {', '.join(sorted(unknown))}; use parquet and/or csv", file=sys.stderr)
        return 2
    if not any(Path(p).exists() for p in args.inputs):
        for p in args.inputs:
            print(f"error: {p}: no such file or folder", file=sys.stderr)
        return 2
    inputs = list(args.inputs)  # a missing one next to good ones is an error row of this run
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        print(f"error: --out {out} is a file, not a folder", file=sys.stderr)
        return 2
    from .lock import OutputLocked
    from .run import NoInput

    try:
        summary = run(inputs, out, formats, progress=not args.quiet, workers=args.workers,
                      engine=args.engine, scheduler=args.scheduler, force=args.force, replace=args.replace,
                      outlet=args.outlet.strip() if args.outlet and args.outlet.strip() else None)
    except OutputLocked as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    except NoInput as exc:
        print(f"error: {exc}; {args.out} left as it was", file=sys.stderr)
        return 2
    except OSError as exc:  # a read-only place, a folder that cannot be made (/proc/…), a full disk
        print(f"error: cannot write to {args.out} ({exc.strerror or exc})", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"\ninterrupted; nothing of this run was written ({args.out} is as it was)", file=sys.stderr)
        return 130
    print(summary.line() + f" -> {args.out}")
    return 0 if summary.n_ok > 0 else 1


def _corpus_folder(out: str) -> Path | None:
    from .store import DB_NAME

    folder = Path(out)
    if not (folder / DB_NAME).is_file():
        print(f"error: {folder}: no corpus here (no {DB_NAME}; run `python -m pipeline run … --out {out}` first)",
              file=sys.stderr)
        return None
    return folder


def _cmd_remove(args: argparse.Namespace) -> int:
    from .lock import OutputLocked
    from .run import remove_articles

    folder = _corpus_folder(args.out)
    if folder is None:
        return 2
    try:
        removed = remove_articles(folder, args.article_ids)
    except OutputLocked as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    for aid in sorted(set(args.article_ids) - set(removed)):
        print(f"warning: {aid}: not in the corpus", file=sys.stderr)
    print(f"removed {len(removed)} of {len(set(args.article_ids))} article(s) from {folder}")
    return 0 if removed else 1


def _cmd_sql(args: argparse.Namespace) -> int:
    import duckdb

    from .store import connect

    folder = _corpus_folder(args.out)
    if folder is None:
        return 2
    try:
        con = connect(folder, read_only=True)
    except duckdb.IOException as exc:
        print(f"error: {folder}: the corpus is being written by a run; try again when it has finished ({exc})",
              file=sys.stderr)
        return 3
    try:
        result = con.sql(args.query)
        if result is None:
            print("error: the query returned no rows (only SELECT-like queries; the corpus is read-only here)",
                  file=sys.stderr)
            return 2
        df = result.limit(args.limit).df() if args.limit else result.df()
    except duckdb.Error as exc:
        print(f"error: {' '.join(str(exc).split())}", file=sys.stderr)
        return 2
    finally:
        con.close()
    # an empty value is NULL, as in the database (pandas would print None or NaN by column type)
    shown = df.astype(object).where(df.notna(), "NULL")
    print(df.to_csv(index=False) if args.csv else shown.to_string(index=False), end="" if args.csv else "\n")
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    from .report import write_report

    folder = _corpus_folder(args.out)
    if folder is None:
        return 2
    import duckdb

    try:
        page = write_report(folder, Path(args.html) if args.html else None)
    except duckdb.IOException as exc:
        print(f"error: {folder}: the corpus is being written by a run; try again when it has finished ({exc})",
              file=sys.stderr)
        return 3
    print(f"report written to {page}")
    return 0


def _cmd_evaluate(args: argparse.Namespace) -> int:
    import json

    from .evaluate import PARTS, evaluate_parts, format_results

    results = evaluate_parts(Path(args.gold), Path(args.out) if args.out else None, PARTS)
    res, counts = results[args.part]
    if args.json:
        print(json.dumps(res))
    else:
        for part in PARTS:
            print(f"{part}: {format_results(results[part][0])}")
    if args.errors:
        for e in counts.errors:
            print("\t".join(str(e.get(k, "")) for k in ("article_id", "kind", "label", "text", "gold_speaker", "speaker")))
    return 0


def _vectors_option(value: str | None) -> Path | str | None:
    """train-ner/cross-validate --vectors: 'parser', 'none' or a vectors folder."""
    if value in (None, "none"):
        return None
    return value if value == "parser" else Path(value)


def _cmd_train(args: argparse.Namespace) -> int:
    from .training.ner import MODEL_DIR, finish_model, train_ner

    if args.rules_only:
        out = finish_model(Path(args.output) if args.output else MODEL_DIR, Path(args.data) if args.data else None,
                           parser=Path(args.parser) if args.parser else None, evaluate=not args.no_evaluate)
        print(f"rules, word list and model card rebuilt in {out}")
        return 0
    news = None if args.no_news else _news_folder(args.news)
    out = train_ner(
        output=Path(args.output) if args.output else MODEL_DIR,
        data_dir=Path(args.data) if args.data else None,
        max_steps=args.max_steps,
        limit=args.limit,
        workdir=Path(args.workdir) if args.workdir else None,
        vectors=_vectors_option(args.vectors),
        pud_in_train=args.pud_in_train,
        augment=args.entity_swaps,
        init_tok2vec=Path(args.init_tok2vec) if args.init_tok2vec else None,
        news=news,
        news_weight=args.news_weight,
        news_exclude=_fold_articles(news, args.news_fold) if news and args.news_fold else frozenset(),
        parser=Path(args.parser) if args.parser else None,
        evaluate=not args.no_evaluate,
        seed=args.seed,
        joint=args.joint,
    )
    print(f"model written to {out}")
    return 0


def _news_folder(given: str | None) -> Path | None:
    """--news, else the shared annotated news (../shared/eval/train) when it is there."""
    from .training.news_gold import shared_eval_dir

    if given:
        if not Path(given).is_dir():
            raise FileNotFoundError(f"annotated news folder not found: {given}")
        return Path(given)
    default = shared_eval_dir("train")
    return default if default.is_dir() else None


def _required_news_folder(given: str | None) -> Path:
    """--gold, else the shared annotated news; an error when there is neither."""
    gold = _news_folder(given)
    if gold is None:
        raise FileNotFoundError("no annotated news found (give --gold DIR: a folder of ID.txt + ID.json files)")
    return gold


def _fold(value: str) -> tuple[int, int]:
    """``I/K`` for --news-fold: fold I (from 0) of K."""
    try:
        i, k = (int(x) for x in value.split("/"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"takes I/K (fold I of K, from 0), not {value!r}") from None
    if not 0 <= i < k:
        raise argparse.ArgumentTypeError(f"{value}: I must be 0 to K-1")
    return i, k


def _fold_articles(news: Path, fold: tuple[int, int]) -> set[str]:
    """The articles of ``--news-fold I/K``, left out of training."""
    from .training.news_gold import held_out

    return held_out(news, *fold)


def _cmd_cross_validate(args: argparse.Namespace) -> int:
    from .training.crossval import cross_validate, train_fold_models

    gold = _required_news_folder(args.gold)
    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    train_fold_models(gold, workdir, args.folds, args.news_weight, args.jobs, max_steps=args.max_steps,
                      vectors=_vectors_option(args.vectors),
                      init_tok2vec=Path(args.init_tok2vec) if args.init_tok2vec else None, joint=args.joint)
    res = cross_validate(gold, workdir, args.folds)
    keys = ("entity_f1", "entity_f1_PER", "entity_f1_ORG", "entity_f1_LOC", "direct_f1", "indirect_r",
            "speaker_acc", "e2e_f1")
    for name in ("without_ranker", "with_ranker"):
        print(f"{name}: " + " ".join(f"{k}={res[name][k]:.3f}" for k in keys))
    print(f"figures and the ranker's examples in {workdir} (crossval.json, examples.jsonl)")
    return 0


def _cmd_train_speakers(args: argparse.Namespace) -> int:
    from .training.ner import MODEL_DIR
    from .training.speakers import train_speakers

    model = Path(args.model) if args.model else MODEL_DIR
    if args.examples:
        if not Path(args.examples).is_file():
            raise FileNotFoundError(f"examples file not found: {args.examples}")
        data = train_speakers(model, folds=args.folds, examples=Path(args.examples))
    else:
        data = train_speakers(model, _required_news_folder(args.gold), folds=args.folds)
    meta = data["meta"]
    for c, cv in meta["cross_validation"].items():
        if cv:
            print(f"C={c}: {args.folds}-fold speaker accuracy on {cv['quotes']} quotes: rules {cv['rules']:.3f}, "
                  f"ranker {cv['ranker']:.3f} (candidates hold the gold speaker for {cv['ceiling']:.3f})")
    print(f"speaker ranker (C={meta['C']}, {len(data['weights'])} features, {meta['quotes']} quotes of "
          f"{meta['articles']} articles) written to {model / 'speaker_ranker'}")
    return 0


def _cmd_train_typer(args: argparse.Namespace) -> int:
    from .training.ner import MODEL_DIR
    from .training.typer import train_typer

    model = Path(args.model) if args.model else MODEL_DIR
    folds = Path(args.folds)
    if not (folds / "crossval.json").is_file():
        raise FileNotFoundError(f"no cross-validate output in {folds} (crossval.json and foldK/)")
    data = train_typer(model, folds, _required_news_folder(args.gold))
    meta = data["meta"]
    print(f"without the typer: entity F1 {meta['without_typer']['entity_f1']:.3f}")
    for c, cv in meta["cross_validation"].items():
        print(f"C={c}: cross-validated entity F1 {cv['entity_f1']:.3f} (P {cv['entity_p']:.3f}, R {cv['entity_r']:.3f})")
    print(f"entity typer (C={meta['C']}, {len(data['weights'])} features, {meta['entities']} entities of "
          f"{meta['articles']} articles) written to {model / 'entity_typer'}")
    return 0


def _cmd_pretrain(args: argparse.Namespace) -> int:
    from .training.pretrain import pretrain_tok2vec

    from .training.ner import MODEL_DIR, PARSER_VECTORS

    vectors = _vectors_option(args.vectors)
    if vectors == PARSER_VECTORS:  # the shipped attribution parser's floret vectors, as train-ner's default
        vectors = MODEL_DIR / "attribution_parser" / "nlp"
    weights = pretrain_tok2vec(Path(args.output), Path(args.text) if args.text else None, args.epochs, args.max_words,
                               vectors=vectors, seed=args.seed)
    print(f"weights written to {weights}; train with: python -m pipeline train-ner --init-tok2vec {weights}")
    return 0


def _cmd_train_parser(args: argparse.Namespace) -> int:
    from .training.parser import train_parser

    out = train_parser(Path(args.output), Path(args.data) if args.data else None, max_steps=args.max_steps,
                       limit=args.limit, workdir=Path(args.workdir) if args.workdir else None,
                       vectors=Path(args.vectors) if args.vectors else None)
    print(f"parser written to {out}; put it into the model with: python -m pipeline train-ner --rules-only "
          f"--parser {out}")
    return 0


def _cmd_evaluate_parser(args: argparse.Namespace) -> int:
    from . import MODEL_DIR
    from .training.parser import evaluate_parser, format_parser_scores

    from .training.corpora import JOINT, is_joint, pipeline_names

    model = Path(args.model) if args.model else MODEL_DIR
    if (model / "attribution_parser" / "nlp").is_dir():  # a pipeline folder with a parser of its own
        model = model / "attribution_parser" / "nlp"
    only = ("tok2vec", *JOINT) if is_joint(pipeline_names(model)) else None  # a joint model: its syntax part
    print(format_parser_scores(evaluate_parser(model, Path(args.data) if args.data else None, only=only)))
    return 0


def _cmd_build_vectors(args: argparse.Namespace) -> int:
    from .training.vectors import build_vectors

    out = build_vectors(Path(args.output), Path(args.text) if args.text else None, rows=args.rows, dim=args.dim)
    print(f"vectors written to {out}")
    return 0


def _cmd_build_lexicons(args: argparse.Namespace) -> int:
    from .training.lexicons import build_lexicons

    for path in build_lexicons():
        print(f"wrote {path}")
    return 0


def _cmd_evaluate_ner(args: argparse.Namespace) -> int:
    from .training.ner import MODEL_DIR, evaluate_ner, format_scores

    results = evaluate_ner(Path(args.model) if args.model else MODEL_DIR, Path(args.data) if args.data else None)
    print(format_scores(results))
    return 0


def _cmd_show(args: argparse.Namespace) -> int:
    from .show import show

    try:
        print(show(args.article_id, Path(args.out), Path(args.html) if args.html else None))
    except (KeyError, FileNotFoundError) as exc:
        print(f"error: {exc.args[0]}", file=sys.stderr)
        return 1
    if args.html:
        print(f"\narticle view written to {args.html}")
    return 0


def _positive(value: str) -> int:
    n = int(value)
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {n}")
    return n


def _model_and_data(model: str, data: str) -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument("--model", help=model)
    parent.add_argument("--data", help=data)
    return parent


def _training_options(p: argparse.ArgumentParser, data: str) -> None:
    p.add_argument("--data", help=f"corpus folder (default: {data})")
    p.add_argument("--max-steps", type=int, help="override training.max_steps")
    p.add_argument("--limit", type=int, help="train on the first N sentences only (smoke test)")


def main(argv: list[str] | None = None) -> int:
    from . import __version__

    prog = "svnews" if Path(sys.argv[0]).name == "svnews" else "python -m pipeline"
    parser = argparse.ArgumentParser(prog=prog, description="Swedish news extraction pipeline "
                                                            "(also installed as the short command `svnews`)")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("run", help="process articles into tables")
    p.add_argument("inputs", nargs="+", help="files or folders (.txt, .html, .json, .jsonl)")
    p.add_argument("--out", default="output", help="output folder (default: output/)")
    p.add_argument("--format", default="parquet", help="parquet, csv or parquet,csv (Parquet is always written)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress (errors and the summary still print)")
    p.add_argument("--workers", type=_positive, default=os.cpu_count() or 1,
                   help="processes (local engine) or local dask workers (default: number of cores)")
    p.add_argument("--engine", choices=["local", "dask"], default="local",
                   help="local processes, or a dask.distributed cluster (pip install '.[dask]')")
    p.add_argument("--scheduler", help="dask scheduler address, e.g. tcp://10.0.0.5:8786 (default: a local cluster)")
    p.add_argument("--force", action="store_true", help="recompute articles whose tables are already up to date")
    p.add_argument("--outlet", help="the outlet (e.g. svt.se) of the articles that do not name their own "
                                    "(a JSON record's or an ID.meta.json's 'outlet'); default: the url's host")
    p.add_argument("--replace", action="store_true",
                   help="start a fresh corpus: drop the articles of earlier runs that are not in this input "
                        "(default: keep them; the output folder accumulates)")
    p.set_defaults(func=_cmd_run)

    p = sub.add_parser("show", help="print one processed article: entities and quotes")
    p.add_argument("article_id")
    p.add_argument("--out", default="output", help="folder with the tables (default: output/)")
    p.add_argument("--html", help="also write the article view (entities coloured, quotes underlined) to this HTML file")
    p.set_defaults(func=_cmd_show)

    p = sub.add_parser("evaluate", help="score the pipeline on a gold folder")
    p.add_argument("--gold", default="../shared/eval/dev", help="folder with ID.txt + ID.json gold files")
    p.add_argument("--out", help="keep the tables in this folder")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument("--errors", action="store_true", help="also list every error case (TSV) of --part")
    p.add_argument("--part", choices=["all", "develop", "held-out"], default="all",
                   help="the articles --json and --errors cover (the text summary shows all three parts)")
    p.set_defaults(func=_cmd_evaluate)

    p = sub.add_parser("train-ner", help="train the NER model into the package")
    p.add_argument("--output", help="model folder (default: pipeline/models/sv_news_ner)")
    _training_options(p, "../shared/data/ner")
    p.add_argument("--rules-only", action="store_true",
                   help="keep the trained tok2vec and ner, rebuild the rest of the pipeline around them "
                        "(ruler, repairs, clusters, quote cues) and the model card")
    p.add_argument("--parser", help="put this train-parser output into the model "
                                    "(default: keep the parser the --output folder has)")
    p.add_argument("--workdir", help="keep the training corpora and checkpoints here")
    p.add_argument("--vectors", default="parser",
                   help="static vectors: 'parser', the floret vectors of the attribution parser the model gets "
                        "(the default, as the shipped model), a spaCy vectors folder (build-vectors), or 'none'")
    p.add_argument("--pud-in-train", action="store_true",
                   help="train on UNER PUD too (it is then no longer reported as a test set)")
    p.add_argument("--entity-swaps", type=float, default=0.0, metavar="FRACTION",
                   help="add entity-swapped copies of this share of the training sentences (e.g. 0.3)")
    p.add_argument("--init-tok2vec", help="pretrained tok2vec weights (a modelN.bin of pretrain-ner)")
    p.add_argument("--news", help="annotated news articles (ID.txt + ID.json gold) to train on too "
                                  "(default: ../shared/eval/train when present)")
    p.add_argument("--no-news", action="store_true", help="train on the NER corpora only")
    p.add_argument("--news-weight", type=_positive, default=3,
                   help="how many times each news document is repeated in training (default 3)")
    p.add_argument("--news-fold", type=_fold, metavar="I/K", help="leave out fold I of K of the news (cross-validation)")
    p.add_argument("--no-evaluate", action="store_true", help="skip scoring the test sets and the model card")
    p.add_argument("--seed", type=int, help="training seed (default: the config's, 42)")
    p.add_argument("--joint", action="store_true",
                   help="train the tagger and parser with the NER on one tok2vec (joint.cfg; UD Talbanken too): "
                        "the attribution parser then reads the NER's token vectors, no second tok2vec")
    p.set_defaults(func=_cmd_train)

    p = sub.add_parser("cross-validate", help="K-fold cross-validation of NER and speaker ranker on annotated news")
    p.add_argument("--gold", help="annotated news articles (default: ../shared/eval/train)")
    p.add_argument("--workdir", default="crossval", help="fold models, figures, examples (default: crossval/)")
    p.add_argument("--folds", type=_positive, default=5)
    p.add_argument("--news-weight", type=_positive, default=3)
    p.add_argument("--jobs", type=_positive, default=2, help="fold models trained at a time (default 2)")
    p.add_argument("--max-steps", type=int, help="override training.max_steps of every fold")
    p.add_argument("--vectors", default="parser",
                   help="static vectors of every fold model (as train-ner --vectors; default: parser)")
    p.add_argument("--init-tok2vec", help="pretrained tok2vec weights of every fold model (as train-ner --init-tok2vec)")
    p.add_argument("--joint", action="store_true", help="joint fold models (as train-ner --joint)")
    p.set_defaults(func=_cmd_cross_validate)

    p = sub.add_parser("train-speakers", help="learn the speaker ranker from annotated news (scikit-learn)")
    p.add_argument("--model", help="model folder (default: pipeline/models/sv_news_ner)")
    p.add_argument("--gold", help="annotated news articles, ID.txt + ID.json (default: ../shared/eval/train)")
    p.add_argument("--folds", type=_positive, default=5, help="cross-validation folds, grouped by article (default 5)")
    p.add_argument("--examples", help="learn from the examples cross-validate wrote (WORKDIR/examples.jsonl): "
                                      "features from NER models that had not seen the article")
    p.set_defaults(func=_cmd_train_speakers)

    p = sub.add_parser("train-typer", help="learn the entity typer from annotated news (scikit-learn)")
    p.add_argument("--model", help="model folder (default: pipeline/models/sv_news_ner)")
    p.add_argument("--folds", default="crossval",
                   help="cross-validate's workdir: its fold models find the examples (default: crossval/)")
    p.add_argument("--gold", help="annotated news articles, ID.txt + ID.json (default: ../shared/eval/train)")
    p.set_defaults(func=_cmd_train_typer)

    p = sub.add_parser("pretrain-ner", help="pretrain the NER tok2vec on the Riksdag text (character objective)")
    p.add_argument("--output", default="pretrain-ner", help="folder for the weights (default: pretrain-ner/)")
    p.add_argument("--text", help="text folder (default: ../shared/data/text)")
    p.add_argument("--epochs", type=_positive, default=4)
    p.add_argument("--max-words", type=int, help="use only the first N words of the text")
    p.add_argument("--vectors", default="parser",
                   help="static vectors the tok2vec reads, as train-ner --vectors (default: parser, the shipped "
                        "model's); the weights then load into a train-ner run with the same vectors")
    p.add_argument("--seed", type=int, default=42)
    p.set_defaults(func=_cmd_pretrain)

    p = sub.add_parser("evaluate-ner", help="P/R/F1 of the NER model on the news and UNER test sets",
                       parents=[_model_and_data("model folder (default: the shipped one)",
                                                "corpus folder (default: ../shared/data/ner)")])
    p.set_defaults(func=_cmd_evaluate_ner)

    p = sub.add_parser("train-parser", help="train the Swedish tagger + parser used for quote attributions")
    p.add_argument("--output", default="parser-model", help="folder for the trained parser (default: parser-model/)")
    _training_options(p, "../shared/data/ud")
    p.add_argument("--workdir", help="keep the training corpora and checkpoints here")
    p.add_argument("--vectors", help="a spaCy vectors folder (default: build floret vectors from ../shared/data/text)")
    p.set_defaults(func=_cmd_train_parser)

    p = sub.add_parser("evaluate-parser", help="POS, UAS, LAS of the parser on Talbanken test and PUD",
                       parents=[_model_and_data("parser or model folder (default: the shipped model's parser)",
                                                "UD folder (default: ../shared/data/ud)")])
    p.set_defaults(func=_cmd_evaluate_parser)

    p = sub.add_parser("build-vectors", help="floret vectors for the parser from the Riksdag text (pip install floret)")
    p.add_argument("--output", default="parser-vectors", help="spaCy vectors folder to write")
    p.add_argument("--text", help="text folder (default: ../shared/data/text)")
    p.add_argument("--rows", type=_positive, help="hash rows (default: the parser's, 20,000)")
    p.add_argument("--dim", type=_positive, help="dimensions (default: the parser's, 96)")
    p.set_defaults(func=_cmd_build_vectors)

    p = sub.add_parser("remove", help="remove articles from the corpus in --out (all four tables)")
    p.add_argument("article_ids", nargs="+", metavar="ARTICLE_ID")
    p.add_argument("--out", default="output", help="the corpus folder (default: output/)")
    p.set_defaults(func=_cmd_remove)

    p = sub.add_parser("sql", help="run an SQL query on the corpus (DuckDB) and print the result")
    p.add_argument("query", help='e.g. "SELECT name, quotes_direct FROM speakers ORDER BY 2 DESC LIMIT 10"')
    p.add_argument("--out", default="output", help="the corpus folder (default: output/)")
    p.add_argument("--csv", action="store_true", help="print CSV instead of a table")
    p.add_argument("--limit", type=_positive, default=200, help="print at most this many rows (default 200)")
    p.set_defaults(func=_cmd_sql)

    p = sub.add_parser("report", help="write a static HTML report of the corpus (charts, top entities, speakers)")
    p.add_argument("--out", default="output", help="the corpus folder (default: output/)")
    p.add_argument("--html", help="the page to write (default: OUT/report/index.html)")
    p.set_defaults(func=_cmd_report)

    p = sub.add_parser("build-lexicons", help="regenerate data files from build-time sources (countries_sv.tsv)")
    p.set_defaults(func=_cmd_build_lexicons)

    args, extra = parser.parse_known_args(argv)
    if extra:  # the command's own usage, not the top-level one
        sub.choices[args.command].error(f"unrecognized arguments: {' '.join(extra)}")
    try:
        return int(args.func(args))
    except OSError as exc:  # a folder that is not there, a place that cannot be written: one line naming it
        what = exc.strerror or (exc.args[-1] if exc.args else str(exc))
        print(f"error: {exc.filename}: {what}" if exc.filename else f"error: {what}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
