"""plan/settings.py: one reader of `.cchc.yaml` and `[tool.cchc.*]`, every bad setting on its line."""

from __future__ import annotations

from pathlib import Path

from cchc_cli.lint.config import config_for
from cchc_cli.plan.settings import find_settings, read_settings, settings_for


def test_nearest_file_wins_and_yaml_before_toml(tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    (tmp_path / "pyproject.toml").write_text("[tool.cchc.stats]\ntiers = []\n", encoding="utf-8")
    assert find_settings(plans) == (tmp_path / "pyproject.toml").resolve()
    (tmp_path / ".cchc.yaml").write_text("stats:\n  tiers: []\n", encoding="utf-8")
    assert find_settings(plans) == (tmp_path / ".cchc.yaml").resolve()
    (plans / ".cchc.yaml").write_text("lint: {}\n", encoding="utf-8")
    assert find_settings(plans) == (plans / ".cchc.yaml").resolve()


def test_pyproject_without_a_cchc_table_does_not_count(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert settings_for(tmp_path) == (None, [])


def test_unknown_section_is_reported_with_its_line_and_a_suggestion(tmp_path: Path) -> None:
    path = tmp_path / ".cchc.yaml"
    path.write_text("lint:\n  disable: []\nstat:\n  tiers: []\n", encoding="utf-8")
    settings, problems = read_settings(path)
    assert settings is not None
    [problem] = problems
    assert (problem.line, problem.column, problem.code) == (3, 1, "config")
    assert "'stat'" in problem.message and "có phải 'stats'" in problem.message


def test_toml_positions_follow_the_table(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text(
        '[project]\nname = "x"\n\n[tool.cchc.lint]\ndisable = ["whitespace", "khong-co"]\n',
        encoding="utf-8",
    )
    settings, problems = read_settings(path)
    assert settings is not None and problems == []
    # line 5: `disable = ["whitespace", "khong-co"]`; "khong-co" starts at column 27
    assert settings.locate(("lint", "disable", 1)) == (5, 27)
    assert settings.locate(("lint", "disable")) == (5, 1)


def test_settings_cannot_downgrade_the_rules_that_make_a_file_readable(tmp_path: Path) -> None:
    (tmp_path / ".cchc.yaml").write_text(
        "lint:\n  severity:\n    yaml-syntax: info\n    schema: warning\n    format-version: info\n"
        "    whitespace: info\n",
        encoding="utf-8",
    )
    result = config_for(tmp_path)
    assert [(p.line, p.code) for p in result.problems] == [(3, "config"), (4, "config"), (5, "config")]
    assert all("không đổi mức được" in p.message for p in result.problems)
