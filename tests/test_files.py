import pytest

from libya_conflict.files import atomic_outputs, write_atomic


def test_all_outputs_appear_together(tmp_path):
    targets = [tmp_path / "a.txt", tmp_path / "sub" / "b.txt"]
    with atomic_outputs(targets) as temps:
        for temp in temps:
            temp.write_text("new")
        assert not any(t.exists() for t in targets)
    assert [t.read_text() for t in targets] == ["new", "new"]
    assert not list(tmp_path.rglob("*.tmp"))


def test_failure_leaves_previous_files_and_no_temporaries(tmp_path):
    target = tmp_path / "report.json"
    target.write_text("good")

    def explode(path):
        path.write_text("half")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_atomic(target, explode)
    assert target.read_text() == "good"
    assert list(tmp_path.iterdir()) == [target]
