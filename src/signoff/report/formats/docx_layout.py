"""How the DOCX reads: title page, sections, tables, page header and footer, properties.

Only layout lives here; `docx.py` turns the result into reproducible bytes and reads
documents back for verify.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from signoff.report.snapshot import Report, Snapshot, canonical_json
from signoff.wording import date_text, decision_line, decision_text, neutral, not_counted_line, tier_text

NS = "urn:signoff:report:1"


def _date(snapshot: Snapshot) -> datetime:
    return datetime.fromisoformat(snapshot.date.replace("Z", "+00:00")).astimezone(UTC).replace(tzinfo=None)


def wrappable(code: str) -> str:
    """An id or timestamp that may wrap after '_' or 'T' instead of mid-word in a narrow column.

    The zero-width space is invisible, absent from the PDF's text, and squashed by verify.
    """
    return code.replace("_", "_\u200b").replace("T", "T\u200b")


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
        self.restyle = restyle

    def write(self) -> None:
        if self.restyle:
            self._styles()
        self._properties()
        self._page_furniture()
        self._title_page()
        self._tier()
        self._accountability()
        self._checklist()
        self._contracts()
        self._gaps()
        self._signoff()
        self._manifest()
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
    ) -> None:
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
            _keep_row_together(row)
            for cell, text in zip(row.cells, values, strict=True):
                cell.paragraphs[0].add_run(text).font.size = Pt(size)
        self._widths(table, weights or ([1.0, 2.6] if ncols == 2 else [1.0] * ncols))
        self.doc.add_paragraph()

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

    def _title_page(self) -> None:
        s = self.s
        self.doc.add_heading(f"AI launch sign-off: {s.deployment}", level=0)
        if s.banner:
            self._banner()
        self._table(
            None,
            [
                ["Deployment", s.deployment],
                ["Risk tier", tier_text(s.tier.tier)],
                ["Date", date_text(s.date)],
                ["Status", s.status_label],
                ["Fingerprint", self.r.fingerprint],
            ],
            size=10,
        )
        self.doc.add_heading("1. Summary", level=1)
        self._table(["Item", "Value"], [[row.label, row.value] for row in s.summary], size=10)
        self.doc.add_page_break()

    def _banner(self) -> None:
        from docx.shared import Pt, RGBColor

        run = self.doc.add_paragraph().add_run(self.s.banner or "")
        run.bold = True
        run.font.size = Pt(12)
        run.font.color.rgb = RGBColor(0xB0, 0x00, 0x20)

    def _tier(self) -> None:
        t = self.s.tier
        self.doc.add_heading("2. Risk tier", level=1)
        derived = tier_text(t.derived_tier)
        self.doc.add_paragraph(f"Tier in force: {tier_text(t.tier)} (derived from the answers: {derived}).")
        for note in t.notes:
            self.doc.add_paragraph(f"Note: {note}")
        rows = [[wrappable(x.item_id), x.question, x.answer, x.effect] for x in t.reasons]
        self._table(
            ["Item id", "Question", "Answer", "Sets tier"],
            rows or [["", "No answer raised the tier above low.", "", ""]],
            weights=[1.1, 2.0, 1.8, 1.8],
        )

    def _accountability(self) -> None:
        a = self.s.accountability
        self.doc.add_heading("3. Accountability", level=1)
        self._table(
            None,
            [
                ["Outcome owner", a.outcome_owner or "not named"],
                ["Redress model", a.redress or "not stated"],
                ["Feedback duty", a.feedback_duty or "not stated"],
            ],
            size=10,
        )

    def _checklist(self) -> None:
        self.doc.add_heading("4. Checklist answers", level=1)
        self.doc.add_paragraph(
            f"Required items answered: {self.s.counts.answered} of {self.s.counts.required}."
        )
        for i, sec in enumerate(self.s.checklist, 1):
            self.doc.add_heading(f"4.{i} {sec.title}", level=2)
            rows = []
            for a in sec.answers:
                evidence = "\n".join(
                    e.path
                    + (f" sha256:{e.sha256}" if e.sha256 else "")
                    + (f" ({e.status})" if e.status in ("missing", "changed") else "")
                    for e in a.evidence
                )
                who = " ".join(x for x in (a.answered_by, a.answered_at and date_text(a.answered_at)) if x)
                rows.append(
                    [
                        wrappable(a.item_id) + (" (required)" if a.required else ""),
                        a.question,
                        a.answer,
                        who,
                        evidence,
                    ]
                )
            self._table(
                ["Item id", "Question", "Answer", "Answered by", "Evidence"],
                rows,
                weights=[1.2, 1.8, 1.8, 1.0, 1.4],
            )

    def _contracts(self) -> None:
        self.doc.add_heading("5. Vendor contracts", level=1)
        if not self.s.contracts:
            self.doc.add_paragraph("No vendor contract was analysed.")
        for i, c in enumerate(self.s.contracts, 1):
            self.doc.add_heading(f"5.{i} {c.file}", level=2)
            state = "" if c.status == "ok" else f" ({c.status})"
            self.doc.add_paragraph(
                f"Vendor: {c.vendor or 'not identified'}; SHA-256 {c.sha256}{state}; "
                f"added {date_text(c.added_at)}."
            )
            # The Clause column shows the title: a 30-letter id cannot wrap in a narrow column
            # and stays in the embedded snapshot for anyone who needs it.
            rows = [
                [
                    f.label,
                    f"\u201c{f.citation.quote}\u201d",
                    str(f.citation.page or ""),
                    f.citation.section or "",
                    f.values,
                    f.verdict,
                ]
                for f in c.findings
            ]
            if rows:
                self._table(
                    ["Clause", "Quote", "Page", "Section", "Values", "Playbook verdict"],
                    rows,
                    # Centimetres of the 17.6 cm line: Page just fits its header, and Section and
                    # Values fit 'Indemnification' unbroken, even in DejaVu Sans (wider than Arial),
                    # which LibreOffice uses when Arial is not installed.
                    weights=[2.6, 4.4, 1.4, 2.9, 2.9, 3.4],
                )
            if c.absent:
                self.doc.add_paragraph(f"Not found in this contract: {', '.join(c.absent_labels)}.")

    def _gaps(self) -> None:
        n = self.s.counts
        self.doc.add_heading("6. Gaps", level=1)
        self.doc.add_paragraph(
            f"Open: {n.blocker} blocker, {n.major} major, {n.minor} minor. Accepted: {n.accepted}."
        )
        if not self.s.gaps:
            self.doc.add_paragraph("No gaps.")
        for i, g in enumerate(self.s.gaps, 1):
            self.doc.add_heading(f"6.{i} [{g.severity}] {g.title} ({g.state})", level=2)
            rows = [
                ("Gap id", g.id),
                ("Requirement", g.requirement),
                ("Problem", g.problem),
                ("Found", g.found or "nothing"),
            ]
            if g.citation:
                c = g.citation
                where = (
                    c.document
                    + (f", page {c.page}" if c.page else "")
                    + (f", section {c.section}" if c.section else "")
                )
                rows.append(("Citation", f"{where}: \u201c{c.quote}\u201d"))
            rows.append(("Recommendation", g.recommendation))
            if g.fallback_wording:
                rows.append(("Fallback wording", g.fallback_wording))
            if g.acceptance:
                a = g.acceptance
                rows.append(
                    (
                        "Accepted",
                        f"by {a.approver} until {date_text(a.until)}"
                        + (" (EXPIRED)" if a.expired else "")
                        + f": {a.reason}",
                    )
                )
            # Labelled paragraphs rather than a table: LibreOffice drops rows of small unsplittable
            # tables that follow a heading at a page end.
            for label, text in rows:
                p = self.doc.add_paragraph(style="List Bullet")
                p.add_run(f"{label}: ").bold = True
                p.add_run(text)

    def _signoff(self) -> None:
        self.doc.add_heading("7. Sign-off", level=1)
        rows = [
            [x.role_label, x.name, decision_text(x.decision), x.date and date_text(x.date), x.against, x.note]
            for x in self.r.signoff
        ]
        self._table(
            ["Role", "Name", "Decision", "Date", "Against assessment", "Note"],
            rows,
            weights=[1.0, 1.2, 0.8, 0.9, 1.4, 1.4],
        )
        self.doc.add_paragraph(self.s.fingerprint_scope)
        self.doc.add_paragraph(f"Assessment fingerprint: {self.r.assessment_fingerprint}")
        uncounted = [not_counted_line(x) for x in self.r.not_counted]
        for title, items in (
            ("All signed decisions, oldest first:", [decision_line(a) for a in self.r.approvals]),
            ("Decisions in the journal that do not count:", uncounted),
        ):
            if items:
                self.doc.add_paragraph(title)
            for item in items:
                self.doc.add_paragraph(item, style="List Bullet")

    def _manifest(self) -> None:
        m = self.s.manifest
        self.doc.add_heading("Appendix: manifest", level=1)
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
                ["Document fingerprint", self.r.fingerprint],
            ],
        )

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


def _keep_row_together(row: Any) -> None:
    """Never split a row over two pages: a quote cut in half is hard to read and to check."""
    from docx.oxml import OxmlElement

    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _repeat_header(row: Any) -> None:
    """Mark a table's first row as a header repeated at the top of each page."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    tr_pr.append(flag)
