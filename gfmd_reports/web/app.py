"""The web application: a form that reads like the report, a live preview, and a JSON API.

A thin layer over the Python API: drafts are the same YAML files the command line reads,
validation and rendering are the same functions. Everything is served from this process: no
CDN, no outside resource. Requests are guarded (guard.py): from this server's pages only,
bounded, and with a token, carrying it.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import json
import re
import time
import unicodedata
from collections.abc import Callable, Collection, Coroutine
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Literal

from fastapi import Body, FastAPI, Query, Request
from fastapi import Path as PathParameter
from fastapi.concurrency import run_in_threadpool
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from gfmd_reports.countries import countries
from gfmd_reports.drafts import DeletedDraft, Draft, DraftConflictError, DraftEntry, DraftStore
from gfmd_reports.errors import Problem, ReportError, format_field_path
from gfmd_reports.files import shipped_path
from gfmd_reports.formats import Format
from gfmd_reports.i18n import (
    _,
    catalogue,
    mark,
    negotiate,
    plural_catalogue,
    plural_categories,
    speaking,
)
from gfmd_reports.loading import (
    UnreadableError,
    Validation,
    decode_report,
    one_of,
    parse_yaml,
    validate_data,
    validate_file,
    validate_text,
)
from gfmd_reports.model import Report, ReportKind, report_json_schema
from gfmd_reports.sketch import Sketch, item_ids, mark_gaps, sketch_report
from gfmd_reports.summary import Summary, summarize, summarize_valid
from gfmd_reports.themes import DEFAULT_THEME, load_theme, problems_rendering
from gfmd_reports.versions import Version, said_reason
from gfmd_reports.web.bodies import BodyError, StrictJSONRoute
from gfmd_reports.web.guard import LOOPBACK_NAMES, Guard
from gfmd_reports.web.rendering import (
    RETRY_AFTER_SECONDS,
    SHARED,
    BoundedRenderer,
    RenderQueueFullError,
)

MAX_BODY_BYTES = 2_000_000
"""Bound on a request body: a long report is a few hundred kilobytes of JSON."""

_STATIC = Path(__file__).parent / "static"
_MEDIA_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
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
    """A new draft: its name, in any language, and the kind or the example it starts from."""

    name: str
    kind: ReportKind = "oral"
    example: str | None = None


class DraftName(BaseModel):
    """A draft's new name, in any language."""

    display_name: str


class NamedVersion(BaseModel):
    """A version the user keeps, with a note saying why ("Sent to the co-chairs")."""

    note: str | None = None


class VersionRestore(BaseModel):
    """A restore of a version: the draft's version it was asked from, as saves give theirs."""

    version: str | None = None


_VERSION_NUMBER = PathParameter(ge=1, le=999_999_999)


class ComparedDraft(BaseModel):
    """One side of a comparison: a draft as it is now, or one of its versions."""

    draft: str
    version: int | None = Field(None, ge=1, le=999_999_999)


class Comparison(BaseModel):
    """Two states of drafts to compare, and who signs the changes (by default the NEW
    report's rapporteur)."""

    old: ComparedDraft
    new: ComparedDraft
    format: Literal["docx", "html"] = "docx"
    author: str | None = None


