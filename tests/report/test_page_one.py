"""The document an auditor reads in one minute: page 1 is the decision, then the detail, in every
readable format; no raw ids or ISO timestamps where a person reads; every shortfall has its gap.

Structural checks (section order, what page 1 holds), not pixels.
"""

import re
from pathlib import Path

import pytest

from signoff.assess import Workspace
from signoff.report import build_report
from signoff.report.formats import ReportFormat
from signoff.report.formats.docx import DocxRenderer
from signoff.report.formats.html import _SCRIPT
from signoff.wording import quote_text

from .conftest import legal_rejection

PARTS = [
    "Decisions",
    "Accountability",
    "Accepted risks",
    "1. Gaps by vendor and severity",
    "2. Checklist",
    "3. Contract findings by vendor and topic",
    "Appendix: inputs, decisions and how to verify",
]
ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


@pytest.fixture(scope="module")
def legal_rejected(tmp_path_factory, signers) -> Path:
    """The example workspace with legal's 'reject' signed by Sam Ortiz before the documents are made."""
    folder = tmp_path_factory.mktemp("page-one") / "ws"
    formats = (ReportFormat.docx, ReportFormat.html, ReportFormat.md)
    return legal_rejection(folder, signers("Sam Ortiz"), "the audit rights are too weak", formats)


def _docx_lines(folder: Path) -> list[str]:
    return DocxRenderer().body((folder / "out" / "signoff-report.docx").read_bytes())


def _html_text(folder: Path) -> str:
    html = (folder / "out" / "signoff-report.html").read_text(encoding="utf-8")
    return re.sub(r"<[^>]+>", " ", _SCRIPT.sub("", html.split("</head>", 1)[1]))


def _md_body(folder: Path) -> str:
    return (folder / "out" / "signoff-report.md").read_text(encoding="utf-8").split("\n---\n", 1)[1]


def test_docx_page_one_shows_the_decision(legal_rejected):
    lines = _docx_lines(legal_rejected)
    page_one = lines[: lines.index("1. Gaps by vendor and severity")]
    text = "\n".join(page_one)
    assert page_one[1].startswith("NOT READY: 16 blocker, 10 major and 0 minor gap(s) open, 1 accepted;")
    # The decisions table row: role, person, decision, date, note, signed and current.
    row = page_one.index("Sam Ortiz")
    assert page_one[row - 1 : row + 2] == ["Legal", "Sam Ortiz", "rejected"]
    assert "the audit rights are too weak" in page_one and "signed, on this assessment" in page_one
    assert "Outcome owner\nDana Reyes, Head of Support Operations" in text
    risk = page_one.index("Sam Okafor")
    assert page_one[risk - 1] == "G4 Notice of new subprocessors" and page_one[risk + 2] == "22 May 2027"


def test_docx_parts_come_in_order_each_on_a_new_page(legal_rejected):
    import docx

    doc = docx.Document(str(legal_rejected / "out" / "signoff-report.docx"))
    assert [p.text for p in doc.paragraphs if p.style.name == "Heading 1"] == PARTS
    numbered = [p for p in doc.paragraphs if p.style.name == "Heading 1" and p.text[0].isdigit()]
    for heading in numbered + [p for p in doc.paragraphs if p.text.startswith("Appendix")]:
        before = heading._p.getprevious()
        assert before is not None and 'w:type="page"' in before.xml, heading.text


def test_html_and_markdown_have_the_same_parts_in_the_same_order(legal_rejected):
    html = (legal_rejected / "out" / "signoff-report.html").read_text(encoding="utf-8")
    assert re.findall(r"<h2[^>]*>(.*?)</h2>", html) == PARTS
    assert re.findall(r"^## (.*)$", _md_body(legal_rejected), re.M) == PARTS
    # Printed, page 1 is the decision and each later part starts a page.
    assert html.count('<h2 style="page-break-before: always">') == 4


