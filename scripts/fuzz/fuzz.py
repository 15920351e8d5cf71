"""Fuzzes the running demo backend against the reserve API's OpenAPI document.

Started by scripts/fuzz/run.mjs once the backend answers, with:
  FUZZ_BASE_URL      the plugin's base URL, e.g. http://127.0.0.1:40123/api/reserve
  FUZZ_TOKEN         a token of the demo's guest user
  FUZZ_SEED          schemathesis' seed (the same seed sends the same requests)
  FUZZ_MAX_EXAMPLES  test cases per operation in each generating phase
  FUZZ_REPORT_DIR    where schemathesis writes its HAR and JSON reports

Four parts, each answer held to the document (no 5xx, a documented status, content type and
body, within FUZZ_TIMEOUT_S):
  1. a tour of the success paths (tour.py);
  2. schemathesis over every operation of plugins/reserve-backend/src/schema/openapi.yaml:
     examples, coverage (boundary and invalid values of every constraint), random valid and
     invalid data, and stateful sequences along the links it infers;
  3. schemathesis over Backstage's actions registry routes of the two registered actions
     (actions-registry.yaml: they are Backstage's routes, not in our document);
  4. hostile input no generator sends (hostile.py).
Prints `fuzz: N requests, 0 server errors, ...` and exits 1 when anything failed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from checked_api import KINDS, CheckedApi, Tally
from hostile import attack_actions_registry, attack_reserve_api
from tour import walk

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
DOCUMENT = ROOT / "plugins/reserve-backend/src/schema/openapi.yaml"
ACTIONS_DOCUMENT = HERE / "actions-registry.yaml"
# Checks left out of schemathesis' `all`, and why:
# - positive_data_acceptance expects every schema-valid request to succeed, but the API rightly
#   refuses well-formed input that makes no sense with a 400 naming it (a runbook item that does
#   not exist, a confirmation that is not the entity's name, a cluster that is not a reserve);
# - unsupported_method expects 405 for methods a path does not serve: Backstage's routers answer
#   404, as every Backstage plugin does.
EXCLUDED_CHECKS = "positive_data_acceptance,unsupported_method"


def schemathesis_run(document: Path, name: str, env: dict, tally: Tally) -> None:
    reports = Path(env["report_dir"]) / name
    reports.mkdir(parents=True, exist_ok=True)
    command = [
        str(Path(sys.executable).parent / "st"),
        "run",
        str(document),
        "--url",
        env["base_url"],
        "--header",
        f"Authorization: Bearer {env['token']}",
        "--checks",
        "all",
        "--exclude-checks",
        EXCLUDED_CHECKS,
        "--mode",
        "all",
        "--max-examples",
        str(env["max_examples"]),
        "--seed",
        str(env["seed"]),
        "--workers",
        "1",
        "--request-timeout",
        str(env["timeout_s"]),
        "--max-response-time",
        str(env["timeout_s"]),
        "--generation-database",
        "none",
        "--report",
        "har,json",
        "--report-har-path",
        str(reports / "requests.har"),
        "--report-json-path",
        str(reports / "report.json"),
        "--no-color",
    ]
    # Schemathesis' output says which cases failed and how to replay them.
    exit_code = subprocess.run(command, cwd=reports).returncode
    entries = json.loads((reports / "requests.har").read_text())["log"]["entries"]
    tally.requests += len(entries)
    for entry in entries:
        status = entry["response"]["status"]
        if status >= 500:
            request = entry["request"]
            tally.fail("server errors", f"{request['method']} {request['url'][:160]}: {status}")
    report = json.loads((reports / "report.json").read_text())
    for failure in report["failures"]:
        if failure["code"] in ("ST101", "ST102"):
            continue  # counted from the responses above
        kind = KINDS.get(failure["code"], "other failures")
        tally.fail(
            kind,
            f"{name}: {failure['code']} {failure['title']} on {', '.join(failure['operations'])}",
            failure["count"],
        )
    for error in report["errors"]:
        tally.fail("other failures", f"{name}: {error['title']} ({error['count']})", error["count"])
    if exit_code != 0 and not report["failures"] and not report["errors"]:
        tally.fail("other failures", f"{name}: schemathesis exited with {exit_code}")


def main() -> int:
    env = {
        "base_url": os.environ["FUZZ_BASE_URL"],
        "token": os.environ["FUZZ_TOKEN"],
        "seed": int(os.environ["FUZZ_SEED"]),
        "max_examples": int(os.environ["FUZZ_MAX_EXAMPLES"]),
        "timeout_s": float(os.environ.get("FUZZ_TIMEOUT_S", "10")),
        "report_dir": os.environ["FUZZ_REPORT_DIR"],
    }
    tally = Tally()
    reserve = CheckedApi(str(DOCUMENT), env["base_url"], env["token"], tally, env["timeout_s"])
    actions = CheckedApi(str(ACTIONS_DOCUMENT), env["base_url"], env["token"], tally, env["timeout_s"])
    parts = [
        ("tour of the success paths", lambda: walk(reserve)),
        ("schemathesis: reserve API", lambda: schemathesis_run(DOCUMENT, "reserve-api", env, tally)),
        (
            "schemathesis: actions registry",
            lambda: schemathesis_run(ACTIONS_DOCUMENT, "actions-registry", env, tally),
        ),
        ("hostile input", lambda: (attack_reserve_api(reserve), attack_actions_registry(actions))),
    ]
    for title, part in parts:
        started, before = time.monotonic(), tally.requests
        part()
        print(
            f"fuzz: {title}: {tally.requests - before} requests in {time.monotonic() - started:.0f} s",
            flush=True,
        )
    for line in tally.details:
        print(f"fuzz: {line}")
    print(f"{tally.figure()} (seed {env['seed']}, {env['max_examples']} examples per operation)", flush=True)
    return 1 if tally.failed() else 0


if __name__ == "__main__":
    sys.exit(main())