def create_app(
    drafts: Path,
    token: str | None = None,
    renderer: BoundedRenderer | None = None,
    hosts: Collection[str] = LOOPBACK_NAMES,
    clock: Callable[[], float] = time.time,
) -> FastAPI:
    """Build the application serving the drafts in ``drafts``; with ``token``, require it.

    It answers only to the host names in ``hosts`` (with "0.0.0.0" or "::" among them, also to
    any IP address). Reports render in ``renderer``'s worker processes (by default bounded as
    the command line's are); the application shuts its workers down when it stops. Drafts'
    versions are kept at the times ``clock`` says."""
    schema_file = shipped_path("schemas/report.schema.json")
    store = DraftStore(drafts, schema_file.resolve().as_uri(), clock=clock)
    store.sweep()
    renderer = renderer or SHARED

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI):
        # Before the server takes its first connection (uvicorn opens its port after this).
        await run_in_threadpool(_warm_up)
        yield
        renderer.close()

    app = FastAPI(
        lifespan=lifespan,
        title="gfmd-reports",
        summary="Draft, check and render rapporteur reports.",
        version="1",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.router.route_class = StrictJSONRoute
    app.add_middleware(Guard, hosts=hosts, token=token, max_body_bytes=MAX_BODY_BYTES)
    app.add_middleware(Speaking)  # outermost: the guard's refusals too are in the user's language

    @app.exception_handler(ReportError)
    async def report_error(request: Request, error: ReportError) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, status_code=422)

    @app.exception_handler(RenderQueueFullError)
    async def busy(request: Request, error: RenderQueueFullError) -> JSONResponse:
        return JSONResponse(
            {"detail": str(error)},
            status_code=503,
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        )

    @app.exception_handler(BodyError)
    async def unfit_body(request: Request, error: BodyError) -> JSONResponse:
        problem = {"field": error.field, "message": error.message, "severity": "error"}
        return JSONResponse({"detail": error.detail, "problems": [problem]}, status_code=422)

    @app.exception_handler(RequestValidationError)
    async def unfit_request(request: Request, error: RequestValidationError) -> JSONResponse:
        problems = [_request_problem(found) for found in error.errors()]
        detail = "; ".join(
            f"{problem['field']}: {problem['message']}" if problem["field"] else problem["message"]
            for problem in problems
        )
        return JSONResponse({"detail": detail, "problems": problems}, status_code=422)

    @app.exception_handler(DraftConflictError)
    async def conflict(request: Request, error: DraftConflictError) -> JSONResponse:
        return JSONResponse(
            {"detail": str(error), "current_version": error.current}, status_code=409
        )

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(_STATIC / "index.html", media_type="text/html")

    app.mount("/static", StaticFiles(directory=_STATIC), name="static")
    _add_api_docs(app)

    @app.get(
        "/api/messages/{language}",
        summary="The interface's words in a language, for the form",
        description="Each translated message by its English text; plural messages by their "
        "singular, with one form per CLDR plural category of the language.",
    )
    def messages(language: Literal["en", "fr", "es"]) -> dict:
        plurals = plural_catalogue(language) if language != "en" else {}
        categories = plural_categories(language)
        return {
            "language": language,
            "messages": catalogue(language) if language != "en" else {},
            "plurals": {
                text: dict(zip(categories, forms, strict=False)) for text, forms in plurals.items()
            },
        }

    @app.get(
        "/api/countries/{language}",
        summary="The States a report can name, for the form's list",
        description="Each State's code and UN short name in a UN language (without article), "
        "in that language's alphabetical order; the form offers them in the report's language.",
    )
    def country_list(language: Literal["en", "fr", "es", "ru", "zh", "ar"]) -> list[dict]:
        names = [{"code": c.alpha3, "name": c.name(language, article=False)} for c in countries()]
        return sorted(names, key=lambda entry: _alphabetical(entry["name"]))

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

    @app.get(
        "/api/drafts",
        summary="The drafts, newest first",
        description="Each with its version, when it was last changed, its size in bytes, and "
        "a note where the form cannot open it (too large, not a plain file). Files are not "
        "parsed to be listed, so one broken draft never hides the others.",
    )
    def list_drafts() -> list[dict]:
        return [_listed(entry) for entry in store.entries()]

    @app.post(
        "/api/drafts",
        status_code=201,
        response_class=_DescribedJSON,
        summary="Start a draft, empty or from an example",
        description="The draft is named as typed, in any language; its file's name is derived "
        "from it (accents dropped, spaces and signs made hyphens, made unique in the folder) and "
        "returned as `name`, by which the API knows the draft.",
    )
    def new_draft(request: NewDraft) -> _DescribedJSON:
        if request.example:
            example = shipped_path("examples") / Path(request.example).name
            validation = validate_file(example) if example.is_file() else None
            if validation is None or validation.report is None:
                raise ReportError(_("no example '{example}'", example=request.example))
            dumped = validation.report.model_dump(mode="json", by_alias=True, exclude_none=True)
            data = _plain_where_written(dumped, validation.data)
            data.pop("$schema", None)
        else:
            data = {"kind": request.kind, "forum": {}, "roundtable": {}, "sessions": [{}]}
        draft = store.create(request.name, data)
        return _described(draft, draft.data, status_code=201)

    @app.get(
        "/api/drafts/{name}", response_class=_DescribedJSON, summary="A draft, with its problems"
    )
    def load_draft(name: str) -> _DescribedJSON:
        draft = store.load(name)
        if not isinstance(draft.data, dict):
            reason = draft.unreadable or str(validate_data(draft.data, name).errors[0])
            raise ReportError(
                _("{reason}. The form cannot show it: fix it in a text editor", reason=reason)
            )
        return _described(draft, draft.data)

    @app.put(
        "/api/drafts/{name}",
        response_class=_DescribedJSON,
        summary="Save a draft, valid or not",
        responses={409: {"description": "The draft changed since the given version"}},
    )
    def save_draft(name: str, save: DraftSave) -> _DescribedJSON:
        draft = store.save(name, save.report, save.version)
        return _described(draft, draft.data)

    @app.patch(
        "/api/drafts/{name}",
        summary="Rename a draft",
        description="Changes the name shown, in any language; the file keeps its name, so that "
        "every tab and link to the draft still finds it. The draft's version changes.",
    )
    def rename_draft(name: str, rename: DraftName) -> dict:
        return _listed(store.rename(name, rename.display_name))

    @app.delete(
        "/api/drafts/{name}",
        summary="Delete a draft: to the trash, restorable for 30 days",
    )
    def delete_draft(name: str) -> dict:
        return _deleted(store.delete(name))

    @app.get("/api/trash", summary="The deleted drafts that can be restored, latest first")
    def deleted_drafts() -> list[dict]:
        return [_deleted(deleted) for deleted in store.deleted()]

    @app.post(
        "/api/trash/{key}/restore",
        summary="Restore a deleted draft",
        description="Under its file name if it is still free, else the next free one.",
    )
    def restore_draft(key: str) -> dict:
        return _listed(store.restore(key))

    @app.get(
        "/api/drafts/{name}/versions",
        summary="The versions of a draft, oldest first",
        description="Each with its number, when it was kept (UTC), why (`created`: the draft "
        "as created; `autosave`: saves of one minute make one; `named`: kept by the user, with "
        "a note; `before-restore`, "
        "`restored`, `before-save`: the draft as found before a save, changed elsewhere), its "
        "size in bytes and the draft's version it was.",
    )
    def list_versions(name: str) -> list[dict]:
        return [_version(version) for version in store.versions(name)]

    @app.post(
        "/api/drafts/{name}/versions",
        status_code=201,
        summary="Keep the draft as it is now as a named version, with a note",
        description="A named version is never thinned nor replaced by autosaves.",
    )
    def keep_version(name: str, named: NamedVersion) -> dict:
        return _version(store.keep_version(name, named.note))

    @app.get(
        "/api/drafts/{name}/versions/{number}",
        summary="A version of a draft: its text, and its data if it reads as YAML",
    )
    def read_version(name: str, number: int = _VERSION_NUMBER) -> dict:
        version = next((v for v in store.versions(name) if v.number == number), None)
        raw = store.history(name).read(number)
        try:
            data, _location = parse_yaml(decode_report(raw))
        except UnreadableError:
            data = None
        listed = _version(version) if version else {"number": number}
        return {**listed, "text": raw.decode("utf-8", "replace"), "report": data}

    @app.post(
        "/api/drafts/{name}/versions/{number}/restore",
        response_class=_DescribedJSON,
        summary="Put a version back as the draft",
        description="The draft as it is now is kept as a version first; `kept_version` is the "
        "number of the version that holds it, which a restore of it undoes. Like a save, the "
        "restore names the draft's version it was asked from, and is refused (409) if the "
        "draft has changed since. A version the form cannot open is refused (422), and the "
        "draft left as it is.",
        responses={409: {"description": "The draft changed since the given version"}},
    )
    def restore_version(
        name: str, restore: VersionRestore, number: int = _VERSION_NUMBER
    ) -> _DescribedJSON:
        draft, kept = store.restore_version(name, number, restore.version)
        return _described(draft, draft.data, kept_version=kept)

    @app.post(
        "/api/compare",
        summary="Compare two drafts, or versions of drafts: a redline",
        description="NEW with every difference from OLD marked, in NEW's theme and language: as "
        "a Word document whose differences are tracked changes signed by `author` (by default "
        "NEW's rapporteur) and dated now, or as a page showing insertions underlined and "
        "deletions struck through. Both must be valid reports.",
        responses={200: {"content": {_MEDIA_TYPES["docx"]: {}, _MEDIA_TYPES["html"]: {}}}},
    )
    async def compare_drafts(request: Request, comparison: Comparison) -> Response:
        from gfmd_reports.redline import Revision

        author = _signing(comparison.author)
        sides = [
            await run_in_threadpool(_compared, side) for side in (comparison.old, comparison.new)
        ]
        reports: list[Report] = []
        for source, validation in sides:
            if validation.report is None:
                detail = _("{source} has errors: correct them before comparing", source=source)
                return JSONResponse(
                    {"detail": detail, "problems": _problems(validation.problems)},
                    status_code=422,
                )
            reports.append(validation.report)
        old, new = reports
        await run_in_threadpool(load_theme, new.theme or DEFAULT_THEME, drafts)
        author = author or _author(new)
        moment = datetime.datetime.fromtimestamp(int(clock()), datetime.UTC)
        work = renderer.compare(old, new, comparison.format, drafts, Revision(author, moment))
        try:
            data = await _unless_client_leaves(request, work)
        except asyncio.CancelledError:
            return _stopped()
        if data is None:
            return Response(status_code=499)
        version = comparison.new.version
        stem = Path(comparison.new.draft).stem + (f"-v{version}" if version else "")
        disposition = "inline" if comparison.format == "html" else "attachment"
        filename = f"{stem}-compared.{comparison.format}"
        return Response(
            data,
            media_type=_MEDIA_TYPES[comparison.format],
            headers={"Content-Disposition": f'{disposition}; filename="{filename}"'},
        )

    def _compared(side: ComparedDraft) -> tuple[str, Validation]:
        """The source named in messages (d.yaml, or d.yaml@3 for a version) and its report."""
        if side.version is None:
            draft = store.load(side.draft)
            return side.draft, validate_text(draft.text, side.draft)
        source = f"{side.draft}@{side.version}"
        raw = store.history(store.checked_name(side.draft)).read(side.version)
        return source, validate_text(decode_report(raw), source)

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
        return _described(None, report)

    @app.post(
        "/api/render",
        summary="Render a report as HTML, PDF or DOCX",
        responses={200: {"content": {media: {} for media in _MEDIA_TYPES.values()}}},
    )
    async def render_report(
        request: Request,
        report: dict[str, Any] = Body(..., embed=True),  # noqa: B008
        format: Literal["html", "pdf", "docx"] = Query("html"),
        name: str = Query("report", pattern=r"^[A-Za-z0-9._-]{1,100}$"),
    ) -> Response:
        validation = await run_in_threadpool(validate_data, report, "report")
        if validation.report is None:
            return JSONResponse(
                {"detail": _("the report has errors"), "problems": _problems(validation.problems)},
                status_code=422,
            )
        data = await _rendered(request, validation.report, format)
        if isinstance(data, Response):
            return data
        stem = name.rsplit(".", 1)[0] if name.endswith((".yaml", ".yml")) else name
        disposition = "inline" if format == "html" else "attachment"
        return Response(
            data,
            media_type=_MEDIA_TYPES[format],
            headers={"Content-Disposition": f'{disposition}; filename="{stem}.{format}"'},
        )

    @app.post(
        "/api/preview",
        summary="Preview a draft as HTML, complete or not",
        description="A valid report renders as /api/render's HTML does. An incomplete one renders "
        "as far as it is written, each missing or invalid value shown as a marked gap "
        '(<mark class="gap">[Missing: Session 1.2 › Title]</mark>, in the language asked for); '
        "the header X-Gaps counts them. Such a page is for the screen only: /api/render "
        "refuses a report with errors.",
        responses={200: {"content": {_MEDIA_TYPES["html"]: {}}}},
    )
    async def preview_report(
        request: Request,
        report: dict[str, Any] = Body(..., embed=True),  # noqa: B008
    ) -> Response:
        validation = await run_in_threadpool(validate_data, report, "report")
        sketch = (
            Sketch(validation.report, {})
            if validation.report is not None
            else await run_in_threadpool(sketch_report, report)
        )
        if sketch is None:
            detail = _("the preview cannot show this draft until its errors are fixed")
            return JSONResponse(
                {"detail": detail, "problems": _problems(validation.problems)}, status_code=422
            )
        data = await _rendered(request, sketch.report, "html")
        if isinstance(data, Response):
            return data
        return Response(
            mark_gaps(data.decode(), sketch.gaps),
            media_type=_MEDIA_TYPES["html"],
            headers={"X-Gaps": str(len(sketch.gaps))},
        )

    async def _rendered(request: Request, report: Report, format: Format) -> bytes | Response:
        """Render in a worker; an answer instead if the server stops or the client leaves."""
        theme_name = report.theme or DEFAULT_THEME
        # A missing theme is told here, before any worker starts.
        await run_in_threadpool(load_theme, theme_name, drafts)
        work = renderer.render(report, format, theme_name, drafts)
        try:
            data = await _unless_client_leaves(request, work)
        except asyncio.CancelledError:  # the server is stopping, and its renders with it
            return _stopped()
        if data is None:
            return Response(status_code=499)  # nobody is there to read it
        return data

    def _summarize(report: Report) -> Summary:
        """Summarize a report; an oral one is timed by its theme's templates, run here if they
        are all built-in ones, else in a bounded worker, as a render would run them."""
        theme_name = report.theme or DEFAULT_THEME
        theme = load_theme(theme_name, drafts)
        if report.kind != "oral" or theme.runs_only_built_in_templates:
            return summarize(report, theme)
        return renderer.summarize(report, theme_name, drafts)

    def _warm_up() -> None:
        """Do once what the first save and preview would otherwise do while the rapporteur
        waits: start the render workers, each rendering the examples, and meanwhile check
        and time the examples here."""
        examples = [
            validate_file(path).report for path in sorted(shipped_path("examples").glob("*.yaml"))
        ]
        reports = [report for report in examples if report is not None]
        with ThreadPoolExecutor(1, thread_name_prefix="warm-up") as starting:
            started = starting.submit(renderer.start, reports, drafts)
            for report in reports:
                _described(None, report.model_dump(mode="json", by_alias=True, exclude_none=True))
            started.result()

    def _described(
        draft: Draft | None, data: Any, status_code: int = 200, kept_version: int | None = None
    ) -> _DescribedJSON:
        """The report with its problems and summary; with the draft's names and version (and
        after a restore, the number of the version that holds what the draft held before)."""
        name = draft.name if draft else None
        validation = validate_data(data, name or "report")
        problems = problems_rendering(validation, drafts)
        summary, problems = summarize_valid(validation, problems, _summarize)
        content = {
            "name": name,
            "display_name": draft.display_name if draft else None,
            "version": draft.version if draft else None,
            "report": data,
            "valid": not any(problem.severity == "error" for problem in problems),
            "problems": _problems(problems),
            "summary": str(summary) if summary else None,
            "words": summary.words if summary else None,
            "speaking_seconds": summary.speaking_seconds if summary else None,
            "items": [
                {"field": format_field_path(path), "id": item_id}
                for path, item_id in item_ids(data, validation.report).items()
            ],
            "item_themes": _item_themes(data),
        }
        if kept_version is not None:
            content["kept_version"] = kept_version
        return _DescribedJSON(content, status_code=status_code)

    def _item_themes(data: Any) -> list[str]:
        """The thematic areas the report's theme lists, named in the report's language: the
        form offers them as a finding's thematic area is typed."""
        named = data.get("theme") if isinstance(data, dict) else None
        try:
            theme = load_theme(named if isinstance(named, str) else DEFAULT_THEME, drafts)
        except ReportError:
            return []  # the theme's problem is among the report's
        written = data.get("language") if isinstance(data, dict) else None
        language = written if isinstance(written, str) else theme.language
        return [
            str(theme.item_theme_label(next(iter(area.values())), language))
            for area in theme.item_themes
        ]

    return app


