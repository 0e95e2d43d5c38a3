"""Every bad input: exit code 2 from `signoff text`, one line naming the file and saying what
to do, no traceback. The files are built by fixtures/make_fixtures.py."""

import os
import subprocess
import sys

import pytest

from signoff.errors import InputFileError
from signoff.ingest import load

INVALID = "fixtures/invalid"


def signoff_text(*args: str, env: dict | None = None, cwd=None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "signoff", "text", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, **(env or {})},
    )


# (file, extra args, env, words the message must contain to say what is wrong and what to do)
CASES = [
    ("fixtures/invalid/missing.pdf", [], {}, ["no such file", "check the path"]),
    ("fixtures/invalid", [], {}, ["is a directory", "give one contract file"]),
    (f"{INVALID}/empty.md", [], {}, ["empty", "export the contract again"]),
    (f"{INVALID}/blank.txt", [], {}, ["empty", "export the contract again"]),
    (f"{INVALID}/contract.doc", [], {}, ["not supported", ".docx", "Markdown (.md)"]),
    (f"{INVALID}/contract.rtf", [], {}, ["not supported", "PDF (.pdf)"]),
    (f"{INVALID}/contract.pages", [], {}, ["not supported", "plain text (.txt)"]),
    (f"{INVALID}/scan.png", [], {}, ["'.png' files are not supported", "OCR", "PDF (.pdf)"]),
    (f"{INVALID}/text-named.pdf", [], {}, ["extension says .pdf", "plain text", "rename it"]),
    (f"{INVALID}/pdf-named.docx", [], {}, ["extension says .docx", "a PDF", "rename it"]),
    (f"{INVALID}/pdf-named.md", [], {}, ["extension says .md", "a PDF", "rename it"]),
    (f"{INVALID}/zip-not-word.docx", [], {}, ["not a Word .docx", "export the contract"]),
    (f"{INVALID}/encrypted.pdf", [], {}, ["encrypted", "--password"]),
    (f"{INVALID}/encrypted.pdf", ["--password", "guess"], {}, ["wrong password", "--password"]),
    (f"{INVALID}/truncated.pdf", [], {}, ["corrupt or truncated", "download it again"]),
    (f"{INVALID}/corrupt.pdf", [], {}, ["corrupt or truncated", "download it again"]),
    (f"{INVALID}/truncated.docx", [], {}, ["corrupt or truncated", "save or download it again"]),
    (f"{INVALID}/scanned.pdf", [], {}, ["no page has a text layer", "OCR"]),
    (f"{INVALID}/zip-bomb.docx", [], {}, ["zip bomb", "save a clean copy"]),
    (f"{INVALID}/xxe.docx", [], {}, ["DOCTYPE/ENTITY", "never resolved", "save a clean copy"]),
    (
        "fixtures/contracts/nimbus-ai-services-agreement.pdf",
        [],
        {"SIGNOFF_MAX_BYTES": "1000"},
        ["over the 1,000-byte limit", "SIGNOFF_MAX_BYTES"],
    ),
    (
        "fixtures/contracts/nimbus-ai-services-agreement.md",
        [],
        {"SIGNOFF_MAX_BYTES": "lots"},
        ["SIGNOFF_MAX_BYTES='lots'", "whole number"],
    ),
]
IDS = [
    "missing", "directory", "empty", "whitespace-only", "doc", "rtf", "pages", "image",
    "text-as-pdf", "pdf-as-docx", "pdf-as-md", "zip-not-word", "encrypted-no-password", "wrong-password",
    "truncated-pdf", "corrupt-pdf", "truncated-docx", "no-text-layer", "zip-bomb", "xxe", "over-size-limit",
    "bad-size-limit",
]  # fmt: skip


@pytest.mark.parametrize(("path", "args", "env", "words"), CASES, ids=IDS)
def test_bad_input_is_one_clear_line(path, args, env, words, fixtures_dir):
    r = signoff_text(path, *args, env=env, cwd=fixtures_dir.parent)
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr
    assert r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith("signoff: error: ")
    if "SIGNOFF_MAX_BYTES='lots'" not in words:
        assert path in lines[0], "the message must name the file"
    for word in words:
        assert word in lines[0]


def test_encrypted_pdf_opens_with_its_password(fixtures_dir):
    doc = load(fixtures_dir / "invalid" / "encrypted.pdf", password="open-sesame")
    assert "Nimbus AI Services Agreement" in doc.text
    assert doc.pages[0].number == 1


def test_size_limit_argument_beats_environment(nimbus_md, monkeypatch):
    monkeypatch.setenv("SIGNOFF_MAX_BYTES", "10")
    with pytest.raises(InputFileError, match="over the 100-byte limit"):
        load(nimbus_md, max_bytes=100)
    assert load(nimbus_md, max_bytes=10**6).text.startswith("# Nimbus")


def test_xxe_entity_is_never_resolved(fixtures_dir):
    with pytest.raises(InputFileError) as err:
        load(fixtures_dir / "invalid" / "xxe.docx")
    assert "root:" not in str(err.value)


@pytest.mark.parametrize(
    ("name", "warning_words"),
    [
        ("warn-cp1252.txt", ["not valid UTF-8", "cp1252", "re-save the file as UTF-8"]),
        ("warn-partly-scanned.pdf", ["page(s) 3 of 5", "no text layer", "OCR"]),
    ],
    ids=["non-utf8-text", "partly-scanned-pdf"],
)
def test_loads_with_a_warning_on_stderr(name, warning_words, fixtures_dir):
    r = signoff_text(f"fixtures/invalid/{name}", cwd=fixtures_dir.parent)
    assert r.returncode == 0, r.stderr
    assert "Limitation of Liability" in r.stdout
    warning = r.stderr.strip()
    assert warning.startswith(f"signoff: warning: fixtures/invalid/{name}: ")
    for word in warning_words:
        assert word in warning
