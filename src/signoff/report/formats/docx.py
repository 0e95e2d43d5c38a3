"""DOCX with python-docx: real headings and tables, the fingerprint and page numbers in the
footer, the not-ready banner in the header, document properties from the snapshot, and
the report embedded as a custom XML part (`customXml/itemN.xml`, root `signoff:report`).

A company may drop `reference.docx` into its template folder: its styles, margins and
letterhead are used as the base document. Zip entries get a fixed timestamp so the same
report always gives the same bytes.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from pathlib import Path
from typing import Any

from signoff.errors import SignoffError
from signoff.report.formats import Renderer, parse_report
from signoff.report.formats.docx_layout import NS, DocxWriter
from signoff.report.snapshot import Report

REFERENCE_DOCX = "reference.docx"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_CUSTOM_XML = re.compile(r"^customXml/item\d+\.xml$")


class DocxRenderer(Renderer):
    extension = "docx"

    def render(self, report: Report, template_dir: Path | None) -> bytes:
        from docx import Document

        reference = Path(template_dir) / REFERENCE_DOCX if template_dir else None
        try:
            doc = Document(str(reference)) if reference and reference.is_file() else Document()
        except Exception as e:  # python-docx raises several types for a file that is not a DOCX
            raise SignoffError(
                f"{reference}: not a usable Word document ({e}); save it again as .docx"
            ) from None
        try:
            DocxWriter(doc, report, restyle=not (reference and reference.is_file())).write()
        except KeyError as e:
            # python-docx raises KeyError for a style the base document does not define.
            raise SignoffError(
                f"{reference}: {e.args[0]}; start it from a document made with "
                f"Word's default template, which has Title, Heading 1-2, List Bullet and Table Grid"
            ) from None
        buf = io.BytesIO()
        doc.save(buf)
        return _normalise_zip(buf.getvalue())

    def extract(self, data: bytes, source: str) -> Report:
        from lxml import etree

        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                for name in sorted(n for n in z.namelist() if _CUSTOM_XML.match(n)):
                    root = etree.fromstring(z.read(name), parser)
                    if root.tag == f"{{{NS}}}report":
                        return parse_report(root.text or "", source)
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, etree.XMLSyntaxError) as e:
            raise SignoffError(f"{source}: not a readable DOCX file ({e}); it was damaged") from None
        raise SignoffError(f"{source}: no embedded snapshot (custom XML part) found; not a signoff document")

    def compare(self, data: bytes, fresh: bytes) -> list[str]:
        from signoff.report.formats.docx_package import compare_packages

        return compare_packages(data, fresh)

    def visible(self, data: bytes) -> list[str]:
        """Text of every non-empty paragraph: the body in order, then headers and footers."""
        return self.body(data) + _paragraphs(data, r"^word/(header|footer)\d*\.xml$")

    def body(self, data: bytes) -> list[str]:
        return _paragraphs(data, r"^word/document\.xml$")


def _paragraphs(data: bytes, parts: str) -> list[str]:
    """Non-empty paragraph texts of the matching parts.

    Field results (page numbers) are skipped, both simple fields (as signoff writes them)
    and complex ones (as Word and LibreOffice save them): they change whenever the file
    is opened, and are not what the snapshot states.
    """
    from lxml import etree

    lines: list[str] = []
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in sorted(n for n in z.namelist() if re.match(parts, n)):
            for p in etree.fromstring(z.read(name)).iter(f"{W}p"):
                text = _paragraph_text(p).strip()
                if text:
                    lines.append(text)
    return lines


def _paragraph_text(p: Any) -> str:
    out, in_result = [], False
    for el in p.iter(f"{W}t", f"{W}fldChar"):
        if el.tag == f"{W}fldChar":
            kind = el.get(f"{W}fldCharType")
            in_result = kind == "separate" or (in_result and kind != "end")
        elif not in_result and not any(a.tag == f"{W}fldSimple" for a in el.iterancestors()):
            out.append(el.text or "")
    return "".join(out)


def _normalise_zip(data: bytes) -> bytes:
    """Rewrite the package with fixed timestamps and attributes: byte-identical across runs."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            fixed.create_system = 0
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
