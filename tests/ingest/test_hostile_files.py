"""Hostile files (issue 14): what is refused exits 2 with one line naming the file, what is read
exits 0, and neither hangs, floods memory or shows a traceback. Every file is made in tmp_path."""

from __future__ import annotations

import io
import os
import pty
import shutil
import socket
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from signoff.extract import get_analyzer
from signoff.extract import segment as segment_module
from signoff.ingest import load, load_text

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
NIMBUS_MD = FIXTURES / "contracts" / "nimbus-ai-services-agreement.md"
NIMBUS_DOCX = FIXTURES / "contracts" / "nimbus-ai-services-agreement.docx"
EXAMPLE_WORKSPACE = FIXTURES / "example-workspace"
# generous for a 2-core machine; a hang (the FIFO before issue 14) would be caught by it
LIMIT_S = 120
posix_only = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs and symlinks (POSIX)")


def signoff(
    *args: str | Path, cwd: Path | None = None, env: dict | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "signoff", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=LIMIT_S,
        env={**os.environ, **(env or {})},
    )


def assert_refused(r: subprocess.CompletedProcess, names: list[str], says: str) -> None:
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr and r.stdout == ""
    [line] = r.stderr.strip().splitlines()
    assert line.startswith("signoff: error: ")
    for name in names:
        assert name in line, f"the message must name {name}"
    assert says in line


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "contracts"
    d.mkdir()
    return d


@posix_only
@pytest.mark.parametrize("command", ["text", "analyze"])
def test_a_fifo_is_refused_at_once_not_waited_on(folder: Path, command):
    os.mkfifo(folder / "vendor.txt")
    r = signoff(command, folder / "vendor.txt")
    assert_refused(r, [str(folder / "vendor.txt")], "is a named pipe (FIFO), not a regular file")


@posix_only
def test_a_socket_is_refused(folder: Path, monkeypatch):
    monkeypatch.chdir(folder)  # a socket path must be short; the relative name is
    with socket.socket(socket.AF_UNIX) as s:
        s.bind("vendor.md")
        r = signoff("text", "vendor.md", cwd=folder)
    assert_refused(r, ["vendor.md"], "is a socket, not a regular file")


@posix_only
@pytest.mark.parametrize("target", ["/dev/zero", "/etc/passwd"])
def test_a_link_out_of_the_folder_is_refused_naming_both_paths(folder: Path, target):
    if not Path(target).exists():
        pytest.skip(f"{target} does not exist here")
    (folder / "vendor.txt").symlink_to(target)
    r = signoff("text", folder / "vendor.txt")
    assert_refused(r, [str(folder / "vendor.txt"), target], "outside")


@posix_only
def test_a_link_to_a_contract_beside_it_is_read(folder: Path):
    shutil.copy(NIMBUS_MD, folder / "nimbus.md")
    (folder / "latest.md").symlink_to("nimbus.md")
    r = signoff("text", folder / "latest.md")
    assert r.returncode == 0, r.stderr
    assert r.stdout == NIMBUS_MD.read_text()


@posix_only
def test_a_folder_is_analysed_with_its_hostile_files_refused_by_name(folder: Path):
    shutil.copy(NIMBUS_MD, folder / "nimbus.md")
    (folder / "sub").mkdir()
    (folder / "sub" / "again.md").symlink_to("../nimbus.md")  # inside the folder analysed: read
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    os.mkfifo(folder / "pipe.txt")
    r = signoff("analyze", folder, "--format", "jsonl")
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert r.stdout.count('"document"') == 2
    errors = r.stderr.strip().splitlines()
    assert any(str(folder / "passwd.txt") in e and "/etc/passwd" in e for e in errors)
    assert any(str(folder / "pipe.txt") in e and "not a regular file" in e for e in errors)
    assert errors[-1] == "signoff: 2 of 4 files could not be analysed"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-32-be", "utf-8-sig", "cp1252"])
def test_text_in_any_common_encoding_is_read(folder: Path, encoding):
    text = "Provider’s liability shall not exceed the fees paid in the prior 12 months — “Cap”.\n"
    bom = {"utf-16-be": b"\xfe\xff", "utf-32-be": b"\x00\x00\xfe\xff"}.get(encoding, b"")
    (folder / "vendor.txt").write_bytes(bom + text.encode(encoding))
    r = signoff("text", folder / "vendor.txt")
    assert r.returncode == 0, r.stderr
    assert r.stdout == text


