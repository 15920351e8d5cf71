"""Requests to the running backend whose every answer is held to an OpenAPI document.

Each answer is checked as schemathesis checks its own: no 5xx, a status the operation documents,
a documented content type, a body its schema accepts; and it must come within the time limit.
Failures are counted by kind in a `Tally`, which the run prints at the end.
"""

from __future__ import annotations

import json
import re
import socket
import time
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

import requests
import schemathesis
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import Failure, FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

# What each schemathesis failure code counts as in the printed figure.
KINDS = {
    "ST101": "server errors",
    "ST102": "server errors",
    "ST103": "undocumented statuses",
    "ST104": "schema mismatches",
    "ST105": "schema mismatches",
    "ST106": "schema mismatches",
    "ST108": "schema mismatches",
    "ST109": "schema mismatches",
    "ST110": "schema mismatches",
    "ST111": "schema mismatches",
    "ST112": "slow answers",
}
FIGURE_KINDS = (
    "server errors",
    "schema mismatches",
    "undocumented statuses",
    "slow answers",
    "other failures",
)
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@dataclass
class Tally:
    """Requests sent and failures found, by kind, with a line describing each failure."""

    requests: int = 0
    failures: dict[str, int] = field(default_factory=lambda: {kind: 0 for kind in FIGURE_KINDS})
    details: list[str] = field(default_factory=list)

    def fail(self, kind: str, what: str, count: int = 1) -> None:
        self.failures[kind] += count
        self.details.append(f"[{kind}] {what}")

    def failed(self) -> bool:
        return any(self.failures.values())

    def figure(self) -> str:
        counts = ", ".join(f"{self.failures[kind]} {kind}" for kind in FIGURE_KINDS)
        return f"fuzz: {self.requests} requests, {counts}"


class Raw(str):
    """A path or query value sent exactly as written, already percent-encoded (or not)."""


def encoded(value: str) -> str:
    return value if isinstance(value, Raw) else quote(value, safe="")


class CheckedApi:
    """Sends requests to one document's operations and checks each answer against it."""

    def __init__(self, document: str, base_url: str, token: str, tally: Tally, timeout_s: float) -> None:
        self.schema = schemathesis.openapi.from_path(document)
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.tally = tally
        self.timeout_s = timeout_s
        self.session = requests.Session()

    def operations(self):
        """(path template, METHOD) of every operation of the document."""
        for path, methods in self.schema.raw_schema["paths"].items():
            for method in methods:
                if method in ("get", "put", "post", "delete", "patch"):
                    yield path, method.upper()

    def send(
        self,
        template: str,
        method: str,
        path: dict[str, str] | None = None,
        query: str | None = None,
        json_body: object = None,
        data: bytes | None = None,
        content_type: str | None = None,
        token: str | None = "default",
        label: str = "",
    ) -> requests.Response | None:
        """Sends one request to an operation; answers the response, or None when none came in time."""
        url = self.base_url + re.sub(r"\{(\w+)\}", lambda m: encoded((path or {})[m.group(1)]), template)
        if query is not None:
            url += "?" + query
        headers = {}
        token = self.token if token == "default" else token
        if token:
            headers["Authorization"] = f"Bearer {token}"
        if json_body is not None:
            data = json.dumps(json_body).encode()
            content_type = content_type or "application/json"
        if content_type:
            headers["Content-Type"] = content_type
        what = f"{method} {url[len(self.base_url):][:160]} {label}".rstrip()
        self.tally.requests += 1
        started = time.monotonic()
        try:
            response = self.session.request(method, url, data=data, headers=headers, timeout=self.timeout_s)
        except requests.Timeout:
            self.tally.fail("slow answers", f"{what}: no answer within {self.timeout_s:.0f} s")
            return None
        elapsed = time.monotonic() - started
        if elapsed > self.timeout_s:
            self.tally.fail("slow answers", f"{what}: answered in {elapsed:.1f} s")
        self.check(template, method, response, what)
        return response

    def check(self, template: str, method: str, response: requests.Response, what: str) -> None:
        # The checks read the operation, not the case's values: any stand-in values do.
        params = {name: "x" for name in re.findall(r"\{(\w+)\}", template)}
        case = self.schema[template][method].Case(path_parameters=params)
        try:
            case.validate_response(response, checks=CHECKS, transport_kwargs={"base_url": self.base_url})
        except FailureGroup as group:
            for failure in group.exceptions:
                self._count(failure, what, response)
        except Failure as failure:
            self._count(failure, what, response)

    def _count(self, failure: Failure, what: str, response: requests.Response) -> None:
        kind = KINDS.get(failure.code, "other failures")
        self.tally.fail(
            kind, f"{what}: {response.status_code} {failure.code} {failure.title}: {failure.message[:300]}"
        )

    def send_raw_line(self, request_line: bytes, label: str) -> None:
        """Sends bytes no HTTP client would (non-ASCII in the request line) over a socket; the
        answer must come in time and not be a 5xx (Node's own parser may answer it, bodiless)."""
        url = urlsplit(self.base_url)
        self.tally.requests += 1
        started = time.monotonic()
        head = b""
        try:
            with socket.create_connection((url.hostname, url.port), timeout=self.timeout_s) as conn:
                conn.sendall(
                    request_line
                    + b"\r\nHost: "
                    + url.netloc.encode()
                    + b"\r\nAuthorization: Bearer "
                    + self.token.encode()
                    + b"\r\nConnection: close\r\n\r\n"
                )
                while b"\r\n" not in head:
                    chunk = conn.recv(4096)
                    if not chunk:
                        break
                    head += chunk
        except socket.timeout:
            self.tally.fail("slow answers", f"raw {label}: no answer within {self.timeout_s:.0f} s")
            return
        status = re.match(rb"HTTP/1\.[01] (\d{3})", head)
        if not status:
            self.tally.fail("other failures", f"raw {label}: no HTTP answer ({head[:80]!r})")
        elif int(status.group(1)) >= 500:
            self.tally.fail("server errors", f"raw {label}: {status.group(1).decode()}")
        if time.monotonic() - started > self.timeout_s:
            self.tally.fail("slow answers", f"raw {label}: answered after {self.timeout_s:.0f} s")