def test_no_raw_ids_field_names_or_iso_timestamps_where_a_person_reads(legal_rejected):
    report = build_report(Workspace.open(legal_rejected))
    s = report.snapshot
    item_ids = {a.item_id for sec in s.checklist for a in sec.answers if "_" in a.item_id}
    raw = item_ids | {g.id for g in s.gaps} | {"medium_high", "ready_with_accepted_gaps", "product_owner"}
    for name, text in (
        ("docx", "\n".join(_docx_lines(legal_rejected))),
        ("html", _html_text(legal_rejected)),
        ("md", _md_body(legal_rejected)),
    ):
        assert not ISO_MOMENT.search(text), name
        found = sorted(r for r in raw if re.search(rf"(?<![\w.]){re.escape(r)}(?![\w])", text))
        assert found == [], name


def test_every_falls_short_has_its_gap_and_links_to_it(legal_rejected):
    s = build_report(Workspace.open(legal_rejected)).snapshot
    gap_ids = {g.id for g in s.gaps}
    findings = [f for c in s.contracts for f in c.findings]
    short = [f for f in findings if "falls short, " in f.verdict]
    assert short and all(f.gaps and set(f.gaps) <= gap_ids for f in short)
    assert {"contract.audit", "contract.subprocessor_notice"} <= {g for f in short for g in f.gaps or []}
    # The customer's own indemnity falls short of 'vendor IP indemnity', which the vendor's meets: no gap.
    made_good = [f for f in findings if "falls short here" in f.verdict]
    assert made_good and all(not f.gaps for f in made_good)
    assert all("so it is not a gap" in f.verdict for f in made_good)
    html = (legal_rejected / "out" / "signoff-report.html").read_text(encoding="utf-8")
    for anchor in re.findall(r'<a href="#(g\d+)">', html):
        assert f'id="{anchor}"' in html
    body = _md_body(legal_rejected)
    audit = re.search(
        r"Audit reports and audit rights \(high tier\): falls short, major: [^|]*See gap (G\d+)\.", body
    )
    assert audit is not None
    heading = rf"^#### {audit.group(1)}\. Major: Audit reports and audit rights \(open\)$"
    assert re.search(heading, body, re.M)


def test_findings_are_grouped_by_topic_in_contract_order(legal_rejected):
    topics = re.findall(r"^#### 3\.1\.\d+ (.*)$", _md_body(legal_rejected), re.M)
    assert topics == ["Liability", "Indemnity", "Notice", "Exit", "Data", "Audit", "General"]
    body = _md_body(legal_rejected)
    notice = body[body.index("#### 3.1.3 Notice") : body.index("#### 3.1.4 Exit")]
    assert (
        notice.index("| Incident notice |")
        < notice.index("| Suspension |")
        < notice.index("| Notice of changes to terms |")
    )


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        ("the Provider's liabil-\nity shall  not\nexceed", "the Provider's liability shall not exceed"),
        ("fees paid\r\nin the 12 months", "fees paid in the 12 months"),
        ("a non-exclusive licence", "a non-exclusive licence"),
    ],
)
def test_quotes_are_shown_without_the_source_line_breaks_and_hyphenation(source, shown):
    assert quote_text(source) == shown


def test_a_finding_of_an_unknown_family_is_kept_after_the_known_topics_and_long_values_are_cut(report):
    from signoff.report.view import VALUES_SHOWN, document_view

    contract = report.snapshot.contracts[0]
    extra = contract.findings[0].model_copy(update={"topic": "insurance_terms", "values": "x, " * 200})
    contracts = [contract.model_copy(update={"findings": [*contract.findings, extra]})]
    changed = report.model_copy(
        update={"snapshot": report.snapshot.model_copy(update={"contracts": contracts})}
    )
    (vendor,) = document_view(changed, "r.md").vendors
    assert [t.topic for t in vendor.topics] == ["General", "Insurance terms"]
    (shown,) = vendor.topics[-1].findings
    assert len(shown.values) <= VALUES_SHOWN and shown.values.endswith("x\u2026")
