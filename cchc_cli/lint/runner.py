"""Lint one plan file: parse it once, build the rule context, run the enabled rules.

`lint_file` returns diagnostics sorted by position; it never prints or exits. The YAML is
read once (libyaml's C parser, node marks kept in the SourceMap) and every rule works from
that one parse.
"""

from __future__ import annotations

from pathlib import Path

from cchc_cli.diagnostics import Diagnostic
from cchc_cli.lint.config import LintConfig
from cchc_cli.lint.registry import RULES, LintContext
from cchc_cli.plan.loader import Document, check_document, parse_document


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
    """Every problem of one plan file, sorted by line; `shown` is the name used in reports."""
    return run_rules(build_context(parse_document(path, shown)), config)
