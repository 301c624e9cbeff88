"""The ASGI app: routes, pages (Jinja2 with autoescape), sessions and downloads.

Thin like the command line: every decision about documents, packages, registers and heirs is the
library's (:mod:`._vendor` and :mod:`._heir` call its public API); this module reads requests,
checks the session's CSRF token and renders answers.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import re
import secrets
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from endingnote import Issue
from endingnote.serve import _heir, _vendor
from endingnote.serve._config import ServeConfig
from endingnote.serve._multipart import Form, read_form
from endingnote.serve._security import SecurityMiddleware
from endingnote.serve._sessions import COOKIE, Session, SessionStore

_STYLE = re.compile(rb"<style>(.*?)</style>", re.S)
_MEDIA = {
    ".html": "text/html; charset=utf-8",
    ".json": "application/json",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".csv": "text/csv; charset=utf-8",
    ".ics": "text/calendar; charset=utf-8",
    ".zip": "application/zip",
    ".bin": "application/octet-stream",
}


class App:
    """The app's state: its settings, sessions and templates."""

    def __init__(self, config: ServeConfig) -> None:
        import jinja2

        self.config = config
        self.store = SessionStore(config.work_dir)
        self.env = jinja2.Environment(
            loader=jinja2.PackageLoader("endingnote.serve", "templates"),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        from endingnote.importer import date_text, datetime_text, share_text

        self.env.globals.update(date_text=date_text, datetime_text=datetime_text, share_text=share_text)

    # --- sessions and pages ---------------------------------------------------------------------

    def session(self, request: Request) -> Session:
        found = self.store.get(request.cookies.get(COOKIE))
        if found is None:
            lang = "en" if request.query_params.get("lang") == "en" else "ja"
            found = self.store.create(lang)
        return found

    def page(self, request: Request, session: Session, name: str, status: int = 200, **ctx: Any) -> Response:
        lang = session.lang
        here = request.url.path + (f"?{request.url.query}" if request.url.query else "")

        def L(ja: str, en: str) -> str:
            return ja if lang == "ja" else en

        html = self.env.get_template(name).render(
            L=L, lang=lang, csrf=session.csrf, here=here, path=request.url.path, **ctx
        )
        return self.finish(HTMLResponse(html, status_code=status), session)

    def finish(self, response: Response, session: Session) -> Response:
        response.set_cookie(COOKIE, session.id, httponly=True, samesite="strict", path="/")
        return response

    async def form(self, request: Request, session: Session) -> Form | None:
        """The posted form, when its CSRF token is this session's; ``None`` otherwise (and nothing
        of it is kept)."""
        folder = session.new_folder("upload")

        async def body() -> AsyncIterator[bytes]:
            async for chunk in request.stream():
                yield chunk

        form = await read_form(request.headers.get("content-type", ""), body(), folder)
        token = form.get("csrf")
        if not token or not secrets.compare_digest(token.encode(), session.csrf.encode()):
            for up in form.files:
                up.path.unlink(missing_ok=True)
            return None
        return form

    def refused(self, request: Request, session: Session) -> Response:
        return self.page(request, session, "expired.html", status=403)

    def close(self) -> None:
        self.store.close()


def _download(data: bytes, name: str, media: str | None = None) -> Response:
    ascii_name = name.encode("ascii", "replace").decode().replace("?", "_").replace('"', "_")
    media = media or _MEDIA.get(Path(name).suffix.lower(), "application/octet-stream")
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"
    return Response(data, media_type=media, headers={"content-disposition": disposition})


def _local(request: Request) -> bool:
    """The browser runs on this machine (the connection comes over loopback)."""
    from endingnote.serve._config import is_loopback

    return request.client is not None and is_loopback(request.client.host)


def _safe_next(value: str | None) -> str:
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return "/"


def create_app(config: ServeConfig) -> Starlette:
    """The Starlette app for ``config``; its sessions' folders go when it shuts down."""
    problem = config.problem()
    if problem is not None:
        from endingnote.errors import InputError

        raise InputError(f"{problem[0]} / {problem[1]}")
    app = App(config)

    async def home(request: Request) -> Response:
        session = app.session(request)
        return app.page(request, session, "home.html")

    async def set_lang(request: Request) -> Response:
        session = app.session(request)
        session.lang = "en" if request.query_params.get("to") == "en" else "ja"
        target = _safe_next(request.query_params.get("next"))
        return app.finish(RedirectResponse(target, status_code=303), session)

    async def end_session(request: Request) -> Response:
        session = app.session(request)
        form = await app.form(request, session)
        if form is None:
            return app.refused(request, session)
        app.store.end(session.id)
        response = RedirectResponse("/?ended=1", status_code=303)
        response.delete_cookie(COOKIE, path="/")
        return response

    # --- vendor ---------------------------------------------------------------------------------

    def mappings() -> dict[str, Path]:
        from endingnote.convert import known_mappings

        return known_mappings()

    async def vendor(request: Request) -> Response:
        session = app.session(request)
        return app.page(request, session, "vendor.html", mappings=list(mappings()), problems=[], chosen="")

    async def vendor_post(request: Request) -> Response:
        from endingnote._codes import issue

        session = app.session(request)
        form = await app.form(request, session)
        if form is None:
            return app.refused(request, session)
        chosen = form.get("mapping")
        problems: list[Issue] = list(form.issues)
        files = form.uploads("files")
        if not problems and not files:
            problems.append(issue("serve.upload.empty", ""))
        mapping_path: Path | None = None
        label = chosen
        if not problems and chosen == "upload":
            uploaded = form.uploads("mapping_file")
            if not uploaded:
                problems.append(issue("serve.upload.empty", "mapping"))
            else:
                mapping_path, label = uploaded[0].path.with_suffix(".yaml"), uploaded[0].filename
                uploaded[0].path.rename(mapping_path)
        elif chosen:  # the list is read only when a name was chosen (entry points are slow to scan)
            mapping_path = mappings().get(chosen)
            if mapping_path is None:
                problems.append(issue("serve.upload.malformed", "mapping", reason=chosen))
        if problems:
            limits = ("serve.upload.too_large", "serve.upload.too_many")
            status = 413 if any(i.code in limits for i in problems) else 400
            return app.page(
                request, session, "vendor.html", status=status, mappings=list(mappings()), problems=problems,
                chosen=chosen,
            )  # fmt: skip
        run = _vendor.new_run(
            session.new_folder("run"), "convert" if mapping_path else "validate", app.config.now()
        )
        if mapping_path is not None:
            if len(files) > 1:
                return app.page(
                    request, session, "vendor.html", status=400, mappings=list(mappings()), chosen=chosen,
                    problems=[], one_file=True,
                )  # fmt: skip
            mapping_problems = await run_in_threadpool(
                _vendor.convert_upload, files[0], mapping_path, label, run
            )
            if mapping_problems:
                return app.page(
                    request, session, "vendor.html", status=400, mappings=list(mappings()), chosen=chosen,
                    problems=mapping_problems,
                )  # fmt: skip
        else:
            await run_in_threadpool(_vendor.validate_uploads, files, run)
        session.runs[run.id] = run
        return app.finish(RedirectResponse(f"/vendor/runs/{run.id}", status_code=303), session)

    async def vendor_run(request: Request) -> Response:
        session = app.session(request)
        run = session.runs.get(request.path_params["run"])
        if run is None:
            return app.page(request, session, "missing.html", status=404)
        from endingnote.standard import TIER_LABELS, get

        q = request.query_params
        severity, category, code = q.get("severity", ""), q.get("category", ""), q.get("code", "")
        findings = run.findings()
        shown = _vendor.select(findings, severity, category, code)
        std = get()
        categories = {c.key: (c.label_ja, c.label_en) for c in std.categories}
        return app.page(
            request, session, "vendor_run.html", run=run, findings=findings, shown=shown,
            facets=_vendor.facets(findings), severity=severity, category=category, code=code,
            categories=categories, tiers=TIER_LABELS, chart=_vendor.chart(run.conformance(), categories),
        )  # fmt: skip

    async def vendor_download(request: Request) -> Response:
        session = app.session(request)
        run = session.runs.get(request.path_params["run"])
        name = request.path_params["name"]
        found = run.download(name) if run is not None else None
        if found is None:
            return app.page(request, session, "missing.html", status=404)
        data, media = found
        return _download(data, name, media)

    # --- heir -----------------------------------------------------------------------------------

    def state(session: Session) -> _heir.HeirState:
        if session.heir is None:
            session.heir = _heir.HeirState(session.new_folder("heir"))
        assert isinstance(session.heir, _heir.HeirState)  # noqa: S101
        return session.heir

    async def heir(request: Request) -> Response:
        session = app.session(request)
        st = state(session)
        ctx: dict[str, Any] = {"st": st, "problems": [], "readers": None, "config": app.config}
        ctx["remote"] = not _local(request)
        if st.step == 3:
            ctx["readers"], ctx["reader_ja"], ctx["reader_en"] = await run_in_threadpool(_heir.readers)
        return app.page(request, session, "heir.html", **ctx)

    async def heir_post(
        request: Request, action: Callable[[Session, _heir.HeirState, Form], Any]
    ) -> Response:
        from endingnote._codes import issue

        session = app.session(request)
        form = await app.form(request, session)
        if form is None:
            return app.refused(request, session)
        st = state(session)
        if form.issues:
            return app.page(
                request, session, "heir.html", status=413, st=st, problems=form.issues, readers=None,
                config=app.config, remote=not _local(request),
            )  # fmt: skip
        if action is do_card and not _local(request):
            # the card's password crosses no network: it is taken only from a page opened here
            form.fields.pop("password", None)
            problems = [issue("serve.heir.card_remote", "")]
        else:
            problems = await run_in_threadpool(action, session, st, form)
        if problems:
            readers = await run_in_threadpool(_heir.readers) if st.step == 3 else (None, "", "")
            return app.page(
                request, session, "heir.html", status=400, st=st, problems=problems, readers=readers[0],
                reader_ja=readers[1], reader_en=readers[2], config=app.config, remote=not _local(request),
            )  # fmt: skip
        return app.finish(RedirectResponse("/heir#current", status_code=303), session)

    def _need(step: int, st: _heir.HeirState) -> list[Issue]:
        from endingnote._codes import issue

        return [] if st.step >= step else [issue("serve.heir.step", "")]

    def do_package(session: Session, st: _heir.HeirState, form: Form) -> list[Issue]:
        from endingnote._codes import issue

        files = form.uploads("package")
        if not files:
            return [issue("serve.upload.empty", "")]
        _heir.verify(st, files[0], app.config)
        return []

    def do_registers(session: Session, st: _heir.HeirState, form: Form) -> list[Issue]:
        from endingnote._codes import issue

        missing = _need(2, st)
        if missing:
            return missing
        files = form.uploads("registers")
        code = form.get("code")
        if not files and not code.strip():
            return [issue("serve.upload.empty", "")]
        return _heir.add_registers(st, files, code, app.config)

    def do_card(session: Session, st: _heir.HeirState, form: Form) -> list[Issue]:
        missing = _need(3, st)
        if missing:
            return missing
        password = form.fields.pop("password", "")
        reader = form.get("reader") or None
        try:
            _heir.prove(st, _heir.card_claim(password, reader), app.config, session.lang)
        finally:
            del password
        return []

    def do_offline(session: Session, st: _heir.HeirState, form: Form) -> list[Issue]:
        from endingnote._codes import issue
        from endingnote.importer import SignedChallenge

        missing = _need(3, st)
        if missing:
            return missing
        cert, sig, chal = form.uploads("certificate"), form.uploads("signature"), form.uploads("challenge")
        challenge = chal[0].path.read_bytes() if chal else st.challenge
        if not cert or not sig or challenge is None:
            return [issue("serve.upload.empty", "")]
        claim = SignedChallenge(cert[0].path.read_bytes(), challenge, sig[0].path.read_bytes())
        _heir.prove(st, claim, app.config, session.lang)
        return []

    def do_attestation(session: Session, st: _heir.HeirState, form: Form) -> list[Issue]:
        from endingnote._codes import issue
        from endingnote.importer import AttestationClaim

        missing = _need(3, st)
        if missing:
            return missing
        files = form.uploads("attestation")
        if not files:
            return [issue("serve.upload.empty", "")]
        _heir.prove(st, AttestationClaim(files[0].path.read_bytes()), app.config, session.lang)
        return []

    async def heir_restart(request: Request) -> Response:
        session = app.session(request)
        form = await app.form(request, session)
        if form is None:
            return app.refused(request, session)
        st = state(session)
        st.forget_after(1)
        session.heir = None
        return app.finish(RedirectResponse("/heir", status_code=303), session)

    async def heir_challenge(request: Request) -> Response:
        session = app.session(request)
        st = state(session)
        if st.package is None:
            return app.page(request, session, "missing.html", status=404)
        data = st.challenge or _heir.new_challenge(st, app.config)
        return _download(data, "challenge.bin")

    async def heir_report(request: Request) -> Response:
        session = app.session(request)
        st = state(session)
        result = st.result
        path = (
            (result.outputs.get("report.html") or result.outputs.get("UNVERIFIED-report.html"))
            if result
            else None
        )
        if path is None:
            return app.page(request, session, "missing.html", status=404)
        data = path.read_bytes()
        hashes = " ".join(
            f"'sha256-{base64.b64encode(hashlib.sha256(m.group(1)).digest()).decode()}'"
            for m in _STYLE.finditer(data)
        )
        csp = (
            f"default-src 'none'; style-src {hashes or chr(39) + 'none' + chr(39)}; img-src data:; "
            "frame-ancestors 'self'; base-uri 'none'; form-action 'none'"
        )
        headers = {"content-security-policy": csp, "x-frame-options": "SAMEORIGIN"}
        if request.query_params.get("download"):
            response = _download(data, path.name)
            response.headers.update(headers)
            return response
        return Response(data, media_type="text/html; charset=utf-8", headers=headers)

    async def heir_file(request: Request) -> Response:
        session = app.session(request)
        st = state(session)
        name = request.path_params["name"]
        result = st.result
        if result is None or st.out is None:
            return app.page(request, session, "missing.html", status=404)
        if name == "csv.zip":
            csvs = {k: v for k, v in result.outputs.items() if k.startswith("csv/")}
            if not csvs:
                return app.page(request, session, "missing.html", status=404)
            return _download(_zip(csvs), "csv.zip")
        path = result.outputs.get(name)
        if path is None:
            return app.page(request, session, "missing.html", status=404)
        return _download(path.read_bytes(), Path(name).name)

    def post(action: Callable[[Session, _heir.HeirState, Form], Any]) -> Callable[[Request], Any]:
        async def endpoint(request: Request) -> Response:
            return await heir_post(request, action)

        return endpoint

    @contextlib.asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            app.close()

    routes = [
        Route("/", home),
        Route("/favicon.ico", lambda request: Response(status_code=204)),
        Route("/lang", set_lang),
        Route("/session/end", end_session, methods=["POST"]),
        Route("/vendor", vendor, methods=["GET"]),
        Route("/vendor", vendor_post, methods=["POST"]),
        Route("/vendor/runs/{run}", vendor_run),
        Route("/vendor/runs/{run}/download/{name}", vendor_download),
        Route("/heir", heir, methods=["GET"]),
        Route("/heir/package", post(do_package), methods=["POST"]),
        Route("/heir/registers", post(do_registers), methods=["POST"]),
        Route("/heir/identity/card", post(do_card), methods=["POST"]),
        Route("/heir/identity/offline", post(do_offline), methods=["POST"]),
        Route("/heir/identity/attestation", post(do_attestation), methods=["POST"]),
        Route("/heir/restart", heir_restart, methods=["POST"]),
        Route("/heir/challenge", heir_challenge),
        Route("/heir/report", heir_report),
        Route("/heir/files/{name:path}", heir_file),
        Mount("/static", StaticFiles(packages=[("endingnote.serve", "static")]), name="static"),
    ]
    starlette = Starlette(
        routes=routes, middleware=[Middleware(SecurityMiddleware, config=config)], lifespan=lifespan
    )
    starlette.state.endingnote = app
    return starlette


def _zip(files: dict[str, Path]) -> bytes:
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, path in sorted(files.items()):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, path.read_bytes())
    return buf.getvalue()
