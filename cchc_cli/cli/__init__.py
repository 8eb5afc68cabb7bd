"""The `cchc` command line (typer). Importing this package registers every command."""

from . import plan_cmds  # noqa: F401  (registers due, list, show, units, deadline)
from .common import app

__all__ = ["app"]
