"""The scheduled workflow that runs `cchc remind --send` every working day."""

from __future__ import annotations

import subprocess

from tests.conftest import ROOT
from tests.plan.test_schema import _tool

WORKFLOW = ROOT / ".github" / "workflows" / "remind.yml"


def test_workflow_is_valid_for_github() -> None:
    result = subprocess.run(
        [*_tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(WORKFLOW)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflow_runs_at_seven_in_vietnam_and_keeps_the_log() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    # GitHub's cron is UTC: 00:00 UTC is 07:00 in Asia/Ho_Chi_Minh (UTC+7), Monday to Friday.
    assert '- cron: "0 0 * * 1-5"' in text
    assert "CCHC_SMTP_PASSWORD: ${{ secrets.CCHC_SMTP_PASSWORD }}" in text
    assert "run: cchc remind --send\n" in text
    # The log is committed even when some units were not reached (exit 1), never when cancelled.
    assert "if: ${{ !cancelled() }}" in text and 'git add -- "${logs[@]}"' in text and "git push" in text
    assert "contents: write" in text and "group: cchc-remind" in text
