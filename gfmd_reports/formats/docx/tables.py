"""A page's table as Word's: its rows in the order a browser shows them, and each cell's place
on the grid, spanning rows and columns."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

_MAX_SPAN = 1_000


def table_rows(table) -> list:
    """The rows in the order a browser shows them: head, body, foot."""
    groups: dict[str, list] = {"thead": [], "tbody": [], "tfoot": []}
    for child in table:
        if child.tag in groups:
            groups[child.tag].extend(child)
        elif child.tag == "tr":
            groups["tbody"].append(child)
    return [*groups["thead"], *groups["tbody"], *groups["tfoot"]]


def table_grid(rows) -> Iterator[tuple[int, int, int, int, Any]]:
    """Place each cell on the table's grid as a browser does: (row, column, rows spanned,
    columns spanned, cell), a cell spanning rows taking its columns in the rows below."""
    taken: set[tuple[int, int]] = set()
    for row_index, row in enumerate(rows):
        column = 0
        for cell in row:
            while (row_index, column) in taken:
                column += 1
            height = min(_span(cell, "rowspan"), len(rows) - row_index)
            width = _span(cell, "colspan")
            taken.update(
                (row_index + down, column + across)
                for down in range(height)
                for across in range(width)
            )
            yield row_index, column, height, width, cell
            column += width


def _span(cell, attribute: str) -> int:
    """A cell's rowspan or colspan, bounded as browsers bound colspan."""
    value = cell.get(attribute, "1").strip()
    return max(1, min(int(value), _MAX_SPAN)) if value.isdigit() else 1
