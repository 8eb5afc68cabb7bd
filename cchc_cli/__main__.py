"""`python -m cchc_cli` and the `cchc` console script."""

from __future__ import annotations

import sys


def _utf8_streams() -> None:
    # Windows consoles and pipes may default to a legacy code page: Vietnamese needs UTF-8.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and (stream.encoding or "").lower().replace("-", "") != "utf8":
            reconfigure(encoding="utf-8", errors="replace")


def main() -> None:
    _utf8_streams()
    from cchc_cli.cli.main import app

    app(prog_name="cchc")


if __name__ == "__main__":
    main()
