"""Charts of a problem profile: bar charts of its breakdowns, line charts of its monthly
indicators, drawn on the server as SVG by pygal (no chart script, nothing from a CDN).

Each chart is an ``<img>`` whose source is the SVG as a ``data:`` URI: an image cannot run a
script, its styles stay inside it (the page's content security policy allows ``data:`` images
and no inline style), and a printed or saved pack carries its charts with it. Text in a chart
(category and area names come from intake) is written by pygal's XML writer, which escapes it;
pages show each chart's figures in a table beside it, for people who cannot see the chart.

>>> svg = bar_svg("Children <b>at risk</b>", {"13 to 15": 4, "16 and 17": None})
>>> "<b>" in svg, "&lt;b&gt;" in svg, "<script" in svg
(False, True, False)
"""

from __future__ import annotations

import base64
import re

import pygal
from pygal.style import Style

#: Colours with enough contrast on white, in the dashboard's palette.
STYLE = Style(background="white", plot_background="white", foreground="#1b1b1b", foreground_strong="#1b1b1b",
              foreground_subtle="#555555", colors=("#1d4f91", "#b5532a", "#2e7d32", "#6a1b9a", "#8d6e00", "#455a64"),
              font_family="system-ui, sans-serif", title_font_size=15, label_font_size=12, major_label_font_size=12,
              legend_font_size=12, value_font_size=11)
#: What pygal writes that a chart here does without: comments, and the script that holds its
#: configuration for its tooltips (text in it is XML-escaped, so it holds no literal "</script>").
_DROPPED = re.compile(r"<!--.*?-->|<script\b[^>]*>.*?</script>", re.DOTALL)
#: Longest label drawn in a chart (the table beside it has the whole name).
LABEL_MAX = 28


def _options(title: str) -> dict:
    # js=[]: pygal's default adds a tooltip script from the web; a chart here has no script at all
    return {"title": title, "style": STYLE, "js": [], "disable_xml_declaration": True, "show_legend": False,
            "width": 560, "height": 300, "truncate_label": LABEL_MAX, "print_values": True,
            "no_data_text": "nothing to show", "no_data_font_size": 16}


def _render(chart) -> str:
    return _DROPPED.sub("", chart.render(is_unicode=True))


def bar_svg(title: str, counts: dict[str, int | None]) -> str:
    """A horizontal bar chart of ``counts`` (label → count; a withheld count has no bar)."""
    chart = pygal.HorizontalBar(**_options(title))
    labels = list(counts)[::-1]  # pygal draws the first bar at the bottom: the table's first row goes on top
    chart.x_labels = labels
    chart.add(title, [counts[k] for k in labels])
    return _render(chart)


#: The size of one of a row of small charts (small multiples), against the usual 560 by 300.
#: One legend entry a row and at most 6 steps on the value axis, so that names and numbers stay apart.
SMALL = {"width": 320, "height": 240, "legend_font_size": 10, "label_font_size": 10, "major_label_font_size": 10,
         "legend_at_bottom_columns": 1, "max_scale": 6}


def line_svg(title: str, months: list[str], series: dict[str, list[int | None]], small: bool = False) -> str:
    """A line chart of monthly ``series`` (name → one value a month; a withheld month is a gap);
    ``small``: one of a row of small charts."""
    chart = pygal.Line(**{**_options(title), "show_legend": len(series) > 1, "legend_at_bottom": True,
                          "print_values": False, "allow_interruptions": True, "x_label_rotation": 30,
                          # whole names in the legend: cut short, "intelligence graded A" to "E" all read the same
                          "truncate_legend": -1,
                          **(SMALL if small else {})})
    chart.x_labels = months
    for name, values in series.items():
        chart.add(name, values)
    return _render(chart)


def data_uri(svg: str) -> str:
    """The SVG as an ``<img src>``."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
