"""cross-validate trains each fold model with the options train-ner would get."""

from __future__ import annotations

from pathlib import Path

from pipeline.training import crossval


class _Done:
    def wait(self) -> int:
        return 0


def test_fold_models_get_the_pretrained_weights_and_vectors(tmp_path, monkeypatch):
    commands: list[list[str]] = []

    def popen(cmd, stdout=None, stderr=None):
        commands.append(cmd)
        return _Done()

    monkeypatch.setattr(crossval.subprocess, "Popen", popen)
    weights = tmp_path / "model-last.bin"
    outs = crossval.train_fold_models(Path("gold"), tmp_path, folds=3, news_weight=3, jobs=2,
                                      parser=Path("parser"), vectors="parser", init_tok2vec=weights)
    assert outs == [tmp_path / f"fold{k}" for k in range(3)]
    assert len(commands) == 3
    for k, cmd in enumerate(commands):
        assert cmd[cmd.index("--news-fold") + 1] == f"{k}/3"
        assert cmd[cmd.index("--init-tok2vec") + 1] == str(weights)
        assert cmd[cmd.index("--vectors") + 1] == "parser"
    # without pretrained weights, no such option
    commands.clear()
    (tmp_path / "b").mkdir()
    crossval.train_fold_models(Path("gold"), tmp_path / "b", folds=2, news_weight=3, parser=Path("parser"))
    assert all("--init-tok2vec" not in cmd for cmd in commands)


def test_joint_fold_models_train_their_own_parser(tmp_path, monkeypatch):
    commands: list[list[str]] = []
    monkeypatch.setattr(crossval.subprocess, "Popen", lambda cmd, stdout=None, stderr=None: commands.append(cmd) or _Done())
    crossval.train_fold_models(Path("gold"), tmp_path, folds=2, news_weight=3, parser=Path("parser"), joint=True)
    assert len(commands) == 2 and all("--joint" in cmd and "--parser" not in cmd for cmd in commands)
    commands.clear()
    (tmp_path / "b").mkdir()
    crossval.train_fold_models(Path("gold"), tmp_path / "b", folds=2, news_weight=3, parser=Path("parser"))
    assert all("--joint" not in cmd and cmd[cmd.index("--parser") + 1] == "parser" for cmd in commands)