class Speaking:
    """Answer each request in its user's language: the one the form asks for in
    ``Accept-Language`` (the browser's, or the one chosen on the page)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        language = "en"
        if scope["type"] == "http":
            language = negotiate(Headers(scope=scope).get("accept-language"))
        with speaking(language):
            await self.app(scope, receive, send)


def _listed(entry: DraftEntry) -> dict:
    return {
        "name": entry.name,
        "display_name": entry.display_name,
        "version": entry.version,
        "modified": _moment(entry.modified),
        "bytes": entry.size,
        "note": entry.note,
    }


def _stopped() -> JSONResponse:
    return JSONResponse(
        {"detail": _("the server stopped before the render was done: render again")},
        status_code=503,
    )


def _signing(author: str | None) -> str | None:
    """The author a comparison was asked to sign with, spaces tidied, if it can sign; or None
    for the default."""
    from gfmd_reports.redline import author_name

    if not author or not author.split():
        return None
    try:
        return author_name(" ".join(author.split()))
    except ReportError as error:
        raise BodyError(("author",), str(error)) from None


def _author(report: Report) -> str:
    """Who signs a comparison's changes when nobody is named: the report's rapporteur."""
    if report.rapporteur is not None:
        return str(report.rapporteur.name)
    return _("Rapporteur")


def _version(version: Version) -> dict:
    return {
        "number": version.number,
        "saved": version.saved.isoformat(),
        "reason": version.reason,
        "said_reason": said_reason(version.reason),
        "note": version.note,
        "bytes": version.size,
        "version": version.digest,
    }


def _deleted(deleted: DeletedDraft) -> dict:
    return {
        "key": deleted.key,
        "name": deleted.name,
        "display_name": deleted.display_name,
        "deleted": _moment(deleted.deleted),
        "expires": _moment(deleted.expires),
    }


def _moment(seconds: float) -> str:
    return datetime.datetime.fromtimestamp(seconds, datetime.UTC).isoformat(timespec="seconds")


_REQUEST_MESSAGES = {
    "missing": mark("is required"),
    "json_invalid": mark("is not JSON: check the request's body"),
    "literal_error": mark("should be one of {expected}"),
    "string_pattern_mismatch": mark(
        "holds characters a file name cannot have: use letters, digits, '.', '-' and '_'"
    ),
}
"""What a request that FastAPI refuses before the application reads it gets told, by the
type of pydantic's error; its own English messages never reach the user."""


