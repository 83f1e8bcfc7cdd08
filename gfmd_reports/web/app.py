"""The web application: a form that reads like the report, a live preview, and a JSON API.

A thin layer over the Python API: drafts are the same YAML files the command line reads,
validation and rendering are the same functions. Everything is served from this process: no
CDN, no outside resource. Request bodies are bounded; with a token, every request must carry it.
"""

from __future__ import annotations

import contextlib
import json
import secrets
from pathlib import Path
from typing import Any, Literal

from fastapi import Body, FastAPI, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel

from gfmd_reports.drafts import DraftConflictError, DraftStore
from gfmd_reports.errors import Problem, ReportError
from gfmd_reports.files import shipped_path
from gfmd_reports.loading import validate_data, validate_file
from gfmd_reports.model import report_json_schema
from gfmd_reports.summary import summarize
from gfmd_reports.themes import DEFAULT_THEME, load_theme, problems_rendering
from gfmd_reports.web.rendering import SHARED, BoundedRenderer

MAX_BODY_BYTES = 2_000_000
"""Bound on a request body: a long report is a few hundred kilobytes of JSON."""

_STATIC = Path(__file__).parent / "static"
_MEDIA_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
_SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


class _DescribedJSON(JSONResponse):
    """A report and its problems as JSON, every non-ASCII character escaped: a lone surrogate
    typed into the form comes back as \\ud800 for the form to point out; UTF-8 cannot carry it."""

    def render(self, content: Any) -> bytes:
        return json.dumps(jsonable_encoder(content), ensure_ascii=True, allow_nan=False).encode()


class DraftSave(BaseModel):
    """A save of a draft: the report as the form holds it, and the version it was made from."""

    report: dict[str, Any]
    version: str | None = None


class NewDraft(BaseModel):
    """A new draft: its file name, and the kind or the example it starts from."""

    name: str
    kind: Literal["oral", "written"] = "oral"
    example: str | None = None


