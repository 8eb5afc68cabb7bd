"""`cchc rollover`: the bundled 2025 plan drafted as a 2026 plan.

Every expected cell below is the 2025 cell rewritten BY HAND (years of the plan, the year
before and the year after move by one; cited documents do not), and the due dates are worked
out from the calendar ("Trước ngày X" is due the day before X).
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cchc_cli.cli.main import app
from cchc_cli.lint.config import LintConfig
from cchc_cli.lint.runner import lint_file
from cchc_cli.plan.emit import plan_to_yaml
from cchc_cli.plan.loader import load_plan
from cchc_cli.plan.milestones import task_milestones
from cchc_cli.plan.model import Plan, Task
from cchc_cli.plan.rollover import rollover
from cchc_cli.plan.yearshift import Shift
from cchc_cli.query.status import milestone_items
from tests.conftest import PLAN_2025, SAMPLE_PROGRESS, sample_pair


@pytest.fixture(scope="module")
def source() -> Plan:
    return load_plan(PLAN_2025, "plans/2025.yaml").plan


@pytest.fixture(scope="module")
def draft(source: Plan) -> Plan:
    return rollover(source, 2026).plan


def task(plan: Plan, task_id: str) -> Task:
    return next(t for _s, t in plan.iter_tasks() if t.id == task_id)


def test_heading_document_and_events(draft: Plan) -> None:
    info = draft.plan
    assert info.year == 2026
    assert info.title == (
        "NHIỆM VỤ, GIẢI PHÁP KHẮC PHỤC TỒN TẠI, HẠN CHẾ, NÂNG CAO CHỈ SỐ CẢI CÁCH HÀNH CHÍNH CỦA SỞ "
        "XÂY DỰNG NĂM 2026"
    )
    assert info.attachment == "(Kèm theo Kế hoạch số /KH-SXD ngày /03/2026 của Sở Xây dựng năm 2026)"
    assert (info.document.number, info.document.date) == ("", None)
    assert all(event.date is None and event.evidence is None for event in draft.events)
    # the event alias names last year's index: 2024 -> 2025
    aliases = next(e.aliases for e in draft.events if e.id == "qd-cong-bo-chi-so")
    assert aliases == ["Quyết định công bố Chỉ số CCHC năm 2025 của UBND tỉnh"]


def test_units_groups_and_sections_are_copied(source: Plan, draft: Plan) -> None:
    assert draft.units == source.units and draft.groups == source.groups
    assert [(s.numeral, s.title) for s in draft.sections] == [(s.numeral, s.title) for s in source.sections]
    assert [(t.id, t.number, t.lead, t.support) for _s, t in draft.iter_tasks()] == [
        (t.id, t.number, t.lead, t.support) for _s, t in source.iter_tasks()
    ]
    assert sum(len(s.tasks) for s in draft.sections) == 54 and len(draft.sections) == 10


def test_plan_year_in_the_text(draft: Plan) -> None:
    i1 = task(draft, "I.1")
    assert i1.task == (
        "Quản lý theo dõi thi hành pháp luật; rà soát, hệ thống hóa văn bản QPPL; Kiểm tra, rà soát và xử lý "
        "văn bản QPPL năm 2026 đảm bảo đúng hạn, đầy đủ nội dung"
    )
    assert i1.output == (
        "Báo cáo kết quả theo dõi tình hình thi hành pháp luật, Kiểm tra, rà soát và xử lý văn bản QPPL "
        "năm 2026"
    )
    assert task(draft, "VIII.1").output == "Mức độ hài lòng của tổ chức, cá nhân năm 2026 đạt trên 90%"
    iii4 = task(draft, "III.4")
    assert iii4.assignment == (
        "- Văn phòng Sở tham mưu phân bổ biên chế năm 2026.\n"
        "- Các đơn vị sự nghiệp trực thuộc Sở ban hành Quyết định phê duyệt số lượng người làm việc năm 2026."
    )


def test_year_before_and_year_after_in_the_text(draft: Plan) -> None:
    # last year's index, published in the plan year: 2024 -> 2025
    vii1 = task(draft, "VII.1")
    assert vii1.task == "Công bố Chỉ số và xếp hạng kết quả CCHC năm 2025 của tỉnh Khánh Hòa"
    assert vii1.assignment == (
        "Văn phòng Sở đăng Công bố Chỉ số và xếp hạng kết quả CCHC năm 2025 trên website Sở Xây dựng"
    )
    assert task(draft, "VI.1").task == (
        "Xây dựng Kế hoạch và triển khai thực nhiệm vụ chuyển đổi số của Sở Xây dựng năm 2025"
    )
    assert task(draft, "VII.5").output == "Báo cáo CCHC quý I, 6 tháng, quý III và báo cáo năm 2025"
    # next year's staffing plan, drafted in the plan year: 2026 -> 2027
    iii3 = task(draft, "III.3")
    assert iii3.task == (
        "Xây dựng Kế hoạch biên chế công chức năm 2027, Kế hoạch số lượng người làm việc hàng năm trong "
        "đơn vị sự nghiệp công lập trực thuộc Sở Xây dựng"
    )
    assert "+ Văn phòng Sở tham mưu biên chế công chức năm 2027;" in iii3.assignment


def test_cited_documents_keep_their_years(source: Plan, draft: Plan) -> None:
    v3 = task(draft, "V.3")
    assert v3.task == (
        "Công khai ngân sách theo biểu mẫu của Thông tư số 90/2018/TT-BTC ngày 28/9/2018 trên Trang thông "
        "tin điện tử"
    )
    assert v3.schedule == "Thường xuyên trong năm 2026"
    assert task(draft, "III.3b").task == task(source, "III.3b").task  # NĐ 106/2020/NĐ-CP, NĐ 62/2020/NĐ-CP
    assert "TCVN ISO 9001:2015" in task(draft, "VI.3").task
    assert "Kết luận số 91-KL/TU" in task(draft, "VII.8").task


def dues(plan: Plan, task_id: str) -> list[dt.date | None]:
    return [m.deadline.due for m in task_milestones(plan, task(plan, task_id))]


def test_date_and_quarter_cells(draft: Plan) -> None:
    assert task(draft, "I.1").schedule == "Trước ngày 19/02/2026\nTrước ngày 15/12/2026"
    assert dues(draft, "I.1") == [dt.date(2026, 2, 18), dt.date(2026, 12, 14)]
    assert task(draft, "I.4").schedule == "- Quý II/2026\n- Tháng 12/2026"
    assert dues(draft, "I.4") == [dt.date(2026, 6, 30), dt.date(2026, 12, 31)]
    assert task(draft, "III.3b").schedule == "Trước 20/12/2026"
    assert (
        task(draft, "III.4").schedule == "- Khi có Quyết định giao biên chế của UBND tỉnh;\n- Tháng 03/2026."
    )
    iii3 = task(draft, "III.3")
    assert [spec.text for spec in iii3.deadlines or []] == [
        "Kế hoạch biên chế công chức (trước 15/5/2026)",
        "Kế hoạch số lượng người làm việc (trước 01/4/2026)",
    ]
    assert dues(draft, "III.3") == [dt.date(2026, 5, 14), dt.date(2026, 3, 31)]


def test_stale_2024_deadlines_become_2025_and_are_flagged(source: Plan) -> None:
    result = rollover(source, 2026)
    draft = result.plan
    assert task(draft, "VI.3").schedule == "Trước ngày 30/11/2025"
    assert task(draft, "VII.2").schedule == "Trước ngày 20/11/2025"
    assert task(draft, "VII.3").schedule == "Trước ngày 20/11/2025"
    assert task(draft, "VII.4").schedule == "Trong quý II, III năm 2025"
    assert task(draft, "VII.4").output.splitlines()[:2] == [
        "- Quyết định tổ chức kiểm tra công tác CCHC năm 2025 của Giám đốc Sở",
        "- Quyết định thành lập đoàn kiểm tra công tác CCHC năm 2025",
    ]
    # the four stale Tiến độ cells are the only points left to review
    assert [(d.task, d.where, d.note.kind) for d in result.doubts] == [
        ("VI.3", "ô Tiến độ", "stale"),
        ("VII.2", "ô Tiến độ", "stale"),
        ("VII.3", "ô Tiến độ", "stale"),
        ("VII.4", "ô Tiến độ", "stale"),
    ]


def test_recurring_deadlines_fall_in_the_new_year(draft: Plan) -> None:
    vii5 = task(draft, "VII.5")
    assert vii5.schedule == "Báo cáo gửi Sở Nội vụ trong ngày 14 của tháng cuối kỳ báo cáo"
    items = [i for i in milestone_items(draft, dt.date(2026, 12, 31)) if i.task.id == "VII.5"]
    assert [i.due for i in items] == [dt.date(2026, m, 14) for m in (3, 6, 9, 12)]
    vii6 = task(draft, "VII.6")
    assert [spec.text for spec in vii6.deadlines or []] == ["Trong năm 2026", "Định kỳ thứ sáu hàng tuần"]
    weekly = [i for i in milestone_items(draft, dt.date(2026, 1, 9)) if i.task.id == "VII.6" and i.period]
    # 01/01/2026 is a Thursday: the Fridays are 02/01 and 09/01 (one untracked line for the 02/01)
    assert [(i.due, i.period) for i in weekly] == [
        (dt.date(2026, 1, 2), "2026-W01"),
        (dt.date(2026, 1, 9), "2026-W02"),
    ]


def test_emitted_draft_loads_back_and_lints_like_its_source(tmp_path: Path, draft: Plan) -> None:
    path = tmp_path / "2026.yaml"
    path.write_text(plan_to_yaml(draft), encoding="utf-8")
    assert load_plan(path, "2026.yaml").plan == draft
    found = lint_file(path, LintConfig())
    before = lint_file(PLAN_2025, LintConfig())
    assert not [d for d in found if d.severity.value == "error"]

    def by_rule(diagnostics):  # type: ignore[no-untyped-def]
        # "nhiệm vụ VI.1: …", "nhiệm vụ IX.4 trùng …": the rule and the task it is about
        return Counter((d.code, d.message.split()[2].rstrip(":")) for d in diagnostics)

    # the same warnings on the same tasks: 4 stale deadlines, 5 earlier years, IX.4 repeating III.6
    assert by_rule(found) == by_rule(before)
    assert sum(by_rule(found).values()) == 10


def leap_plan(year: int) -> Plan:
    return Plan.model_validate(
        {
            "format_version": 2,
            "plan": {
                "agency": "Sở Thử nghiệm",
                "year": year,
                "title": f"NHIỆM VỤ NĂM {year}",
                "attachment": f"(Kèm theo Kế hoạch số 12/KH-STN ngày 05/3/{year} của Sở Thử nghiệm)",
                "document": {
                    "number": "12",
                    "symbol": "KH-STN",
                    "date": dt.date(year, 3, 5),
                    "issuer": "Sở Thử nghiệm",
                },
            },
            "units": [{"id": "van-phong", "name": "Văn phòng Sở"}],
            "events": [{"id": "de-an", "name": "Đề án được phê duyệt", "date": dt.date(year, 2, 1)}],
            "sections": [
                {
                    "numeral": "I",
                    "title": "CẢI CÁCH THỂ CHẾ",
                    "tasks": [
                        {
                            "id": "I.1",
                            "task": f"Báo cáo tháng 2 năm {year}",
                            "schedule": f"Hạn chót 29/02/{year}",
                            "lead": ["van-phong"],
                        },
                        {
                            "id": "I.2",
                            "task": "Tổng kết",
                            "schedule": "Cuối tháng 2",
                            "lead": ["van-phong"],
                            "deadlines": [
                                {"kind": "date", "due": dt.date(year, 2, 29), "label": "Cuối tháng 2"}
                            ],
                        },
                    ],
                }
            ],
        }
    )


def test_29_february_is_reported() -> None:
    result = rollover(leap_plan(2028), 2029)
    i1, i2 = (t for _s, t in result.plan.iter_tasks())
    assert i1.schedule == "Hạn chót 28/02/2029"
    assert i1.task == "Báo cáo tháng 2 năm 2029"
    assert (i2.deadlines or [])[0].due == dt.date(2029, 2, 28)
    assert [(d.task, d.note.kind) for d in result.doubts] == [
        (None, "stale"),  # the Kèm-theo line still writes last year's number 12/KH-STN
        ("I.1", "leap-day"),
        ("I.2", "leap-day"),
    ]
    assert result.plan.plan.attachment == "(Kèm theo Kế hoạch số 12/KH-STN ngày 05/3/2029 của Sở Thử nghiệm)"
    assert result.plan.events[0].date is None
    # from one leap year to the next, 29/02 stays: only the old number is left to review
    leap_to_leap = rollover(leap_plan(2028), 2032)
    assert [d.note.kind for d in leap_to_leap.doubts] == ["stale"]
    assert next(t for _s, t in leap_to_leap.plan.iter_tasks()).schedule == "Hạn chót 29/02/2032"


# --- the command ------------------------------------------------------------------------------


def test_command_writes_the_draft_prints_the_review_and_copies_no_progress(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    sample_pair(tmp_path, SAMPLE_PROGRESS)
    result = runner.invoke(app, ["rollover", "plans/2025.yaml", "--to", "2026"])
    assert result.exit_code == 0, result.output
    written = tmp_path / "plans" / "2026.yaml"
    assert load_plan(written, "plans/2026.yaml").plan == rollover(load_plan(PLAN_2025, "x").plan, 2026).plan
    assert not (tmp_path / "plans" / "2026.progress.yaml").exists()
    text = written.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/cchc-plan.schema.json\n")
    out = result.stdout
    assert out.startswith("Bản nháp kế hoạch năm 2026 (từ kế hoạch năm 2025)\n")
    assert "      cũ: (Kèm theo Kế hoạch số /KH-SXD ngày /03/2025 của Sở Xây dựng năm 2025)" in out
    assert "mốc 1 “Trước ngày 19/02/2026” dời hạn: 18/02/2025 → 18/02/2026" in out
    assert "Cần xem lại (4):" in out
    assert "  ! VI.3, ô Tiến độ: “30/11/2024” đã trước năm kế hoạch 2025" in out
    assert "tiến độ: không chép" in out
    assert (
        "Kiểm tra bản nháp (cchc lint): 0 lỗi, 10 cảnh báo; kế hoạch nguồn: 0 lỗi, 10 cảnh báo."
        in result.stderr
    )


def test_command_refuses_to_overwrite_without_force(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    sample_pair(tmp_path, None)
    target = tmp_path / "plans" / "2026.yaml"
    target.write_text("giữ nguyên\n", encoding="utf-8")
    refused = runner.invoke(app, ["rollover", "plans/2025.yaml", "--to", "2026"])
    assert refused.exit_code == 1
    assert "tệp đã có; thêm --force" in refused.stderr
    assert target.read_text(encoding="utf-8") == "giữ nguyên\n"
    forced = runner.invoke(app, ["rollover", "plans/2025.yaml", "--to", "2026", "--force", "-f", "json"])
    assert forced.exit_code == 0, forced.output
    data = json.loads(forced.stdout)
    assert (data["from"], data["to"], data["progress_copied"]) == (2025, 2026, False)
    assert [d["task"] for d in data["doubts"]] == ["VI.3", "VII.2", "VII.3", "VII.4"]
    assert len(data["diff"]["changed"]) == 36
    assert load_plan(target, "2026.yaml").plan.year == 2026


def test_command_usage_errors(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    sample_pair(tmp_path, None)
    backwards = runner.invoke(app, ["rollover", "plans/2025.yaml", "--to", "2025"])
    assert backwards.exit_code == 2 and "phải sau năm 2025" in backwards.stderr
    onto_itself = runner.invoke(app, ["rollover", "plans/2025.yaml", "--to", "2026", "-o", "plans/2025.yaml"])
    assert onto_itself.exit_code == 2 and "chính kế hoạch nguồn" in onto_itself.stderr
    missing = runner.invoke(app, ["rollover", "plans/2025.yaml"])
    assert missing.exit_code == 2


def test_command_from_the_bundled_plan_writes_under_plans_here(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CCHC_PLAN", raising=False)
    shutil.rmtree(tmp_path / "plans", ignore_errors=True)
    result = runner.invoke(app, ["rollover", "--to", "2027"])
    assert result.exit_code == 0, result.output
    draft = load_plan(tmp_path / "plans" / "2027.yaml", "2027.yaml").plan
    # two years on: 2025 -> 2027, 2024 -> 2026
    assert task(draft, "I.1").schedule == "Trước ngày 19/02/2027\nTrước ngày 15/12/2027"
    assert task(draft, "VI.3").schedule == "Trước ngày 30/11/2026"
    assert Shift(2025, 2027).delta == 2
