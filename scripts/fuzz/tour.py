"""The success paths random data hardly reaches, walked on purpose so that every kind of answer
the API gives (reports of all demo services, runbooks, plans of every action, a run followed to
its end, a failover recorded and ended by hand, refusals of each status) is checked against the
document."""

from __future__ import annotations

import time

from checked_api import CheckedApi

ENTITY = "/entities/{kind}/{namespace}/{name}"
OWNED = {"kind": "component", "namespace": "default", "name": "checkout"}  # the guest's team's
NOT_OWNED = {"kind": "component", "namespace": "default", "name": "storefront-web"}


def walk(api: CheckedApi) -> None:
    api.send("/clusters", "GET")
    ownership = api.send("/ownership", "GET", query="group=group:default/engineering&aggregate=true")
    names = [row["entityRef"].split("/")[-1] for row in ownership.json()["entities"]] if ownership else []
    for name in names:
        entity = {"kind": "component", "namespace": "default", "name": name}
        api.send(f"{ENTITY}/readiness", "GET", path=entity)
        api.send(f"{ENTITY}/runbooks", "GET", path=entity)
        api.send(f"{ENTITY}/executions", "GET", path=entity)
    api.send("/ownership", "GET", query="group=team-payments")
    api.send("/ownership", "GET", query="group=group:default/no-such-team", label="(404)")
    api.send(f"{ENTITY}/readiness", "GET", path={**OWNED, "name": "no-such-service"}, label="(404)")
    api.send("/clusters", "GET", token=None, label="(401)")

    tick_a_runbook_item(api)
    plan_every_action(api)
    run_a_backup(api)
    record_a_failover_by_hand(api)


def tick_a_runbook_item(api: CheckedApi) -> None:
    runbooks = api.send(f"{ENTITY}/runbooks", "GET", path=OWNED)
    if not runbooks:
        return
    manual = next(
        (runbook["id"], item["id"])
        for runbook in runbooks.json()["runbooks"]
        for section in runbook["sections"]
        for item in section["items"]
        if item["kind"] == "manual"
    )
    item_path = f"{ENTITY}/runbooks/{{runbook}}/items/{{item}}"
    where = {**OWNED, "runbook": manual[0], "item": manual[1]}
    api.send(item_path, "PUT", path=where, json_body={"ticked": True, "note": "done by the fuzz run"})
    api.send(item_path, "PUT", path=where, json_body={"ticked": False})
    api.send(item_path, "PUT", path={**where, **NOT_OWNED}, json_body={"ticked": True}, label="(403)")


def plan_every_action(api: CheckedApi) -> None:
    plan = f"{ENTITY}/actions/{{action}}/plan"
    for action in ("failover", "failback", "backup-now", "restore-drill"):
        api.send(plan, "POST", path={**OWNED, "action": action}, json_body={})
    api.send(plan, "POST", path={**OWNED, "action": "failover"}, json_body={"scaleDownPrimary": True})
    api.send(plan, "POST", path={**NOT_OWNED, "action": "failover"}, json_body={}, label="(403)")


def run_a_backup(api: CheckedApi) -> None:
    planned = api.send(
        f"{ENTITY}/actions/{{action}}/plan", "POST", path={**OWNED, "action": "backup-now"}, json_body={}
    )
    if not planned or planned.status_code != 200:
        print("fuzz: tour: backup-now of checkout could not be planned; its run is not walked")
        return
    executions = f"{ENTITY}/actions/{{action}}/executions"
    where = {**OWNED, "action": "backup-now"}
    plan_id = planned.json()["id"]
    api.send(
        executions, "POST", path=where, json_body={"planId": plan_id, "confirmation": "wrong"}, label="(400)"
    )
    started = api.send(
        executions, "POST", path=where, json_body={"planId": plan_id, "confirmation": "checkout"}
    )
    if not started or started.status_code != 202:
        print("fuzz: tour: the backup-now run of checkout did not start; it is not followed")
        return
    execution_id = started.json()["id"]
    deadline = time.monotonic() + 60
    state = "running"
    while state == "running" and time.monotonic() < deadline:
        time.sleep(1)
        followed = api.send("/executions/{id}", "GET", path={"id": execution_id})
        state = followed.json()["state"] if followed and followed.ok else "unknown"
    print(f"fuzz: tour: the backup-now run of checkout ended {state}", flush=True)
    api.send(f"{ENTITY}/executions", "GET", path=OWNED)
    # A run that succeeded cannot be resumed (409); a failed one resumes (202).
    api.send(
        "/executions/{id}/resume", "POST", path={"id": execution_id}, json_body={"confirmation": "checkout"}
    )
    api.send("/executions/{id}", "GET", path={"id": "00000000-0000-4000-8000-000000000000"}, label="(404)")


def record_a_failover_by_hand(api: CheckedApi) -> None:
    failover = f"{ENTITY}/failover"
    by_hand = {"servingCluster": "reserve-ams", "note": "switched DNS by hand (fuzz run)"}
    recorded = api.send(failover, "POST", path=OWNED, json_body=by_hand)
    api.send(failover, "POST", path=OWNED, json_body=by_hand, label="(409)")
    api.send(f"{ENTITY}/readiness", "GET", path=OWNED)
    api.send(f"{ENTITY}/runbooks", "GET", path=OWNED)
    api.send("/ownership", "GET", query="group=team-payments")
    api.send(f"{ENTITY}/actions/{{action}}/plan", "POST", path={**OWNED, "action": "failback"}, json_body={})
    if recorded and recorded.status_code == 201:
        api.send(failover, "DELETE", path=OWNED)
    api.send(failover, "DELETE", path=OWNED, label="(404)")
    api.send(failover, "POST", path=NOT_OWNED, json_body=by_hand, label="(403)")