def _request_problem(error: dict) -> dict:
    """An error FastAPI found in a request, said as the API's problems are: field, message."""
    location = [str(part) for part in error.get("loc", ())[1:]]
    message = _REQUEST_MESSAGES.get(error.get("type", ""))
    if message is None:
        said = _("is not what this request takes here: see the API's documentation at /api/docs")
    else:
        # pydantic joins the choices in English ("'a', 'b' or 'c'"): joined again in the user's.
        expected = re.findall(r"'([^']*)'", str(error.get("ctx", {}).get("expected", "")))
        said = _(message, expected=one_of(expected))
    return {"field": ".".join(location), "message": said, "severity": "error"}


def _plain_where_written(dumped: Any, written: Any) -> Any:
    """An example's data as the model gives it, each item its file writes as plain text (a
    discussion point, a finding) kept as that text: the draft starts as the example reads, and
    the form keeps such items plain while they hold nothing but their text."""
    if isinstance(written, str) and isinstance(dumped, dict) and dumped.get("text") == written:
        return written
    if isinstance(dumped, dict) and isinstance(written, dict):
        return {key: _plain_where_written(value, written.get(key)) for key, value in dumped.items()}
    if isinstance(dumped, list) and isinstance(written, list) and len(dumped) == len(written):
        return [_plain_where_written(*pair) for pair in zip(dumped, written, strict=True)]
    return dumped


