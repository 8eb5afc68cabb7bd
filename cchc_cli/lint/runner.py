"""Lint one plan file: parse it once, build the rule context, run the enabled rules.

`lint_file` returns diagnostics sorted by position; it never prints or exits. The YAML is
read once (libyaml's C parser, node marks kept in the SourceMap) and every rule works from
that one parse.
"""

from __future__ import annotations

from pathlib import Path

from cchc_cli.diagnostics import Diagnostic, Severity
from cchc_cli.lint.config import LintConfig
from cchc_cli.lint.registry import RULES, LintContext
from cchc_cli.plan.discovery import PROGRESS_SUFFIX, plan_of_progress
from cchc_cli.plan.loader import Document, check_document, check_plan, parse_document
from cchc_cli.plan.sourcemap import display_path


def build_context(doc: Document) -> LintContext:
    plan, problems = check_document(doc)
    return LintContext(doc.path, doc.text, doc.data, doc.source, plan, problems)


def run_rules(ctx: LintContext, config: LintConfig) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for rule in RULES.values():
        if not config.enabled(rule.ID):
            continue
        severity = config.severity_for(rule.ID, rule.SEVERITY)
        found.extend(
            Diagnostic(ctx.path, f.line, f.column, severity, rule.ID, f.message) for f in rule.check(ctx)
        )
    # A loader problem no rule claims (a code added to the loader later) is still reported.
    found.extend(p for p in ctx.loader_problems if p.code not in RULES)
    found.sort(key=Diagnostic.sort_key)
    return found


def lint_file(path: Path, config: LintConfig, shown: str | None = None) -> list[Diagnostic]:
    """Every problem of one plan file, sorted by line; `shown` is the name used in reports.
    A progress file (`*.progress.yaml`) is checked as one, against its plan beside it."""
    if path.name.endswith(PROGRESS_SUFFIX):
        return lint_progress(path, shown or display_path(path))
    return run_rules(build_context(parse_document(path, shown)), config)


def lint_progress(path: Path, shown: str) -> list[Diagnostic]:
    """A progress file's problems (syntax, schema, unknown tasks, milestones and periods, done
    dates, duplicates), checked against the plan of the same name beside it."""
    from cchc_cli.progress.log import check_progress

    plan_path = plan_of_progress(path)
    plan_shown = display_path(plan_path)
    if not plan_path.is_file():
        message = (
            f"tệp tiến độ cần kế hoạch đi kèm {plan_shown} để kiểm tra, nhưng không thấy tệp đó; "
            "đặt tệp tiến độ cạnh kế hoạch của nó"
        )
        return [Diagnostic(shown, 1, 1, Severity.ERROR, "file", message)]
    loaded, plan_problems = check_plan(plan_path, plan_shown)
    if loaded is None or any(p.severity is Severity.ERROR for p in plan_problems):
        message = f"kế hoạch đi kèm {plan_shown} có lỗi; chạy cchc lint {plan_shown} và sửa trước"
        return [Diagnostic(shown, 1, 1, Severity.ERROR, "file", message)]
    _log, problems = check_progress(path, loaded, shown)
    return sorted(problems, key=Diagnostic.sort_key)
