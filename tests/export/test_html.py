"""export/html.py: every value from a plan is escaped; undefined names fail loudly."""

from __future__ import annotations

import jinja2
import pytest

from cchc_cli.export.html import render_string


def test_values_are_escaped() -> None:
    out = render_string("<p>{{ text }}</p>", text="<script>alert(1)</script> & “Sở”")
    assert out == "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; “Sở”</p>"


def test_undefined_names_are_errors() -> None:
    with pytest.raises(jinja2.UndefinedError):
        render_string("{{ missing }}")


def test_dates_print_as_dd_mm_yyyy() -> None:
    import datetime as dt

    assert render_string("{{ day | vn_date }}", day=dt.date(2025, 3, 5)) == "05/03/2025"
