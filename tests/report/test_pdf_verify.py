"""PDF verify: every page, the outline and the properties against a fresh rendering, and the file's digest.

The forgeries of issue 14 (a white box over the top of every page, an added APPROVED
stamp), each also with the file digest recomputed as a forger who read the code would,
and random single-byte changes. PDF output needs LibreOffice: these tests skip without it.
"""

from __future__ import annotations

import ctypes
import io
import random
from pathlib import Path

import pytest

from signoff.errors import SignoffError
from signoff.report.formats import CannotCompare, ReportFormat, renderer
from signoff.report.formats import pdf as pdf_format
from signoff.report.verify import verify_file

from .report_samples import sample_report

NO_LIBREOFFICE = "LibreOffice is not installed (apt-get install libreoffice-writer); PDF output needs it"
needs_libreoffice = pytest.mark.skipif(pdf_format.libreoffice() is None, reason=NO_LIBREOFFICE)
pytestmark = needs_libreoffice


@pytest.fixture(scope="module")
def data() -> bytes:
    return renderer(ReportFormat.pdf).render(sample_report(), None)


def _write(tmp_path: Path, pdf: bytes, name: str = "report.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(pdf)
    return path


def _draw_on_every_page(pdf: bytes, draw) -> bytes:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    doc = pdfium.PdfDocument(pdf)
    for page in doc:
        draw(doc, page, *page.get_size())
        raw.FPDFPage_GenerateContent(page.raw)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _white_box(doc, page, width: float, height: float) -> None:
    import pypdfium2.raw as raw

    box = raw.FPDFPageObj_CreateNewRect(0, height - 90, width, 90)
    raw.FPDFPageObj_SetFillColor(box, 255, 255, 255, 255)
    raw.FPDFPath_SetDrawMode(box, raw.FPDF_FILLMODE_WINDING, False)
    raw.FPDFPage_InsertObject(page.raw, box)


def _stamp(doc, page, width: float, height: float) -> None:
    import pypdfium2.raw as raw

    text = raw.FPDFPageObj_NewTextObj(doc.raw, b"Helvetica-Bold", 40)
    word = ("APPROVED\0").encode("utf-16-le")
    raw.FPDFText_SetText(text, ctypes.cast(ctypes.c_char_p(word), raw.FPDF_WIDESTRING))
    raw.FPDFPageObj_SetFillColor(text, 0, 128, 0, 255)
    raw.FPDFPageObj_Transform(text, 1, 0, 0, 1, width / 3, height / 2)
    raw.FPDFPage_InsertObject(page.raw, text)


def test_untouched_pdf_verifies_with_its_signed_decision(tmp_path, data):
    result = verify_file(_write(tmp_path, data))
    assert result.ok, result.problems
    assert result.decisions == 1


def test_white_box_over_the_top_of_every_page_names_the_page(tmp_path, data):
    boxed = _draw_on_every_page(data, _white_box)
    problems = verify_file(_write(tmp_path, boxed)).problems
    assert (
        problems[0] == "the file was changed after signoff wrote it: its file identifier is not its SHA-256"
    )
    assert (
        problems[1].startswith("page 1 has a shape (fill white, line ")
        and "that a fresh rendering" in problems[1]
    )
    assert problems[2].startswith("pages 2, 3")
    assert all("\n" not in p for p in problems)


def test_white_box_with_the_digest_recomputed_is_still_caught_by_its_page(tmp_path, data):
    sealed = pdf_format._seal(_draw_on_every_page(data, _white_box))
    problems = verify_file(_write(tmp_path, sealed)).problems
    assert problems[0].startswith("page 1 has a shape (fill white")
    assert "y 0-90 pt from the top" in problems[0]


def test_an_added_approved_stamp_is_caught_by_its_page(tmp_path, data):
    stamped = pdf_format._seal(_draw_on_every_page(data, _stamp))
    problems = verify_file(_write(tmp_path, stamped)).problems
    assert problems[0].startswith("page 1 has the text 'APPROVED' (Helvetica-Bold, ")


def test_an_edited_bookmark_is_named(tmp_path, data):
    title = "Decisions".encode("utf-16-be").hex().upper().encode()
    assert title in data
    edited = data.replace(title, "Decisians".encode("utf-16-be").hex().upper().encode(), 1)
    problems = verify_file(_write(tmp_path, pdf_format._seal(edited))).problems
    assert problems == [
        "the document shows the bookmark 'Decisians' (page 1) where a fresh rendering of its report "
        "shows the bookmark 'Decisions' (page 1)"
    ]


def test_a_pdf_made_by_another_libreoffice_version_cannot_be_compared_here(tmp_path, data):
    import pypdfium2 as pdfium

    producer = pdfium.PdfDocument(data).get_metadata_dict()["Producer"]
    other = producer[:-1] + ("9" if producer[-1] != "9" else "8")
    hexed = [p.encode("utf-16-be").hex().upper().encode() for p in (producer, other)]
    assert hexed[0] in data
    path = _write(tmp_path, pdf_format._seal(data.replace(hexed[0], hexed[1])))
    with pytest.raises(CannotCompare, match=rf"made by {other}, and this machine renders with {producer}"):
        verify_file(path)


def test_without_libreoffice_an_intact_pdf_gets_no_verdict_and_a_damaged_one_is_altered(
    tmp_path, data, monkeypatch
):
    monkeypatch.setattr(pdf_format, "libreoffice", lambda: None)
    with pytest.raises(SignoffError, match="needs LibreOffice, which is not installed") as err:
        verify_file(_write(tmp_path, data))
    assert err.value.exit_code == 2
    damaged = bytearray(data)
    damaged[len(data) // 2] ^= 0x01
    result = verify_file(_write(tmp_path, bytes(damaged), "damaged.pdf"))
    assert not result.ok
    assert any("needs LibreOffice" in n for n in result.notes)


def test_random_single_byte_changes_fail_verify_with_one_line(tmp_path, data):
    caught, rng = 0, random.Random(14)
    path = tmp_path / "changed.pdf"
    for _ in range(200):
        at = rng.randrange(len(data))
        value = rng.randrange(255)
        changed = bytearray(data)
        changed[at] = value if value < data[at] else value + 1
        path.write_bytes(bytes(changed))
        try:
            result = verify_file(path)
        except SignoffError as e:
            assert "\n" not in e.message
            caught += 1
            continue
        assert all("\n" not in p for p in result.problems)
        caught += not result.ok
    assert caught >= 198, f"{200 - caught} of 200 single-byte changes verified as intact"
