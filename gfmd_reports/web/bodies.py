"""Request bodies read as JSON that a report can hold.

Python's JSON reader accepts more than JSON and more than a report can hold: NaN and Infinity,
1e999 (read as infinity), integers of thousands of digits, and nesting deep enough to exhaust
the stack of whatever reads it next. Every JSON body is read here, so that each of these is
refused with its field named, before anything is validated or written.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from fastapi import HTTPException, Request, Response
from fastapi.routing import APIRoute

from gfmd_reports.errors import FieldPath, format_field_path
from gfmd_reports.i18n import _, number
from gfmd_reports.loading import MAX_DEPTH

MAX_DIGITS = 20
"""Bound on the digits of a whole number: the largest a report holds is a year."""


class BodyError(HTTPException):
    """A JSON body holding what a report cannot: answered 422 with the field named."""

    def __init__(self, path: FieldPath, message: str) -> None:
        # Problems are named by their place in the report, as validation names them.
        self.field = format_field_path(path[1:] if path[:1] == ("report",) else path)
        self.message = message
        super().__init__(422, f"{self.field}: {message}" if self.field else message)


class StrictJSONRoute(APIRoute):
    """A route whose JSON body is read by read_json."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def strict_handler(request: Request) -> Response:
            return await handler(_StrictJSONRequest(request.scope, request.receive))

        return strict_handler


def read_json(body: bytes) -> Any:
    """Read a JSON body; raise BodyError for what a report cannot hold, JSONDecodeError for
    what is not JSON."""
    try:
        data = json.loads(body, parse_constant=_Unfit, parse_float=_float, parse_int=_integer)
    except RecursionError:
        raise BodyError((), _too_deep()) from None
    _refuse_unfit(data)
    return data


class _StrictJSONRequest(Request):
    async def json(self) -> Any:
        if not hasattr(self, "_json"):
            self._json = read_json(await self.body())
        return self._json


@dataclass(frozen=True)
class _Unfit:
    """A number as written in the body, which a report cannot hold; named once its place is."""

    text: str

    def message(self) -> str:
        shown = self.text if len(self.text) <= 24 else f"{self.text[:12]}…"
        if self.text.lstrip("-").isdigit():
            digits = number(len(self.text.lstrip("-")))
            return _(
                "is a number of {count} digits ({shown}), more than a report holds: check what "
                "was pasted here",
                count=digits,
                shown=shown,
            )
        return _(
            "is {shown}, which is not a number a report can hold: write a number such as 2019",
            shown=shown,
        )


def _float(text: str) -> float | _Unfit:
    number = float(text)
    return number if math.isfinite(number) else _Unfit(text)


def _integer(text: str) -> int | _Unfit:
    return int(text) if len(text.lstrip("-")) <= MAX_DIGITS else _Unfit(text)


def _refuse_unfit(data: Any) -> None:
    """Raise BodyError at the first number a report cannot hold, or nesting it cannot have."""
    pending: list[tuple[FieldPath, Any]] = [((), data)]
    while pending:
        path, value = pending.pop()
        if isinstance(value, _Unfit):
            raise BodyError(path, value.message())
        children = (
            value.items()
            if isinstance(value, dict)
            else enumerate(value)
            if isinstance(value, list)
            else ()
        )
        for key, child in children:
            if isinstance(child, dict | list) and len(path) >= MAX_DEPTH:
                raise BodyError((*path, key), _too_deep())
            pending.append(((*path, key), child))


def _too_deep() -> str:
    return _("is nested too deeply (more than {limit} levels)", limit=MAX_DEPTH)
