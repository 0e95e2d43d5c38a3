from pathlib import Path

import pytest

from signoff.errors import InputFileError
from signoff.evaluate import predict
from signoff.models import Analysis, DocumentInfo, Finding


def test_predict_keeps_analyses_and_reports_failures(monkeypatch):
    info = DocumentInfo(path="a.md", sha256="0" * 64, pages=None, chars=10)
    ok = Analysis(
        document=info,
        findings=[Finding(clause="insurance", text="insurance", start=0, end=9, confidence=0.9)],
    )

    def fake_analyze_many(paths, *, jobs=1, vendor=None, on_progress=None):
        assert jobs == 2
        return [ok, InputFileError("b.pdf: not a PDF; re-export it"), InputFileError("no path in this one")]

    pytest.importorskip("signoff.extract")
    monkeypatch.setattr("signoff.extract.analyze_many", fake_analyze_many, raising=False)
    records, errors = predict([Path("a.md"), Path("b.pdf"), Path("c.docx")], jobs=2)
    assert records == [ok.model_dump(mode="json")]
    assert records[0]["findings"][0]["clause"] == "insurance"
    assert errors == ["b.pdf: not a PDF; re-export it", "c.docx: no path in this one"]
