#!/usr/bin/env python3
"""Bounded soak of the demo: many runs through supervised workers that are SIGKILLed every ~2 s, while driftqd is
restarted (same WAL) twice. Starts its own stack on separate ports and data directory (default .run/soak), then
prints the counts that matter and exits non-zero if any is not zero:

  duplicates  business keys with more than one effect row, or more than one charge at the payment provider
  lost        runs meant to complete without a done effect and its ticket; runs meant for the DLQ not in it
  stuck       runs neither completed nor dead-lettered when the stack has gone quiet

It also counts the commands the API re-drove: DriftQ can lose an in-flight command across a broker restart when
several workers share a group (its committed offset is a high-water mark); the API sends the command of a run that
shows no progress again, and the idempotent effect makes that safe.

Python 3 standard library only. Example: python3 scripts/soak.py --runs 1000
"""
import argparse
import hashlib
import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))



def ticket_name(business_key):
    """The worker's ticket file name (TicketFiles.fileName): readable part + 12 hex digits of SHA-256."""
    readable = re.sub(r"[^A-Za-z0-9._-]", "_", business_key)[:100]
    return f"ticket_{readable}-{hashlib.sha256(business_key.encode('utf-8')).hexdigest()[:12]}.json"

def http(url, payload=None, timeout=10):
    data = None if payload is None else json.dumps(payload).encode()
    request = urllib.request.Request(url, data=data, method="POST" if data else "GET",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        body = response.read().decode()
        return json.loads(body) if body.strip() else None


def read_dead_letter_markers(driftq_port, prefix, idle=5.0):
    """The injected-fault markers ("flood", n) / ("large", n) found in the payloads of sidefx.dlq's records, read from
    the start by a fresh group (DriftQ starts a new group at the earliest message) and acked as they come."""
    base = f"http://127.0.0.1:{driftq_port}/v1"
    group = f"soak-dlq-count-{int(time.time())}"
    pattern = re.compile(re.escape(prefix) + r"(flood|large) #(\d+)")
    found = set()
    url = f"{base}/consume?topic=sidefx.dlq&group={group}&owner={group}&lease_ms=60000"
    try:
        with urllib.request.urlopen(url, timeout=idle) as stream:
            while True:
                try:
                    line = stream.readline()
                except (TimeoutError, OSError):
                    break  # nothing more for `idle` seconds
                if not line:
                    break
                item = json.loads(line)
                record = item.get("value") or ""
                try:
                    record = json.loads(record).get("payload") or ""
                except (ValueError, AttributeError):
                    pass
                match = pattern.search(record)
                if match:
                    found.add((match.group(1), match.group(2)))
                http(f"{base}/ack", {"topic": "sidefx.dlq", "group": group, "owner": group,
                                     "partition": item["partition"], "offset": item["offset"]})
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        print(f"  reading sidefx.dlq stopped: {error}", flush=True)
    return found


def healthy(url):
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except Exception:
        return False


def alive(pid):
    try:
        os.kill(pid, 0)
        return True
    except OSError:
        return False


class Stack:
    def __init__(self, args):
        self.args = args
        self.run_dir = os.path.abspath(os.path.join(ROOT, args.run_dir))
        self.api = f"http://127.0.0.1:{args.api_port}"
        self.env = dict(os.environ, RUN_DIR=self.run_dir, DRIFTQ_PORT=str(args.driftq_port),
                        API_PORT=str(args.api_port), WORKER_PORT=str(args.worker_port), WORKERS=str(args.workers),
                        API_MANAGEMENT_PORT=str(args.api_port + 1000),
                        DRIFTQ_HTTP_URL=f"http://127.0.0.1:{args.driftq_port}",
                        # C1 only: a killed worker is back in seconds, not tens of seconds, on a small machine
                        JAVA_TOOL_OPTIONS=os.environ.get("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1"),
                        SIDEFX_DB_PATH=os.path.join(self.run_dir, "data", "side_effects.sqlite"),
                        ARTIFACTS_DIR=os.path.join(self.run_dir, "data", "artifacts"),
                        # short leases: a killed worker's commands and claims come back within seconds
                        SPRING_APPLICATION_JSON=json.dumps({
                            "spring.cloud.stream.driftq.bindings.handleCommand-in-0.consumer.lease": "5s",
                            "driftq.effects.lease": "5s",
                            # DriftQ lets a group hold 2 unacked messages per partition: with one partition a
                            # killed worker's leases would stall every worker until they lapse. The API and the
                            # workers create sidefx.commands with this many partitions (whoever comes first);
                            # each worker runs as many binding threads unless --concurrency says otherwise.
                            "sidefx.command-partitions": args.partitions,
                            **({"spring.cloud.stream.bindings.handleCommand-in-0.consumer.concurrency":
                                args.concurrency} if args.concurrency else {})}))
        for name in ("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD"):
            self.env.pop(name, None)

    def script(self, name, *extra):
        subprocess.run([os.path.join(ROOT, "scripts", name), *extra], env=self.env, check=True)

    def pid(self, name):
        try:
            with open(os.path.join(self.run_dir, "pids", name + ".pid")) as f:
                return int(f.read().strip())
        except (OSError, ValueError):
            return None

    def restart_driftq(self):
        pid = self.pid("driftqd")
        if pid:
            os.kill(pid, signal.SIGTERM)
            for _ in range(80):
                if not alive(pid):
                    break
                time.sleep(0.25)
        self.script("dev-up.sh", "driftqd")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--partitions", type=int, default=4, help="partitions of sidefx.commands")
    parser.add_argument("--concurrency", type=int, default=None,
                        help="binding threads per worker (default: the demo's, one per partition)")
    parser.add_argument("--kill-every", type=float, default=2.0, help="seconds between worker SIGKILLs (jittered)")
    parser.add_argument("--driftq-restarts", type=int, default=2)
    parser.add_argument("--quiet-timeout", type=int, default=600, help="seconds to wait for all runs to finish")
    parser.add_argument("--run-dir", default=".run/soak")
    parser.add_argument("--driftq-port", type=int, default=18080)
    parser.add_argument("--api-port", type=int, default=18000)
    parser.add_argument("--worker-port", type=int, default=18001)
    parser.add_argument("--keep", action="store_true", help="leave the stack running afterwards")
    parser.add_argument("--flood", type=int, default=0,
                        help="malformed commands produced straight to sidefx.commands halfway (e.g. 150)")
    parser.add_argument("--large", type=int, default=0,
                        help="~60 KB malformed commands produced halfway, plus one 5 MB POST /runs (must be 413)")
    parser.add_argument("--unread-events", type=int, default=0,
                        help="runs that fail 26 times before the charge (>100 events nobody reads; must complete)")
    args = parser.parse_args()

    stack = Stack(args)
    started = time.time()
    stack.script("dev-down.sh", "--wipe")
    stack.script("dev-up.sh")
    print(f"stack up in {time.time() - started:.0f}s; soaking {args.runs} runs", flush=True)

    runs = {}          # business key -> (run id, expectation)
    refused = [0]      # POSTs refused while driftqd restarted (retried)
    kills = [0]
    submitting = threading.Event()
    submitting.set()
    stop_killing = threading.Event()

    def killer():
        while not stop_killing.is_set():
            time.sleep(max(0.2, args.kill_every + random.uniform(-0.5, 0.5)))
            # only a worker that is up and healthy: a kill must land on one that is doing work
            candidates = []
            for n in range(1, args.workers + 1):
                pid = stack.pid(f"worker-{n}")
                if pid and alive(pid) and healthy(f"http://127.0.0.1:{args.worker_port + n - 1}/actuator/health"):
                    candidates.append(pid)
            if candidates and not stop_killing.is_set():
                try:
                    os.kill(random.choice(candidates), signal.SIGKILL)
                    kills[0] += 1
                except OSError:
                    pass

    kill_thread = threading.Thread(target=killer, daemon=True)
    kill_thread.start()

    restart_at = {int(args.runs * (k + 1) / (args.driftq_restarts + 1)) for k in range(args.driftq_restarts)}
    faults_at = args.runs // 2
    oversized = [None]  # the 5 MB POST's status
    injected_ok = []    # markers of the malformed commands DriftQ accepted
    restarts = 0
    prefix = f"soak-{int(time.time())}-"
    for i in range(args.runs):
        if i in restart_at:
            print(f"  restarting driftqd after {i} runs", flush=True)
            stack.restart_driftq()
            restarts += 1
        if i == faults_at:
            inject_faults(stack, args, prefix, oversized, injected_ok)
        key = f"{prefix}{i}"
        request = {"business_key": key, "amount": round(10 + i * 0.01, 2), "max_attempts": 30}
        expect = "completed"
        if i < args.unread_events:
            request["fail_before_effect_n"] = 26
        if i % 7 == 1:
            request["fail_before_effect_n"] = 1
        if i % 100 == 3:
            request["fail_mode"] = "crash_after_effect_before_ack"
        if i % 50 == 11:
            request.update(fail_before_effect_n=10, max_attempts=2)
            expect = "dlq"
        while True:
            try:
                runs[key] = (http(f"{stack.api}/runs", request)["run_id"], expect)
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                refused[0] += 1
                time.sleep(0.5)
        if i % 100 == 99:
            print(f"  submitted {i + 1}, kills so far {kills[0]}", flush=True)

    print(f"all submitted at {time.time() - started:.0f}s; waiting for the runs to finish", flush=True)
    deadline = time.time() + args.quiet_timeout
    statuses = {}
    while time.time() < deadline:
        for key, (run_id, _) in runs.items():
            if statuses.get(key) not in ("completed", "dlq"):
                try:
                    statuses[key] = http(f"{stack.api}/runs/{run_id}")["status"]
                except Exception:
                    pass
        open_runs = sum(1 for key in runs if statuses.get(key) not in ("completed", "dlq"))
        if open_runs == 0:
            break
        if open_runs < args.runs * 0.02:
            stop_killing.set()  # the last few finish without kills, so "stuck" means stuck
        time.sleep(2)
    stop_killing.set()
    kill_thread.join(timeout=10)
    elapsed = time.time() - started

    # what happened, read from the sources of truth: the effect table and the artifact files
    db = sqlite3.connect(stack.env["SIDEFX_DB_PATH"])
    rows = {}
    for key, status in db.execute("SELECT business_key, status FROM driftq_effect WHERE business_key LIKE ?",
                                  (prefix + "%",)):
        rows.setdefault(key, []).append(status)
    db.close()
    charges = {}
    charges_dir = os.path.join(stack.env["ARTIFACTS_DIR"], "charges")
    for name in os.listdir(charges_dir) if os.path.isdir(charges_dir) else []:
        if name.endswith(".json"):
            with open(os.path.join(charges_dir, name)) as f:
                key = json.load(f)["business_key"]
            charges[key] = charges.get(key, 0) + 1
    tickets_dir = os.path.join(stack.env["ARTIFACTS_DIR"], "tickets")
    tickets = set(os.listdir(tickets_dir)) if os.path.isdir(tickets_dir) else set()

    duplicates = sorted(k for k in runs if len(rows.get(k, [])) > 1 or charges.get(k, 0) > 1)
    def is_lost(key, expect):
        status = statuses.get(key)
        if status not in ("completed", "dlq"):
            return False  # counted as stuck
        if status != expect:
            return True  # finished the wrong way: a completed run that should not have, or a charge never made
        if status == "completed":
            return rows.get(key) != ["SUCCEEDED"] or ticket_name(key) not in tickets or charges.get(key) != 1
        return bool(rows.get(key))  # a dead-lettered run failed before its effect: it must have none

    lost = sorted(k for k, (_, expect) in runs.items() if is_lost(k, expect))
    stuck = sorted(k for k in runs if statuses.get(k) not in ("completed", "dlq"))
    dlq = sum(1 for k in runs if statuses.get(k) == "dlq")
    redrives = 0
    api_log = os.path.join(stack.run_dir, "logs", "api.log")
    if os.path.exists(api_log):
        with open(api_log) as f:
            redrives = sum(1 for line in f if "Re-driving run" in line)
    worker_starts = 0
    for n in range(1, args.workers + 1):
        log = os.path.join(stack.run_dir, "logs", f"supervisor-{n}.log")
        if os.path.exists(log):
            with open(log) as f:
                worker_starts += sum(1 for line in f if " started " in line)

    malformed = 0
    for n in range(1, args.workers + 1):
        log = os.path.join(stack.run_dir, "logs", f"worker-{n}.log")
        if os.path.exists(log):
            with open(log, errors="replace") as f:
                malformed += sum(1 for line in f if "Dead-lettering a malformed command" in line)
    injected = args.flood + args.large
    # the source of truth for the faults: the records in sidefx.dlq, read by a group of our own
    dead_lettered = read_dead_letter_markers(args.driftq_port, prefix) if injected else set()
    missing = sorted(set(injected_ok) - dead_lettered, key=lambda m: (m[0], int(m[1])))

    if not args.keep:
        stack.script("dev-down.sh")
    print()
    print(f"runs: {args.runs} (completed {sum(1 for k in runs if statuses.get(k) == 'completed')}, dlq {dlq},"
          f" of which meant for the dlq {sum(1 for _, e in runs.values() if e == 'dlq')})")
    print(f"worker SIGKILLs: {kills[0]}; worker starts: {worker_starts}; driftqd restarts: {restarts};"
          f" POSTs refused while driftqd was down (retried): {refused[0]}")
    print(f"commands re-driven by the API (runs with no progress for sidefx.redrive-after): {redrives}")
    if injected:
        # a poison message in flight at a broker restart or a kill may be dead-lettered twice: at least once each
        print(f"malformed commands injected: {injected} (flood {args.flood}, ~60 KB {args.large}), accepted by"
              f" DriftQ: {len(injected_ok)}; distinct ones in sidefx.dlq: {len(dead_lettered & set(injected_ok))};"
              f" dead-letterings logged by the workers: {malformed}")
        if missing:
            print(f"  not in sidefx.dlq: {[f'{kind} #{n}' for kind, n in missing[:20]]}")
    if args.large:
        print(f"5 MB POST /runs answered: {oversized[0]} (expected 413)")
    print(f"duration: {elapsed:.0f}s")
    print(f"duplicates: {len(duplicates)}")
    print(f"lost: {len(lost)}")
    print(f"stuck: {len(stuck)}")
    for name, keys in (("duplicates", duplicates), ("lost", lost), ("stuck", stuck)):
        if keys:
            print(f"  {name}: {keys[:20]}")
    # a malformed command DriftQ refused for 60 s (every partition full: back-pressure) never entered the system and
    # is reported above; every one it accepted must be in sidefx.dlq
    faults_ok = not missing and (not args.large or oversized[0] == 413)
    if not faults_ok:
        print("FAIL: injected faults not all handled (see above)")
    return 0 if not (duplicates or lost or stuck) and faults_ok else 1


def inject_faults(stack, args, prefix, oversized, injected_ok):
    """The flood and large-message faults, halfway through the submissions (bounded: counts from the flags)."""
    driftq = f"http://127.0.0.1:{args.driftq_port}/v1/produce"
    payloads = [(("flood", str(n)), f"not json {prefix}flood #{n}") for n in range(args.flood)]
    payloads += [(("large", str(n)), f"not json {prefix}large #{n} " + "x" * 60_000) for n in range(args.large)]
    if payloads:
        print(f"  producing {len(payloads)} malformed commands to sidefx.commands", flush=True)
    refused = 0
    for marker, value in payloads:
        for _ in range(120):
            try:
                http(driftq, {"topic": "sidefx.commands", "value": value})
                injected_ok.append(marker)
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                refused += 1
                time.sleep(0.5)
        else:
            print(f"  DriftQ refused malformed command {marker} for 60 s; not injected", flush=True)
    if payloads:
        print(f"  {len(injected_ok)} of {len(payloads)} malformed commands accepted ({refused} refusals retried)",
              flush=True)
    if args.large:
        body = json.dumps({"business_key": f"{prefix}huge", "note": "y" * (5 * 1024 * 1024)}).encode()
        request = urllib.request.Request(f"{stack.api}/runs", data=body, method="POST",
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                oversized[0] = response.status
        except urllib.error.HTTPError as error:
            oversized[0] = error.code
        except (urllib.error.URLError, ConnectionError, OSError) as error:
            oversized[0] = f"no answer ({error})"
        print(f"  5 MB POST /runs answered {oversized[0]}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
