"""How the DOCX reads: title page, sections, tables, page header and footer, properties.

Only layout lives here; `docx.py` turns the result into reproducible bytes and reads
documents back for verify.
"""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from typing import Any

from signoff.report.snapshot import Report, Snapshot, canonical_json
from signoff.report.view import document_view
from signoff.wording import date_text, decision_line, neutral, not_counted_line, tier_text

NS = "urn:signoff:report:1"


def _date(snapshot: Snapshot) -> datetime:
    return datetime.fromisoformat(snapshot.date.replace("Z", "+00:00")).astimezone(UTC).replace(tzinfo=None)


def header_text(snapshot: Snapshot) -> str:
    """What the page header says on every page: the not-ready banner when there is one."""
    return snapshot.banner or f"AI launch sign-off: {snapshot.deployment} ({snapshot.status_label})"


def _neutral_all(value: Any) -> Any:
    if isinstance(value, str):
        return neutral(value)
    if isinstance(value, dict):
        return {k: _neutral_all(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_neutral_all(v) for v in value]
    return value


def _as_shown(report: Report) -> Report:
    """The report with every string through `neutral`: Word's XML cannot hold a control character
    (python-docx refuses it, and so the PDF made from the DOCX failed), and a bidi override in a
    quote would reorder the page around it."""
    return Report.model_validate(_neutral_all(report.model_dump()))


class DocxWriter:
    """Lays the report out in a python-docx Document."""

    def __init__(self, doc: Any, report: Report, *, restyle: bool):
        self.doc = doc
        self.original = report  # embedded as it is; verify re-renders the pages from it
        self.r = _as_shown(report)
        self.s = self.r.snapshot
        self.v = document_view(self.r, "signoff-report.docx")
        self.restyle = restyle

    def write(self) -> None:
        if self.restyle:
            self._styles()
        self._properties()
        self._page_furniture()
        self._decision_page()
        self._gaps()
        self._checklist()
        self._findings()
        self._appendix()
        self._embed()

    def _styles(self) -> None:
        """A sans-serif body that every word processor has, and 2 cm side margins so six-column
        tables have room (a reference.docx keeps its own styles and margins)."""
        from docx.shared import Cm, Pt

        normal = self.doc.styles["Normal"]
        normal.font.name = "Arial"
        normal.font.size = Pt(10)
        for section in self.doc.sections:
            section.left_margin = section.right_margin = Cm(2)

    def _properties(self) -> None:
        p = self.doc.core_properties
        when = _date(self.s)
        # Core properties are limited to 255 characters each.
        p.title = f"AI launch sign-off: {self.s.deployment}"[:255]
        p.subject = f"{self.s.status_label}; risk tier {tier_text(self.s.tier.tier)}"[:255]
        p.author = "signoff"
        p.last_modified_by = "signoff"
        p.keywords = f"signoff; fingerprint {self.r.fingerprint}; {self.s.status}"
        p.comments = "Fingerprint: SHA-256 of everything this document states, its signed decisions included."
        p.category = "AI launch sign-off"
        p.identifier = self.r.fingerprint
        p.version = self.s.manifest.tool_version
        p.revision = 1
        p.created = when
        p.modified = when
        p.last_printed = when

    def _page_furniture(self) -> None:
        from docx.shared import Pt, RGBColor

        for section in self.doc.sections:
            header = section.header.paragraphs[0]
            header.text = ""
            run = header.add_run(header_text(self.s))
            run.bold = bool(self.s.banner)
            run.font.size = Pt(9)
            if self.s.banner:
                run.font.color.rgb = RGBColor(0xB0, 0x00, 0x20)
            footer = section.footer.paragraphs[0]
            footer.text = ""
            small = footer.add_run(f"Fingerprint {self.r.fingerprint}   Page ")
            small.font.size = Pt(7.5)
            _field(footer, "PAGE", "1", Pt(7.5))
            footer.add_run(" of ").font.size = Pt(7.5)
            _field(footer, "NUMPAGES", "1", Pt(7.5))

    def _table(
        self,
        headers: list[str] | None,
        rows: list[list[str]],
        size: float = 8.5,
        weights: list[float] | None = None,
    ) -> Any:
        """A grid table; `weights` are relative column widths (two columns default to label + value)."""
        from docx.shared import Pt

        ncols = len(headers) if headers else len(rows[0])
        table = self.doc.add_table(rows=0, cols=ncols)
        table.style = "Table Grid"
        table.autofit = False
        if headers:
            cells = table.add_row().cells
            for cell, text in zip(cells, headers, strict=True):
                run = cell.paragraphs[0].add_run(text)
                run.bold = True
                run.font.size = Pt(size)
            _repeat_header(table.rows[0])
        for values in rows:
            row = table.add_row()
            for cell, text in zip(row.cells, values, strict=True):
                cell.paragraphs[0].add_run(text).font.size = Pt(size)
        self._widths(table, weights or ([1.0, 2.6] if ncols == 2 else [1.0] * ncols))
        self.doc.add_paragraph()
        return table

    def _widths(self, table: Any, weights: list[float]) -> None:
        sec = self.doc.sections[-1]
        usable = sec.page_width - sec.left_margin - sec.right_margin
        # Word reads the cell widths, LibreOffice the table grid: set both.
        grid = table._tbl.tblGrid.gridCol_lst
        for column, grid_col, weight in zip(table.columns, grid, weights, strict=True):
            width = int(usable * weight / sum(weights))
            grid_col.w = width
            for cell in column.cells:
                cell.width = width

    def _decision_page(self) -> None:
        """Page 1: what was decided, by whom, on what, and which risks were accepted."""
        s, v = self.s, self.v
        self.doc.add_heading(v.title, level=0)
        self._status()
        why = f": {' '.join(v.tier_why)}" if v.tier_why else ""
        self._table(
            None,
            [
                ["Deployment", s.deployment],
                ["Date", date_text(s.date)],
                ["Risk tier", v.tier_line + why],
                ["Fingerprint", self.r.fingerprint],
            ],
            size=9.5,
        )
        self.doc.add_heading("Decisions", level=1)
        self._table(
            ["Role", "Person", "Decision", "Date", "Note", "Signed and current"],
            [[d.role, d.person, d.decision, d.date, d.note, d.standing] for d in v.decisions],
            weights=[1.1, 1.2, 1.1, 1.3, 1.6, 1.5],
        )
        self.doc.add_heading("Accountability", level=1)
        self._table(
            None,
            [["Outcome owner", v.outcome_owner], ["Redress path", v.redress], ["Feedback duty", v.feedback]],
            size=9,
        )
        self.doc.add_heading("Accepted risks", level=1)
        if v.risks:
            self._table(
                ["Gap", "Approver", "Reason", "Until"],
                [[k.gap, k.approver, k.reason, k.until] for k in v.risks],
                weights=[1.8, 1.0, 2.4, 1.0],
            )
        else:
            self.doc.add_paragraph("No gap is accepted.")

    def _status(self) -> None:
        from docx.shared import Pt, RGBColor

        run = self.doc.add_paragraph().add_run(self.v.status_line)
        run.bold = True
        run.font.size = Pt(12)
        if not self.s.ready:
            run.font.color.rgb = RGBColor(0xB0, 0x00, 0x20)

    def _part(self, title: str) -> None:
        """Each part after page 1 starts on a new page."""
        self.doc.add_page_break()
        self.doc.add_heading(title, level=1)

    def _gaps(self) -> None:
        n = self.s.counts
        self._part("1. Gaps by vendor and severity")
        self.doc.add_paragraph(
            f"Open: {n.blocker} blocker, {n.major} major, {n.minor} minor. Accepted: {n.accepted}."
        )
        if not self.v.gap_groups:
            self.doc.add_paragraph("No gaps.")
        bookmark_ids = itertools.count()
        for i, group in enumerate(self.v.gap_groups, 1):
            self.doc.add_heading(f"1.{i} {group.vendor}", level=2)
            for g in group.gaps:
                heading = self.doc.add_heading(f"{g.label}. {g.severity}: {g.title} ({g.state})", level=3)
                _bookmark(heading, g.anchor, bookmark_id=next(bookmark_ids))
                rows = [("Requirement", g.requirement), ("Problem", g.problem)]
                if g.where:
                    rows.append(("Citation", f"{g.where}: \u201c{g.quote}\u201d"))
                rows.append(("Ask", g.ask))
                if g.fallback:
                    rows.append(("Fallback wording", g.fallback))
                if g.acceptance:
                    rows.append(("Acceptance", g.acceptance))
                # Labelled paragraphs rather than a table: LibreOffice drops rows of small unsplittable
                # tables that follow a heading at a page end.
                for label, text in rows:
                    p = self.doc.add_paragraph(style="List Bullet")
                    p.add_run(f"{label}: ").bold = True
                    p.add_run(text)

    def _checklist(self) -> None:
        self._part("2. Checklist")
        self.doc.add_paragraph(
            f"Required items answered: {self.s.counts.answered} of {self.s.counts.required}."
        )
        for i, sec in enumerate(self.s.checklist, 1):
            self.doc.add_heading(f"2.{i} {sec.title}", level=2)
            rows = []
            for a in sec.answers:
                evidence = "\n".join(
                    e.path
                    + (f" sha256:{e.sha256}" if e.sha256 else "")
                    + (f" ({e.status})" if e.status in ("missing", "changed") else "")
                    for e in a.evidence
                )
                who = ", ".join(x for x in (a.answered_by, a.answered_at and date_text(a.answered_at)) if x)
                question = a.question + (" (required)" if a.required else "")
                rows.append([question, a.answer, who, evidence])
            self._table(["Question", "Answer", "Answered by", "Evidence"], rows, weights=[2.4, 2.6, 1.5, 1.1])

    def _findings(self) -> None:
        self._part("3. Contract findings by vendor and topic")
        if not self.v.vendors:
            self.doc.add_paragraph("No vendor contract was analysed.")
        for i, vendor in enumerate(self.v.vendors, 1):
            self.doc.add_heading(f"3.{i} {vendor.vendor}", level=2)
            for line in vendor.files:
                self.doc.add_paragraph(line, style="List Bullet")
            self.doc.add_paragraph(f"Findings reviewed by legal: {vendor.reviewed}.")
            for j, topic in enumerate(vendor.topics, 1):
                self.doc.add_heading(f"3.{i}.{j} {topic.topic}", level=3)
                table = self._table(
                    ["Clause", "Quote", "Where", "Values", "Playbook verdict"],
                    [
                        [f.clause, f"\u201c{f.quote}\u201d", f.where, _with_review(f.values, f.review)]
                        + [f.verdict]
                        for f in topic.findings
                    ],
                    # Centimetres of the 17 cm line: the quote gets the room.
                    weights=[3.0, 5.0, 2.7, 2.8, 3.6],
                )
                for row, f in zip(table.rows[1:], topic.findings, strict=True):
                    if f.links:
                        _gap_links(row.cells[-1].paragraphs[0], f.links)
            if vendor.absent:
                self.doc.add_paragraph(
                    f"Not found in the contracts of {vendor.vendor}: {', '.join(vendor.absent)}."
                )
        self.doc.add_paragraph("A blank verdict: the playbook takes no position on that clause at this tier.")

    def _appendix(self) -> None:
        m = self.s.manifest
        self._part("Appendix: inputs, decisions and how to verify")
        self.doc.add_heading("Inputs", level=2)
        self._table(
            ["Role", "File", "SHA-256", "State"],
            [[f.role, f.path, f.sha256, f.status] for f in m.files],
            weights=[0.8, 2.2, 2.6, 0.6],
        )
        self._table(
            None,
            [
                ["Tool", f"signoff {m.tool_version}"],
                ["Checklist", f"version {m.checklist_version}, sha256 {m.checklist_sha256}"],
                ["Playbook", f"version {m.playbook_version}, sha256 {m.playbook_sha256}"],
                ["Journal head", f"{m.journal_head or 'empty journal'} ({m.journal_entries} entries)"],
                ["Assessment fingerprint", self.r.assessment_fingerprint],
                ["Document fingerprint", self.r.fingerprint],
            ],
        )
        self.doc.add_heading("Decisions", level=2)
        decisions = [decision_line(a) for a in self.r.approvals]
        if not decisions:
            self.doc.add_paragraph("No decision has been signed.")
        uncounted = [not_counted_line(x) for x in self.r.not_counted]
        for title, items in (
            ("All signed decisions, oldest first:", decisions),
            ("Decisions in the journal that do not count:", uncounted),
        ):
            if items:
                self.doc.add_paragraph(title)
            for item in items:
                self.doc.add_paragraph(item, style="List Bullet")
        self.doc.add_paragraph(self.s.fingerprint_scope)
        self.doc.add_heading("How to verify", level=2)
        for line in self.v.how_to_verify:
            self.doc.add_paragraph(line, style="List Bullet")

    def _embed(self) -> None:
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from docx.opc.packuri import PackURI
        from docx.opc.part import Part
        from lxml import etree

        root = etree.Element(f"{{{NS}}}report", nsmap={"signoff": NS})
        root.text = neutral(canonical_json(self.original).decode("utf-8"), json=True)
        blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        package = self.doc.part.package
        # The base document may already hold custom XML parts (python-docx's default does).
        partname = package.next_partname("/customXml/item%d.xml")
        part = Part(PackURI(partname), "application/xml", blob, package)
        self.doc.part.relate_to(part, RT.CUSTOM_XML)


def _field(paragraph: Any, instr: str, placeholder: str, size: Any) -> None:
    """A Word field (PAGE, NUMPAGES) that the word processor fills in on every page."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), instr)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    sz = OxmlElement("w:sz")
    sz.set(qn("w:val"), str(int(size.pt * 2)))  # w:sz counts half-points
    props.append(sz)
    run.append(props)
    text = OxmlElement("w:t")
    text.text = placeholder
    run.append(text)
    fld.append(run)
    paragraph._p.append(fld)


def _bookmark(paragraph: Any, name: str, bookmark_id: int) -> None:
    """A bookmark around a paragraph, the target of the links from the findings to their gap."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
    start.set(qn("w:id"), str(bookmark_id))
    start.set(qn("w:name"), name)
    end.set(qn("w:id"), str(bookmark_id))
    paragraph._p.insert(0, start)
    paragraph._p.append(end)


def _gap_links(paragraph: Any, labels: list[str]) -> None:
    """' See gap G2, G3.' after a verdict, each label a link to its gap's heading."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    size = paragraph.runs[0].font.size if paragraph.runs else Pt(8.5)
    paragraph.add_run(" See gap ").font.size = size
    for n, label in enumerate(labels):
        link = OxmlElement("w:hyperlink")
        link.set(qn("w:anchor"), label.lower())
        run = paragraph.add_run(label)
        run.font.size = size
        run.font.underline = True
        link.append(run._r)
        paragraph._p.append(link)
        if n < len(labels) - 1:
            paragraph.add_run(", ").font.size = size
    paragraph.add_run(".").font.size = size


def _repeat_header(row: Any) -> None:
    """Mark a table's first row as a header repeated at the top of each page."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    tr_pr.append(flag)


def _with_review(values: str, review: str) -> str:
    """The values and, when legal reviewed the finding, what they did and why."""
    return f"{values} ({review})" if review else values
