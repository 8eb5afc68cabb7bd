"""The `cchc` command line: importing this module registers every command on `app`.

Each command module adds its commands to the shared typer app of `common`; the folder's
`__init__.py` stays empty so that importing one of them (tests, benchmarks) costs only that.
"""

from cchc_cli.cli import (
    export_cmds,
    import_cmds,
    lint_cmds,
    plan_cmds,
    progress_cmds,
    remind_cmds,
    rollover_cmds,
    site_cmds,
)
from cchc_cli.cli.common import app, export_app
from cchc_cli.cli.vietnamese import OPTIONS_METAVAR

COMMAND_MODULES = (
    plan_cmds,
    lint_cmds,
    progress_cmds,
    export_cmds,
    site_cmds,
    import_cmds,
    remind_cmds,
    rollover_cmds,
)

for _typer in (app, export_app):  # "[TÙY CHỌN]" instead of "[OPTIONS]" in every usage line
    for _command in _typer.registered_commands:
        _command.options_metavar = OPTIONS_METAVAR

__all__ = ["COMMAND_MODULES", "app"]