def create_app(
    drafts: Path, token: str | None = None, renderer: BoundedRenderer | None = None
) -> FastAPI:
    """Build the application serving the drafts in ``drafts``; with ``token``, require it.

    Reports render in ``renderer``'s worker processes (by default bounded as the command
    line's are); the application shuts its workers down when it stops."""
    schema_file = shipped_path("schemas/report.schema.json")
    store = DraftStore(drafts, schema_file.resolve().as_uri())
    renderer = renderer or SHARED

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        renderer.close()

    app = FastAPI(
        lifespan=lifespan,
        title="gfmd-reports",
        summary="Draft, check and render rapporteur reports.",
        version="1",
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )

    @app.middleware("http")
    async def guard(request: Request, call_next):
        if token and not _carries_token(request, token):
            return JSONResponse({"detail": "an access token is required"}, status_code=401)
        length = request.headers.get("content-length")
        if length is None and request.method in {"POST", "PUT", "PATCH"}:
            # A body without a declared length (chunked) could not be bounded before reading.
            return JSONResponse({"detail": "give the request's Content-Length"}, status_code=411)
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY_BYTES):
            return JSONResponse(
                {"detail": f"the request is larger than {MAX_BODY_BYTES:,} bytes"},
                status_code=413,
            )
        response = await call_next(request)
        response.headers.update(_SECURITY_HEADERS)
        if token and request.query_params.get("token") == token:
            response.set_cookie("gfmd_token", token, httponly=True, samesite="strict")
        return response

    @app.exception_handler(ReportError)
    async def report_error(request: Request, error: ReportError) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, status_code=422)

    @app.exception_handler(DraftConflictError)
    async def conflict(request: Request, error: DraftConflictError) -> JSONResponse:
        return JSONResponse(
            {"detail": str(error), "current_version": error.current}, status_code=409
        )

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(_STATIC / "index.html", media_type="text/html")

    app.mount("/static", StaticFiles(directory=_STATIC), name="static")

    @app.get("/api/schema", summary="The JSON Schema of a report")
    def schema() -> dict:
        return json.loads(report_json_schema())

    @app.get("/api/examples", summary="The sample reports a draft can start from")
    def examples() -> list[dict]:
        return [
            {"name": path.name, "kind": validation.report.kind}
            for path in sorted(shipped_path("examples").glob("*.yaml"))
            if (validation := validate_file(path)).report is not None
        ]

    @app.get("/api/drafts", summary="The drafts, newest first")
    def list_drafts() -> list[dict]:
        listed = []
        for name in store.names():
            try:
                draft = store.load(name)
            except ReportError:  # unreadable (gone, or no permission): listed, not shown
                listed.append({"name": name, "version": None, "kind": None})
                continue
            data = draft.data if isinstance(draft.data, dict) else {}
            listed.append({"name": name, "version": draft.version, "kind": data.get("kind")})
        return listed

    @app.post(
        "/api/drafts",
        status_code=201,
        response_class=_DescribedJSON,
        summary="Start a draft, empty or from an example",
    )
    def new_draft(request: NewDraft) -> _DescribedJSON:
        if request.example:
            example = shipped_path("examples") / Path(request.example).name
            report = validate_file(example).report
            if report is None:
                raise ReportError(f"no example '{request.example}'")
            data = report.model_dump(mode="json", by_alias=True, exclude_none=True)
            data.pop("$schema", None)
        else:
            data = {"kind": request.kind, "forum": {}, "roundtable": {}, "sessions": [{}]}
        draft = store.save(request.name, data, None)
        return _described(draft.name, draft.version, draft.data, status_code=201)

    @app.get(
        "/api/drafts/{name}", response_class=_DescribedJSON, summary="A draft, with its problems"
    )
    def load_draft(name: str) -> _DescribedJSON:
        draft = store.load(name)
        if not isinstance(draft.data, dict):
            reason = draft.unreadable or str(validate_data(draft.data, name).errors[0])
            raise ReportError(f"{reason}. The form cannot show it: fix it in a text editor")
        return _described(draft.name, draft.version, draft.data)

    @app.put(
        "/api/drafts/{name}",
        response_class=_DescribedJSON,
        summary="Save a draft, valid or not",
        responses={409: {"description": "The draft changed since the given version"}},
    )
    def save_draft(name: str, save: DraftSave) -> _DescribedJSON:
        draft = store.save(name, save.report, save.version)
        return _described(draft.name, draft.version, draft.data)

    @app.get("/api/drafts/{name}/yaml", summary="Download a draft as its YAML file")
    def draft_yaml(name: str) -> Response:
        draft = store.load(name)
        return Response(
            draft.text,
            media_type="application/yaml; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{draft.name}"'},
        )

    @app.post(
        "/api/validate",
        response_class=_DescribedJSON,
        summary="Check a report: errors and warnings by field",
    )
    def validate(report: dict[str, Any] = Body(..., embed=True)) -> _DescribedJSON:  # noqa: B008
        return _described(None, None, report)

    @app.post(
        "/api/render",
        summary="Render a report as HTML, PDF or DOCX",
        responses={200: {"content": {media: {} for media in _MEDIA_TYPES.values()}}},
    )
    def render_report(
        report: dict[str, Any] = Body(..., embed=True),  # noqa: B008
        format: Literal["html", "pdf", "docx"] = Query("html"),
        name: str = Query("report", pattern=r"^[A-Za-z0-9._-]{1,100}$"),
    ) -> Response:
        validation = validate_data(report, "report")
        if validation.report is None:
            return JSONResponse(
                {"detail": "the report has errors", "problems": _problems(validation.problems)},
                status_code=422,
            )
        theme_name = validation.report.theme or DEFAULT_THEME
        load_theme(theme_name, drafts)  # a missing theme is told here, before any worker starts
        data = renderer.render(validation.report, format, theme_name, drafts)
        stem = name.rsplit(".", 1)[0] if name.endswith((".yaml", ".yml")) else name
        disposition = "inline" if format == "html" else "attachment"
        return Response(
            data,
            media_type=_MEDIA_TYPES[format],
            headers={"Content-Disposition": f'{disposition}; filename="{stem}.{format}"'},
        )

    def _described(
        name: str | None, version: str | None, data: Any, status_code: int = 200
    ) -> _DescribedJSON:
        validation = validate_data(data, name or "report")
        problems = problems_rendering(validation, drafts)
        summary = summarize(validation.report) if validation.report is not None else None
        content = {
            "name": name,
            "version": version,
            "report": data,
            "valid": not any(problem.severity == "error" for problem in problems),
            "problems": _problems(problems),
            "summary": str(summary) if summary else None,
            "words": summary.words if summary else None,
            "speaking_seconds": summary.speaking_seconds if summary else None,
        }
        return _DescribedJSON(content, status_code=status_code)

    return app


def _problems(problems: list[Problem] | tuple[Problem, ...]) -> list[dict]:
    return [
        {"field": problem.field, "message": problem.message, "severity": problem.severity}
        for problem in problems
    ]


def _carries_token(request: Request, token: str) -> bool:
    offered = (
        request.headers.get("authorization", "").removeprefix("Bearer ").strip()
        or request.cookies.get("gfmd_token", "")
        or request.query_params.get("token", "")
    )
    return secrets.compare_digest(offered.encode(), token.encode())
