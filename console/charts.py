"""Server-rendered inline SVG charts (no JavaScript, no third-party assets)."""

from __future__ import annotations

import math

from markupsafe import Markup, escape

_COLOURS = ("#1f5f8b", "#2e8b57", "#b8860b", "#8b3a62", "#555555")


def _num(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def data_table(points: list[tuple[str, float]], title: str, suffix: str = "") -> Markup:
    """The chart's numbers as a table, for screen readers (visually hidden, always present)."""
    rows = "".join(
        f"<tr><th scope=\"row\">{escape(label)}</th><td>{_num(value)}{escape(suffix)}</td></tr>"
        for label, value in points
    )
    return Markup(
        # A table ignores a 1px width: the visually hidden box is a wrapper around it.
        f'<div class="sr"><table><caption>{escape(title)} in cijfers</caption>'
        f'<thead><tr><th scope="col">Onderdeel</th><th scope="col">Aantal</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></div>"
    )


def bar_chart(points: list[tuple[str, float]], title: str, height: int = 180) -> Markup:
    """Vertical bars, e.g. conversations per day; labels thinned out to stay readable."""
    if not points:
        return Markup(f'<p class="empty">{escape(title)}: nog geen gegevens.</p>')
    width = max(640, min(900, 14 * len(points) + 60))
    top = max(v for _, v in points) or 1
    bar_w = (width - 50) / len(points)
    step = max(1, math.ceil(44 / bar_w))  # room for a 5-character day label
    parts = [
        f'<svg aria-hidden="true" focusable="false" viewBox="0 0 {width} {height + 40}" '
        f'width="100%" style="max-width:{width}px" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
        f'<text x="0" y="12" font-size="11">{_num(top)}</text>',
        f'<line x1="40" y1="{height}" x2="{width}" y2="{height}" stroke="#888"/>',
    ]
    for i, (label, value) in enumerate(points):
        h = (value / top) * (height - 20)
        x = 45 + i * bar_w
        parts.append(
            f'<rect x="{x:.1f}" y="{height - h:.1f}" width="{max(bar_w - 2, 1):.1f}" '
            f'height="{h:.1f}" fill="{_COLOURS[0]}"><title>{escape(label)}: {_num(value)}'
            "</title></rect>"
        )
        if i % step == 0:
            parts.append(
                f'<text x="{x:.1f}" y="{height + 14}" font-size="10">{escape(label[5:])}</text>'
            )
    parts.append("</svg>")
    return Markup("".join(parts)) + data_table(points, title)


def hbar_chart(
    points: list[tuple[str, float]], title: str, suffix: str = "", label_width: int = 190
) -> Markup:
    """Horizontal bars with the value printed, e.g. funnel or top professions."""
    if not points:
        return Markup(f'<p class="empty">{escape(title)}: nog geen gegevens.</p>')
    row_h, width = 26, 640
    top = max(v for _, v in points) or 1
    height = row_h * len(points) + 10
    parts = [
        f'<svg aria-hidden="true" focusable="false" viewBox="0 0 {width} {height}" '
        f'width="100%" style="max-width:{width}px" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for i, (label, value) in enumerate(points):
        y = 5 + i * row_h
        w = (value / top) * (width - label_width - 70)
        parts.append(
            f'<text x="0" y="{y + 16}" font-size="12">{escape(label[:30])}</text>'
            f'<rect x="{label_width}" y="{y}" width="{w:.1f}" height="{row_h - 6}" '
            f'fill="{_COLOURS[i % len(_COLOURS)]}"/>'
            f'<text x="{label_width + w + 6:.1f}" y="{y + 16}" font-size="12">'
            f"{_num(value)}{escape(suffix)}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts)) + data_table(points, title, suffix)
