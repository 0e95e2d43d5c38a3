"""Jinja2 templates shipped as package files, overridable one file at a time.

A company's `--template-dir` is searched first (ChoiceLoader), so it can replace
`report.html.j2` alone and keep the bundled Markdown template. Undefined names
are errors, and every template error names the template and the line.
"""

from __future__ import annotations

import sys
import traceback
from pathlib import Path
from typing import Any

from signoff.errors import SignoffError
from signoff.wording import (
    date_text,
    decision_line,
    decision_text,
    neutral,
    not_counted_line,
    role_text,
    tier_text,
)


def shown(value: Any, then: Any = None) -> Any:
    """Every value a template prints: control and bidi characters made harmless (`neutral`), then
    the format's own escaping (`then`), so no contract quote can hide or reorder the report."""
    if isinstance(value, str) and not hasattr(value, "__html__"):  # markup signoff built itself
        value = neutral(value)
    return then(value) if then is not None else value


def environment(template_dir: Path | None, *, autoescape: bool, finalize: Any = None) -> Any:
    import jinja2

    loaders: list[jinja2.BaseLoader] = []
    if template_dir is not None:
        if not Path(template_dir).is_dir():
            raise SignoffError(f"{template_dir}: template folder not found; pass an existing folder")
        loaders.append(jinja2.FileSystemLoader(str(template_dir)))
    loaders.append(jinja2.PackageLoader("signoff.report", "templates"))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=lambda value: shown(value, finalize),
    )
    # The snapshot holds data (tier ids, ISO dates); templates word it with the one vocabulary.
    env.filters.update(
        tier=tier_text,
        when=date_text,
        decision=decision_text,
        role=role_text,
        decision_line=decision_line,
        not_counted=not_counted_line,
    )
    return env


def _template_line(name: str) -> int | None:
    """Line in the template where the error happened, from Jinja's rewritten traceback."""
    tb = sys.exc_info()[2]
    line = None
    for frame in traceback.extract_tb(tb):
        if frame.filename and frame.filename.endswith(name):
            line = frame.lineno
    return line


def render(
    name: str, context: dict[str, Any], template_dir: Path | None, *, autoescape: bool, finalize: Any = None
) -> str:
    """Render template `name`, turning any template problem into a SignoffError naming file and line."""
    import jinja2

    env = environment(template_dir, autoescape=autoescape, finalize=finalize)
    try:
        template = env.get_template(name)
        return template.render(**context)
    except jinja2.TemplateSyntaxError as e:
        where = e.filename or e.name or name
        raise SignoffError(f"{where}:{e.lineno}: template error: {e.message}") from None
    except jinja2.TemplateNotFound as e:
        raise SignoffError(
            f"template {e.name} not found in {template_dir or 'the bundled templates'}"
        ) from None
    except (jinja2.TemplateError, TypeError, AttributeError, KeyError) as e:
        line = _template_line(name)
        source = template_source_path(name, template_dir)
        where = f"{source}:{line}" if line else str(source)
        raise SignoffError(f"{where}: template error: {e}") from None


def template_source_path(name: str, template_dir: Path | None) -> str:
    if template_dir is not None and (Path(template_dir) / name).is_file():
        return str(Path(template_dir) / name)
    return f"(bundled) {name}"
