"""HTML: `report.html.j2`, autoescaped (contract text is untrusted), with the report embedded.

The report is embedded as `<script type="application/json" id="signoff-snapshot">`;
`<`, `>` and `&` are written as JSON unicode escapes so no contract quote can close
the script element.
"""

from __future__ import annotations

import re
from pathlib import Path

from signoff.errors import SignoffError
from signoff.report import templating
from signoff.report.formats import Renderer, parse_report
from signoff.report.snapshot import Report, canonical_json, short
from signoff.report.view import document_view
from signoff.wording import neutral

TEMPLATE = "report.html.j2"
_SCRIPT = re.compile(r'<script type="application/json" id="signoff-snapshot">(.*?)</script>', re.DOTALL)


def snapshot_script(report: Report) -> str:
    payload = neutral(canonical_json(report).decode("utf-8"), json=True)
    payload = payload.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/json" id="signoff-snapshot">{payload}</script>'


class HtmlRenderer(Renderer):
    extension = "html"

    def render(self, report: Report, template_dir: Path | None) -> bytes:
        from markupsafe import Markup

        ctx = {
            "r": report,
            "s": report.snapshot,
            "v": document_view(report, "signoff-report.html"),
            "fingerprint_short": short(report.fingerprint),
            "snapshot_script": Markup(snapshot_script(report)),
        }
        return templating.render(TEMPLATE, ctx, template_dir, autoescape=True).encode("utf-8")

    def extract(self, data: bytes, source: str) -> Report:
        m = _SCRIPT.search(data.decode("utf-8", errors="replace"))
        if m is None:
            raise SignoffError(
                f'{source}: no embedded snapshot (<script id="signoff-snapshot">) found; '
                "a custom template must include {{ snapshot_script }}"
            )
        return parse_report(m.group(1), source)
