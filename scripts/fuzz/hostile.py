"""Input no schema-driven generator sends: bytes that are not UTF-8 (percent-encoded, in JSON
bodies, raw in the request line), a 2 MB body, a 10 kB path segment, malformed and deeply nested
JSON, JSON that is not an object, wrong content types; on every operation of the reserve API and
on the two actions registry routes. Every answer must be a documented 4xx (or a success), fast."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from checked_api import CheckedApi, Raw

UUID = "00000000-0000-4000-8000-000000000000"
# A valid value for each path parameter, and for each body field the operations take.
PATH_DEFAULTS = {
    "kind": "component",
    "namespace": "default",
    "name": "checkout",
    "runbook": "failover",
    "item": "database-promoted",
    "action": "failover",
    "id": UUID,
}
BODY_DEFAULTS = {
    "PUT /entities/{kind}/{namespace}/{name}/runbooks/{runbook}/items/{item}": {"ticked": True, "note": "n"},
    "POST /entities/{kind}/{namespace}/{name}/actions/{action}/plan": {"reserve": "reserve-ams"},
    "POST /entities/{kind}/{namespace}/{name}/actions/{action}/executions": {
        "planId": UUID,
        "confirmation": "checkout",
    },
    "POST /executions/{id}/resume": {"confirmation": "checkout"},
    "POST /entities/{kind}/{namespace}/{name}/failover": {"servingCluster": "reserve-ams", "note": "n"},
}
TEN_KB = "a" * 10 * 1024
PATH_VALUES = [
    Raw("%FF%FE%FD"),  # not UTF-8
    Raw("%C0%AE%C0%AE"),  # overlong UTF-8 for '..'
    Raw("%E2%80%AE"),  # right-to-left override
    Raw("%00"),
    Raw("%2F"),
    Raw("%2e%2e"),
    Raw("%"),  # a lone percent sign
    TEN_KB,
    "x" * 254,
    "ü✓🙂",
    " ",
    "-leading-dash",
    "a;b=c",
]
QUERIES = [
    "group=%FF%FE",
    "group=group:default/%FF%FE",
    "group=" + TEN_KB,
    "group=group:default/team-payments&aggregate=maybe",
    "group=team-payments&aggregate=true&aggregate=false",
    "group=team-payments&group=team-data",
    "group=team-payments&unknown=1",
    "group=",
    "group=%00",
    "group=user:default/guest",
    "aggregate=true",
    "",
]
INVALID_UTF8 = b"\xff\xfe\xfd"


def malformed_bodies(base: dict) -> list[tuple[str, bytes, str]]:
    """(label, bytes, content type) of bodies broken in every way but the field values."""
    as_json = json.dumps(base).encode()
    first = next(iter(base))
    first_string = next((k for k, v in base.items() if isinstance(v, str)), None)
    bodies = [
        ("2 MB", json.dumps({**base, "note": "x" * 2 * 1024 * 1024}).encode(), "application/json"),
        (
            "10 kB field",
            json.dumps({k: (TEN_KB if isinstance(v, str) else v) for k, v in base.items()}).encode(),
            "application/json",
        ),
        ("cut off", as_json[: len(as_json) // 2], "application/json"),
        ("trailing garbage", as_json + b"}}", "application/json"),
        ("empty", b"", "application/json"),
        ("null", b"null", "application/json"),
        ("number", b"42", "application/json"),
        ("string", b'"x"', "application/json"),
        ("array", b"[]", "application/json"),
        ("nested 40k deep", b"[" * 40000 + b"]" * 40000, "application/json"),
        ("object nested 20k deep", b'{"a":' * 20000 + b"1" + b"}" * 20000, "application/json"),
        (
            "duplicate keys",
            as_json[:-1] + f', "{first}": [], "{first}": {json.dumps(base[first])}}}'.encode(),
            "application/json",
        ),
        ("1e400", as_json[:-1] + b', "x": 1e400}', "application/json"),
        ("text/plain", as_json, "text/plain"),
        ("form", b"ticked=true&note=n", "application/x-www-form-urlencoded"),
        ("latin1 charset", as_json, "application/json; charset=latin1"),
        ("utf-16", json.dumps(base).encode("utf-16"), "application/json; charset=utf-16"),
        ("unknown charset", as_json, "application/json; charset=bogus"),
    ]
    if first_string:
        placeholder = json.dumps({**base, first_string: "@@"}).encode()
        bodies.append(("not UTF-8", placeholder.replace(b"@@", INVALID_UTF8), "application/json"))
        bodies.append(("NUL", json.dumps({**base, first_string: "a\u0000b"}).encode(), "application/json"))
        bodies.append(("lone surrogate", placeholder.replace(b"@@", b"\\ud800"), "application/json"))
    return bodies


def attack_reserve_api(api: CheckedApi) -> None:
    for template, method in api.operations():
        params = [p.strip("{}") for p in template.split("/") if p.startswith("{")]
        defaults = {p: PATH_DEFAULTS[p] for p in params}
        for param in params:
            for value in PATH_VALUES:
                api.send(
                    template, method, path={**defaults, param: value}, json_body=body_for(template, method)
                )
        if template == "/ownership":
            for query in QUERIES:
                api.send(template, method, query=query)
        base = BODY_DEFAULTS.get(f"{method} {template}")
        if base is not None:
            for label, data, content_type in malformed_bodies(base):
                api.send(
                    template, method, path=defaults, data=data, content_type=content_type, label=f"({label})"
                )
    attack_raw_request_lines(api)


def body_for(template: str, method: str) -> dict | None:
    return BODY_DEFAULTS.get(f"{method} {template}")


def attack_raw_request_lines(api: CheckedApi) -> None:
    base = urlsplit(api.base_url).path.encode()
    for label, line in [
        ("non-UTF-8 path", b"GET " + base + b"/entities/component/default/\xff\xfe/readiness HTTP/1.1"),
        ("non-UTF-8 query", b"GET " + base + b"/ownership?group=\xff\xfe HTTP/1.1"),
        ("control characters", b"GET " + base + b"/entities/component/default/a\x01b/readiness HTTP/1.1"),
        (
            "80 kB path",
            b"GET " + base + b"/entities/component/default/" + TEN_KB.encode() * 8 + b"/readiness HTTP/1.1",
        ),
        ("DEL in a header", b"GET " + base + b"/clusters HTTP/1.1\r\nX-Note: a\x7fb"),
    ]:
        api.send_raw_line(line, label)


ACTIONS = "/.backstage/actions/v1/actions/reserve:{name}/invoke"
ENTITY_REFS = [
    "",
    ":",
    "component:",
    "component:default/",
    "group:default/team-payments",
    "component:default/no-such-service",
    "component:default/" + "a" * 300,
    TEN_KB,
    "component:default/checkout\u0000",
    "component:default/ü✓🙂",
    "component:default/../checkout",
]


def attack_actions_registry(api: CheckedApi) -> None:
    readiness = ACTIONS.format(name="get-reserve-readiness")
    plan = ACTIONS.format(name="plan-reserve-action")
    for ref in ENTITY_REFS:
        api.send(readiness, "POST", json_body={"entityRef": ref})
        api.send(plan, "POST", json_body={"entityRef": ref, "action": "failover"})
    for extra in [
        {"action": "nonsense"},
        {"action": "failover", "reserve": TEN_KB},
        {"action": "failover", "reserve": "reserve-fra-b"},
        {"action": "failover", "scaleDownPrimary": "yes"},
        {"action": "backup-now", "unknown": 1},
    ]:
        api.send(plan, "POST", json_body={"entityRef": "component:default/checkout", **extra})
    for route, base in [
        (readiness, {"entityRef": "component:default/checkout"}),
        (plan, {"entityRef": "component:default/checkout", "action": "failover"}),
    ]:
        for label, data, content_type in malformed_bodies(base):
            api.send(route, "POST", data=data, content_type=content_type, label=f"({label})")
