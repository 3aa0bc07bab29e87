"""The report's charts as SVG (no corpus needed)."""

from __future__ import annotations

import re

from pipeline.report import month_index, timeline_chart


def _bars(svg: str) -> list[float]:
    return [float(x) for x in re.findall(r'<rect x="([\d.]+)"', svg)]


def test_the_time_axis_is_real_time_with_its_gaps():
    svg = timeline_chart({"Anna Ek": [("2009-10", 2.0), ("2018-03", 1.0), ("2019-06", 3.0)]})
    a, b, c = _bars(svg)
    months = [month_index(m) for m in ("2009-10", "2018-03", "2019-06")]
    # the distance between bars is proportional to the time between the months (not evenly spaced)
    assert abs((b - a) / (c - b) - (months[1] - months[0]) / (months[2] - months[1])) < 0.01
    assert ">2010<" in svg and ">2019<" in svg  # yearly ticks over a long span
    assert "<polyline" not in svg  # no line drawn across the gaps


def test_one_panel_per_entity_with_its_name_beside_it_and_one_scale():
    svg = timeline_chart({"Anna Ek": [("2024-01", 4.0)], "Region Skåne": [("2024-03", 2.0)]})
    assert svg.count("Anna Ek</text>") == 1 and svg.count("Region Skåne</text>") == 1
    heights = [float(h) for h in re.findall(r'height="([\d.]+)" fill', svg)]
    assert abs(heights[0] / heights[1] - 2.0) < 0.01  # the same scale in every panel
    assert ">2024-02<" in svg  # monthly ticks over a short span, the empty month included


def test_no_dates_no_chart():
    assert "nothing to draw over time" in timeline_chart({})
