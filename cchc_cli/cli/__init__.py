"""The `cchc` command line (typer). Importing this package registers every command."""

from . import plan_cmds  # noqa: F401  (registers due, list, show, units, deadline)
from .common import app
from .lint_cmds import lint  # noqa: F401  (registers lint, schema, diff)
from .progress_cmds import done  # noqa: F401  (registers done, reopen, stats, report, export ics…)
from .word_cmd import export_docx  # noqa: F401  (registers export docx)

__all__ = ["app"]
