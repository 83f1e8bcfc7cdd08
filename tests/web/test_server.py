"""`gfmd-reports serve` as separate processes on 127.0.0.1, under load and misuse: two servers
on one folder, odd files in it, renders piling up or abandoned, idle connections, a stop."""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import select
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import MINIMAL_REPORT, ORAL_EXAMPLE
from ruamel.yaml import YAML

from gfmd_reports.web.rendering import BoundedRenderer
from web.servers import Response, Server, make_runaway_theme


@pytest.fixture
def drafts(tmp_path):
    return tmp_path / "drafts"


def _report() -> dict:
    return YAML(typ="safe").load(ORAL_EXAMPLE.read_text(encoding="utf-8"))


def test_an_empty_token_is_a_usage_error(drafts):
    """`--token "$TOKEN"` with TOKEN unset must not serve without authentication."""
    result = subprocess.run(
        [sys.executable, "-m", "gfmd_reports", "serve", "--token", "", "--drafts", str(drafts)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert (
        "Invalid value for '--token': is empty (an unset shell variable?): give a token, or "
        "leave --token out to have one generated" in result.stderr
    )
    assert not drafts.exists()


def test_two_servers_on_one_folder_lose_no_acknowledged_save(drafts):
    servers = [Server(drafts), Server(drafts)]
    acknowledged: list[tuple[str, str]] = []  # (the version a save was made from, its own)

    def write(server: Server, writer: int) -> None:
        draft = server.call("GET", "api/drafts/shared.yaml").json()
        version, report = draft["version"], draft["report"]
        for attempt in range(20):
            report = {**report, "closing": [f"Writer {writer}, save {attempt}."]}
            save = {"report": report, "version": version}
            answer = server.call("PUT", "api/drafts/shared.yaml", save)
            assert answer.status in {200, 409}, answer.body
            if answer.status == 200:
                acknowledged.append((version, answer.json()["version"]))
                version = answer.json()["version"]
            else:
                version = answer.json()["current_version"]

    try:
        for server in servers:
            server.start()
        assert servers[0].call("POST", "api/drafts", {"name": "shared.yaml"}).status == 201
        writers = [
            threading.Thread(target=write, args=(servers[number % 2], number))
            for number in range(6)
        ]
        for writer in writers:
            writer.start()
        for writer in writers:
            writer.join()
        final = servers[1].call("GET", "api/drafts/shared.yaml").json()["version"]
    finally:
        for server in servers:
            server.stop()
    # Each acknowledged save is the final text, or the text a later acknowledged save replaced.
    made_from = {origin for origin, _ in acknowledged}
    lost = [saved for _, saved in acknowledged if saved != final and saved not in made_from]
    assert len(acknowledged) >= 20
    assert lost == []


def _bytes_read(pid: int) -> int:
    """The bytes a process has read so far, from files and sockets alike (Linux)."""
    counters = dict(line.split(": ") for line in Path(f"/proc/{pid}/io").read_text().splitlines())
    return int(counters["rchar"])


def test_a_folder_of_odd_files_and_many_drafts_lists_reading_each_file_once(drafts):
    drafts.mkdir()
    for number in range(2000):
        (drafts / f"draft-{number:04}.yaml").write_text(MINIMAL_REPORT, encoding="utf-8")
    os.mkfifo(drafts / "pipe.yaml")  # reading it would wait for ever
    os.symlink(drafts / "gone.yaml", drafts / "dangling.yaml")
    with (drafts / "huge.yaml").open("wb") as huge:
        huge.truncate(1_500_000_000)  # sparse: no disk used
    (drafts / "typo.yaml").write_text("kind: oral\nforum: {start: 2014-02-30}\n", encoding="utf-8")
    stale = drafts / ".draft-0001.yaml.0123456789ab.tmp"  # left by a save killed outright
    stale.write_text("half a draft", encoding="utf-8")
    server = Server(drafts)
    server.start()
    try:
        pid = server.process.pid
        before = _bytes_read(pid)
        first = server.call("GET", "api/drafts")
        after_first = _bytes_read(pid)
        second = server.call("GET", "api/drafts")
        after_second = _bytes_read(pid)
    finally:
        server.stop()
    assert first.status == 200
    assert first.json() == second.json()
    notes = {entry["name"]: entry["note"] for entry in first.json() if entry["note"]}
    assert len(first.json()) == 2004
    assert sorted(notes) == ["dangling.yaml", "huge.yaml", "pipe.yaml"]
    assert notes["huge.yaml"].startswith("is 1,500,000,000 bytes, more than the 500,000")
    drafts_bytes = 2001 * len(MINIMAL_REPORT.encode())
    assert after_first - before < drafts_bytes + 1_000_000  # each draft once, nothing more
    assert after_second - after_first < 100_000  # unchanged files are not read again
    assert not stale.exists()


def _session(leader: int) -> list[int]:
    """The processes still in the session that ``leader`` started (its workers among them)."""
    return list(_parents_in_session(leader))


def _parents_in_session(leader: int) -> dict[int, int]:
    """Each live process of the session that ``leader`` started, with its parent's id."""
    members = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue  # ended meanwhile
            if int(fields[3]) == leader and fields[0] != "Z":
                members[int(entry.name)] = int(fields[1])
    return members


def _render_workers(leader: int) -> set[int]:
    """The server's render workers: the processes its fork server started."""
    members = _parents_in_session(leader)
    return {pid for pid, parent in members.items() if members.get(parent) == leader}


def test_the_address_is_given_once_the_server_answers_there(drafts):
    """The server readies its render workers before it opens its port: it gives its address
    only then, so that the rapporteur who opens it at once finds the form."""
    server = Server(drafts)
    command = [sys.executable, "-m", "gfmd_reports", "serve", "--port", str(server.port)]
    with subprocess.Popen(
        [*command, "--drafts", str(drafts)], stdout=subprocess.PIPE, text=True
    ) as process:
        try:
            first_line = process.stdout.readline()
            assert first_line == f"Drafting reports at {server.url}\n"
            socket.create_connection(("127.0.0.1", server.port), timeout=10).close()
        finally:
            process.terminate()
            process.wait(timeout=30)


def test_a_stop_while_the_workers_warm_up_stops_the_start(drafts):
    """Ctrl-C while the server readies its workers stops it then, workers and all, without
    giving an address that nothing answers at."""
    server = Server(drafts)
    command = [sys.executable, "-m", "gfmd_reports", "serve", "--port", str(server.port)]
    with subprocess.Popen(
        [*command, "--drafts", str(drafts)],
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    ) as process:
        deadline = time.monotonic() + 60
        while not _render_workers(process.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _render_workers(process.pid), "no worker started within 60 s"
        process.send_signal(signal.SIGINT)
        output, _ = process.communicate(timeout=60)
    assert "Drafting reports at" not in output
    deadline = time.monotonic() + 30
    while _session(process.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _session(process.pid) == []


def test_the_render_workers_are_ready_before_the_first_request(drafts):
    """The server starts its render workers, each rendering the examples once, before it opens
    its port: the first preview finds them there, and starts none."""
    server = Server(drafts)
    server.start()
    try:
        workers = _render_workers(server.process.pid)
        assert len(workers) == BoundedRenderer().workers
        assert server.call("POST", "api/preview", {"report": _report()}).status == 200
        assert _render_workers(server.process.pid) == workers
    finally:
        server.stop()


def _post_renders(server: Server, report: dict, count: int) -> list[http.client.HTTPConnection]:
    body = json.dumps({"report": report}).encode()
    connections = []
    for _ in range(count):
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120)
        connection.request(
            "POST", "/api/render?format=pdf", body, {"Content-Type": "application/json"}
        )
        connections.append(connection)
    return connections


def _render_html(server: Server) -> Response:
    return server.call("POST", "api/render?format=html", {"report": _report()}, timeout=90)


def test_saves_go_on_while_renders_pile_up_and_renders_stop_when_abandoned(drafts):
    make_runaway_theme(drafts)
    runaway = {**_report(), "theme": "runaway"}
    renderer = BoundedRenderer()  # as the server's: workers and queue by this machine's cores
    admitted = renderer.workers + renderer.waiting
    server = Server(drafts, "--time-limit", "600")
    server.start()
    try:
        created = server.call("POST", "api/drafts", {"name": "d.yaml"}).json()
        renders = _post_renders(server, runaway, 45)

        # Saves and validation do not wait behind the renders.
        save = {
            "report": {**created["report"], "closing": ["Saved."]},
            "version": created["version"],
        }
        assert server.call("PUT", "api/drafts/d.yaml", save, timeout=30).status == 200
        assert server.call("POST", "api/validate", {"report": _report()}, timeout=30).status == 200

        # Renders beyond the queue are refused at once, saying when to try again.
        answered: list[http.client.HTTPConnection] = []
        deadline = time.monotonic() + 60
        while len(answered) < 45 - admitted and time.monotonic() < deadline:
            waiting = [render for render in renders if render not in answered]
            readable, _, _ = select.select([render.sock for render in waiting], [], [], 1)
            answered += [render for render in waiting if render.sock in readable]
        assert len(answered) == 45 - admitted
        for render in answered:
            response = render.getresponse()
            assert response.status == 503
            assert response.getheader("Retry-After") == "5"
            assert json.loads(response.read())["detail"].startswith("the server is busy with")

        # Their clients gone, the runaway renders stop and the workers serve others again.
        for render in renders:
            render.close()
        deadline = time.monotonic() + 90  # without cancelling, 600 s: the time limit
        while (again := _render_html(server)).status == 503 and time.monotonic() < deadline:
            time.sleep(float(again.headers["Retry-After"]))
        assert again.status == 200

        # SIGTERM stops the server within seconds, renders, workers and all.
        still_running = _post_renders(server, runaway, 3)
        time.sleep(1)  # let them reach the workers
        server.process.send_signal(signal.SIGTERM)
        server.process.wait(timeout=30)
        deadline = time.monotonic() + 30
        while _session(server.process.pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _session(server.process.pid) == []
        for render in still_running:
            render.close()
    finally:
        server.stop()


def test_idle_and_trickling_connections_are_closed_and_the_server_stays_reachable(drafts):
    server = Server(drafts, "--request-timeout", "2")
    server.start()
    address = ("127.0.0.1", server.port)
    connections: list[socket.socket] = []
    try:
        for _ in range(1100):
            connections.append(socket.create_connection(address, timeout=60))
        half_head = b"GET /api/drafts HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        half_body = (
            b'POST /api/validate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{"'
        )
        for start in [half_head] * 25 + [half_body] * 25:
            trickling = socket.create_connection(address, timeout=60)
            trickling.sendall(start)
            connections.append(trickling)
        # Each is closed by the server (some after a 503: too many connections), none left
        # waiting; a connection still open after 60 s fails with a timeout.
        for connection in connections:
            with contextlib.suppress(ConnectionResetError):
                while connection.recv(65536):
                    pass
        assert server.call("GET", "api/drafts", timeout=30).status == 200
    finally:
        for connection in connections:
            connection.close()
        server.stop()