def _alphabetical(name: str) -> str:
    """Sort “Équateur” among the E's and “Åland” among the A's, as a dictionary would."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(character for character in decomposed if not unicodedata.combining(character))


def _problems(problems: list[Problem] | tuple[Problem, ...]) -> list[dict]:
    return [
        {
            "field": problem.field,
            "place": problem.place,
            "message": problem.message,
            "severity": problem.severity,
        }
        for problem in problems
    ]


async def _unless_client_leaves(request: Request, work: Coroutine[Any, Any, bytes]) -> bytes | None:
    """Await ``work``, cancelling it if the client disconnects first (then return None)."""
    working = asyncio.ensure_future(work)
    watching = asyncio.ensure_future(_disconnected(request))
    try:
        await asyncio.wait({working, watching}, return_when=asyncio.FIRST_COMPLETED)
        return working.result() if working.done() else None
    finally:
        for task in (working, watching):
            task.cancel()


async def _disconnected(request: Request) -> None:
    """Return once the client has gone (the request's body has been read already)."""
    while (await request.receive())["type"] != "http.disconnect":
        pass


def _add_api_docs(app: FastAPI) -> None:
    """Serve Swagger UI for the API from the installed swagger-ui-bundle package, with a page
    and a start-up script of our own: the content security policy allows no CDN and no inline
    script."""

    @app.get("/api/docs", include_in_schema=False)
    def docs_page() -> FileResponse:
        return FileResponse(_STATIC / "api-docs.html", media_type="text/html")

    @app.get("/api/docs/{asset}", include_in_schema=False)
    def docs_asset(asset: Literal["swagger-ui.css", "swagger-ui-bundle.js"]) -> FileResponse:
        from swagger_ui_bundle import swagger_ui_path  # only when the documentation is read

        return FileResponse(Path(str(swagger_ui_path)) / asset)
