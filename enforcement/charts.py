"""Chart geometry for the server-drawn SVG charts (numbers page, client portal)."""

from __future__ import annotations

from collections.abc import Callable, Sequence


def stacked_bars(
    rows: Sequence[dict],
    *,
    total: Callable[[dict], int],
    part: Callable[[dict], int],
    height: int,
    left: int,
    step: int,
    top: int = 10,
) -> list[dict]:
    """Each row as a bar of ``total`` with ``part`` drawn inside it from the same baseline,
    scaled so the tallest bar is ``height`` high; ``x``/``*_y``/``*_h`` are SVG numbers."""
    peak = max([total(row) for row in rows] + [1])
    bars = []
    for index, row in enumerate(rows):
        total_h = round(total(row) / peak * height)
        part_h = round(part(row) / peak * height)
        bars.append(
            {
                **row,
                "x": left + index * step,
                "total_h": total_h,
                "total_y": top + height - total_h,
                "part_h": part_h,
                "part_y": top + height - part_h,
            }
        )
    return bars


def columns(
    values: Sequence[int],
    *,
    height: int,
    left: int,
    step: int,
    width: int,
    top: int = 10,
    peak: int | None = None,
) -> list[dict]:
    """One column per value, scaled so ``peak`` (default the largest) is ``height`` high."""
    peak = max([*values, 1]) if peak is None else max(peak, 1)
    out = []
    for index, value in enumerate(values):
        h = round(value / peak * height)
        out.append({"value": value, "x": left + index * step, "y": top + height - h, "h": h,
                    "width": width})  # fmt: skip
    return out


def share_bar(part: int, whole: int, *, width: int) -> int:
    """The length of a bar showing part/whole on a scale ``width`` long (0 when no whole)."""
    return round(part / whole * width) if whole else 0
