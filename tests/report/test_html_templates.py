"""HTML escapes hostile contract text; templates are overridable one file at a time; errors name file:line."""

import re

import pytest

from signoff.errors import SignoffError
from signoff.report.formats import ReportFormat, renderer

from .report_samples import sample_report

HTML = renderer(ReportFormat.html)
MD = renderer(ReportFormat.md)


def test_html_escapes_hostile_contract_text():
    html = HTML.render(sample_report(), None).decode()
    assert "<script>alert" not in html
    assert "<b>terminate</b>" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html


def test_hostile_text_cannot_close_the_embedded_snapshot_script():
    html = HTML.render(sample_report(), None).decode()
    block = re.search(r'<script type="application/json" id="signoff-snapshot">(.*?)</script>', html, re.S)
    assert block is not None
    assert "<" not in block.group(1) and ">" not in block.group(1)
    assert HTML.extract(html.encode(), "x.html") == sample_report()


def test_html_shows_the_not_ready_banner_and_fingerprint_for_print():
    html = HTML.render(sample_report(), None).decode()
    assert '<div class="banner" role="alert">NOT READY' in html
    assert "@media print" in html and sample_report().fingerprint in html


def test_markdown_escapes_table_breaking_and_html_characters():
    body = MD.render(sample_report(), None).decode().split("\n---\n", 1)[1]
    row = next(line for line in body.splitlines() if line.startswith("| suspension |"))
    assert "&lt;script&gt;" in row and "\\|" in row
    assert row.count(" | ") == 4  # five cells: the quote's own '|' did not add a column


def test_template_dir_overrides_one_template_and_keeps_the_others(tmp_path):
    (tmp_path / "report.md.j2").write_text("Company layout for {{ s.deployment }}\n")
    md = MD.render(sample_report(), tmp_path).decode()
    assert md.endswith("---\nCompany layout for Support copilot (EU)\n")
    assert HTML.render(sample_report(), tmp_path) == HTML.render(sample_report(), None)


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("line one\n{% for x in %}\n", r"report\.md\.j2:2: template error"),
        ("ok\nok\n{{ s.no_such_field }}\n", r"report\.md\.j2:3: template error: .*no_such_field"),
        ("{{ s.deployment | no_such_filter }}\n", r"report\.md\.j2:1: template error: .*no_such_filter"),
    ],
    ids=["syntax", "undefined-field", "unknown-filter"],
)
def test_template_error_names_the_template_and_line(tmp_path, template, message):
    (tmp_path / "report.md.j2").write_text(template)
    with pytest.raises(SignoffError, match=message):
        MD.render(sample_report(), tmp_path)


def test_missing_template_dir_is_a_clear_error(tmp_path):
    with pytest.raises(SignoffError, match="template folder not found"):
        MD.render(sample_report(), tmp_path / "nope")