def test_a_text_over_the_size_limit_says_the_limit_and_why(folder: Path):
    (folder / "vendor.txt").write_text("The Provider may suspend the Services. " * 100)
    r = signoff("text", folder / "vendor.txt", env={"SIGNOFF_MAX_BYTES": "1000"})
    assert_refused(r, [str(folder / "vendor.txt")], "over the 1,000-byte limit, which keeps memory and time")


def test_a_long_single_line_text_is_analysed(folder: Path):
    """1.5 MB without a line break: two pieces, one paragraph (5 MB used to time out; that size is
    measured by benchmarks/bench_hostile.py, not here)."""
    one_line = " ".join(NIMBUS_MD.read_text().split()) + " "
    (folder / "vendor.txt").write_text(one_line * (1_500_000 // len(one_line) + 1))
    r = signoff("analyze", folder / "vendor.txt", "--format", "json")
    assert r.returncode == 0, r.stderr[-2000:]
    assert '"liability_cap"' in r.stdout


def test_a_text_analysed_in_pieces_cites_the_same_characters(monkeypatch):
    """Offsets stay exact across pieces: each quote is the text at its offsets, and a text cut into
    small pieces gives the same findings as the same text whole."""
    text = (NIMBUS_MD.read_text() + "\n\n") * 3
    doc = load_text(text)
    whole = get_analyzer().analyze(doc)
    monkeypatch.setattr(segment_module.pieces, "__defaults__", (len(text) // 5,))
    pieced = get_analyzer().analyze(doc)
    assert len(segment_module.pieces(text)) > 3
    assert [(f.clause, f.start, f.end) for f in pieced.findings] == [
        (f.clause, f.start, f.end) for f in whole.findings
    ]
    assert all(f.text == text[f.start : f.end] for f in pieced.findings)


def test_pieces_cover_the_text_and_end_at_paragraph_breaks():
    text = ("A clause of the contract. " * 30 + "\n\n") * 40
    cuts = segment_module.pieces(text, 2000)
    assert cuts[0][0] == 0 and cuts[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(cuts, cuts[1:], strict=False))
    assert all(text[s:e].endswith("\n\n") for s, e in cuts[:-1])
    assert all(e - s <= 2000 for s, e in cuts)


def test_deeply_nested_markdown_is_read(folder: Path):
    nested = "".join("  " * i + f"- level {i} item\n" for i in range(600)) + "> " * 5000 + "quote\n"
    (folder / "vendor.md").write_text(NIMBUS_MD.read_text() + "\n" + nested)
    r = signoff("analyze", folder / "vendor.md", "--format", "json")
    assert r.returncode == 0, r.stderr[-2000:]


def _docx_with(change) -> bytes:
    """The Nimbus DOCX rebuilt with `change(name, data)` applied to every part."""
    out = io.BytesIO()
    with zipfile.ZipFile(NIMBUS_DOCX) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, change(info.filename, src.read(info)))
    return out.getvalue()


def _bad_crc(part: str) -> bytes:
    """The Nimbus DOCX with the checksum of `part` wrong in both its headers."""
    data = bytearray(NIMBUS_DOCX.read_bytes())
    with zipfile.ZipFile(NIMBUS_DOCX) as z:
        info = z.getinfo(part)
    wrong = info.CRC ^ 0xDEADBEEF
    struct.pack_into("<I", data, info.header_offset + 14, wrong)
    central = bytes(data).find(b"PK\x01\x02")
    while central >= 0:
        name_len = struct.unpack_from("<H", data, central + 28)[0]
        if bytes(data[central + 46 : central + 46 + name_len]).decode() == part:
            struct.pack_into("<I", data, central + 16, wrong)
        central = bytes(data).find(b"PK\x01\x02", central + 4)
    return bytes(data)


def _cut_xml(name: str, data: bytes) -> bytes:
    return data[: len(data) // 2] if name == "word/document.xml" else data


def _nest_xml(name: str, data: bytes) -> bytes:
    if name != "word/document.xml":
        return data
    deep = b"<w:sdt><w:sdtContent>" * 5000 + b"<w:p/>" + b"</w:sdtContent></w:sdt>" * 5000
    return data.replace(b"<w:body>", b"<w:body>" + deep, 1)


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (lambda: _docx_with(_cut_xml), "its XML cannot be read"),
        (lambda: _docx_with(lambda n, d: b"<Rel" if n.endswith("document.xml.rels") else d), "XML cannot"),
        (lambda: _docx_with(_nest_xml), "the .docx is corrupt"),
        (lambda: _bad_crc("word/document.xml"), "part word/document.xml of the .docx is corrupt"),
        (lambda: _bad_crc("docProps/thumbnail.jpeg"), "part docProps/thumbnail.jpeg of the .docx is corrupt"),
    ],
    ids=["cut-xml", "broken-rels", "nested-5000-deep", "bad-crc-xml", "bad-crc-media"],
)
def test_a_broken_docx_names_the_file_and_what_to_do(folder: Path, make, says):
    (folder / "vendor.docx").write_bytes(make())
    r = signoff("text", folder / "vendor.docx")
    assert_refused(r, [str(folder / "vendor.docx")], says)
    assert "save" in r.stderr  # what to do: save or download it again


HOSTILE_TEXT = "Provider\x01 may \x1b[2J\x1b[31msuspend\x1b[0m the \u202eService\u202c at will.\x07\n\n"
UNSAFE = ["\x01", "\x07", "\x1b", "\u202e", "\u202c"]


def test_terminal_escapes_in_a_contract_never_reach_the_terminal(folder: Path):
    """Run on a real terminal (a pty), where Click would pass escapes through untouched."""
    (folder / "vendor.md").write_text(HOSTILE_TEXT + NIMBUS_MD.read_text())
    for command in ("text", "analyze"):
        leader, follower = pty.openpty()
        proc = subprocess.Popen(
            [sys.executable, "-m", "signoff", command, str(folder / "vendor.md")],
            stdout=follower,
            stderr=follower,
        )
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the pty closes when the command exits
                break
            if not chunk:
                break
            chunks.append(chunk)
        assert proc.wait(timeout=LIMIT_S) == 0
        os.close(leader)
        shown = b"".join(chunks).decode("utf-8")
        assert "Provider␁ may ␛[2J␛[31msuspend" in shown or command == "analyze"
        assert not any(c in shown for c in UNSAFE), command


def test_json_output_keeps_the_contract_text_as_escapes(folder: Path):
    import json

    (folder / "vendor.md").write_text(HOSTILE_TEXT + NIMBUS_MD.read_text())
    r = signoff("analyze", folder / "vendor.md", "--format", "json")
    assert r.returncode == 0, r.stderr
    assert not any(c in r.stdout for c in UNSAFE)
    assert json.loads(r.stdout)["document"]["chars"] == len(load(folder / "vendor.md").text)


def test_a_contract_with_control_characters_still_makes_every_document(tmp_path: Path):
    ws = tmp_path / "ws"
    shutil.copytree(EXAMPLE_WORKSPACE, ws)
    contract = tmp_path / "hostile.md"
    contract.write_text(HOSTILE_TEXT + "The Provider's total liability shall not exceed \x0bthe fees paid.\n")
    env = {"SIGNOFF_USER": "dana"}
    r = signoff("add-contract", ws, contract, env=env)
    assert r.returncode == 0, r.stderr
    for fmt in ("docx", "html", "md", "json"):
        r = signoff("report", ws, "--format", fmt, env=env)
        assert r.returncode == 0, (fmt, r.stderr)
        made = next((ws / "out").glob(f"*.{fmt}"))
        data = made.read_bytes()
        if fmt == "docx":
            with zipfile.ZipFile(made) as z:
                data = b"".join(z.read(n) for n in z.namelist() if n.endswith(".xml"))
        text = data.decode("utf-8")
        assert not any(c in text for c in UNSAFE + ["\x0b"]), fmt
        v = signoff("verify", made)
        assert v.returncode == 0, (fmt, v.stdout, v.stderr)


@posix_only
@pytest.mark.parametrize("hostile", ["fifo", "link-out"])
def test_add_contract_refuses_a_hostile_file_and_saves_nothing(tmp_path: Path, folder: Path, hostile):
    ws = tmp_path / "ws"
    shutil.copytree(EXAMPLE_WORKSPACE, ws)
    before = {p: p.read_bytes() for p in sorted(ws.rglob("*")) if p.is_file()}
    contract = folder / "vendor.txt"
    if hostile == "fifo":
        os.mkfifo(contract)
    else:
        contract.symlink_to("/etc/passwd")
    r = signoff("add-contract", ws, contract, env={"SIGNOFF_USER": "dana"})
    assert_refused(r, [str(contract)], "not a regular file" if hostile == "fifo" else "outside")
    assert {p: p.read_bytes() for p in sorted(ws.rglob("*")) if p.is_file()} == before
