"""HTML from Jinja2 templates, every value escaped: the one module that imports jinja2.

The static site (`cchc site`) and the HTML part of reminder e-mails are written from templates
in `templates/html/` (shipped inside the package as `cchc_cli/templates/html/`). Autoescaping
is always on and undefined names are errors, so a task whose text is `<script>…</script>`
shows that text and runs nothing, and a template typo fails loudly in the tests.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from cchc_cli.dates import vn_date
from cchc_cli.safetext import document_text


def templates_dir() -> Path:
    """The HTML templates shipped in the package (cchc_cli/templates/html), or the repository's."""
    from cchc_cli.plan.discovery import shipped

    return shipped("templates", "html")


def _vn_date(value: dt.date | None) -> str:
    return vn_date(value)


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # templates ship with the package: no stat() before each render
    )
    env.filters["vn_date"] = _vn_date
    return env


def render(name: str, **context: Any) -> str:
    """The template `name` (e.g. "site/overview.html") filled with `context`, escaped, and
    every control character in it shown as an escape (safetext: the templates hold none, so
    each one came from the plan or the progress file, pieces included)."""
    return document_text(environment().get_template(name).render(**context))


def render_string(source: str, **context: Any) -> str:
    """A template given as text (tests, one-off snippets), with the same escaping."""
    return document_text(environment().from_string(source).render(**context))


def fragment_renderer(name: str, **context: Any) -> Callable[..., Markup]:
    """The `piece` macro of the template `name`, bound once to `context`.

    A piece of a page (a table row, one task) is rendered on its own, escaped here and placed
    in a page as it is: the site renders each piece once and may place it on a page of the
    whole plan or on a page of one section, whichever keeps the page small enough. A site
    renders thousands of them, so the values every piece shares are bound once (the template
    made a module) and each piece costs a macro call, not a render with a fresh context."""
    module = environment().get_template(name).make_module(vars=context)
    piece: Callable[..., Markup] = getattr(module, "piece")  # noqa: B009 (a template-defined name)
    return piece
