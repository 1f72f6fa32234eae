#!/usr/bin/env python3
"""Runs one of the two demos against the demo API and prints a verdict.

  --mode run    one forced failure before the side effect, then success (retries are safe)
  --mode crash  the worker halts right after the side effect, before the ack (redelivery does not repeat it)

PASS means: the run completed, and its business key has exactly one `done` effect row and exactly one ticket.
Python 3 standard library only.
"""
import argparse
import hashlib
import json
import re
import sys
import time
import urllib.error
import urllib.request



def ticket_name(business_key):
    """The worker's ticket file name (TicketFiles.fileName): readable part + 12 hex digits of SHA-256."""
    readable = re.sub(r"[^A-Za-z0-9._-]", "_", business_key)[:100]
    return f"ticket_{readable}-{hashlib.sha256(business_key.encode('utf-8')).hexdigest()[:12]}.json"

def call(url, payload=None, timeout=10):
    data = None if payload is None else json.dumps(payload).encode("utf-8")
    request = urllib.request.Request(url, data=data, method="POST" if data else "GET",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read().decode("utf-8"))


def follow(api, run_id, timeout_s):
    """Prints the run's events as they arrive; returns the last one (run.completed / run.dlq) or None."""
    deadline = time.time() + timeout_s
    url = f"{api}/runs/{run_id}/events?client_id=run-demo"
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=max(1, deadline - time.time())) as stream:
                for raw in stream:
                    line = raw.decode("utf-8").rstrip("\n")
                    if not line.startswith("data: "):
                        continue
                    event = json.loads(line[len("data: "):])
                    details = {k: v for k, v in event.items() if k not in ("ts", "type", "run_id")}
                    print(f"  {event['type']:<24} {json.dumps(details) if details else ''}", flush=True)
                    if event["type"] in ("run.completed", "run.dlq"):
                        return event
        except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as error:
            # the API restarting or the stream cut: the consumer group resumes where it left off
            print(f"  (event stream interrupted: {error}; reconnecting)", flush=True)
            time.sleep(1)
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mode", choices=["run", "crash"], required=True)
    parser.add_argument("--api", default="http://localhost:8000")
    parser.add_argument("--timeout", type=int, default=120, help="seconds to wait for the run to finish")
    args = parser.parse_args()

    business_key = f"order-{int(time.time() * 1000)}"
    if args.mode == "run":
        print("Retry demo: one forced failure before the side effect, then success.")
        request = {"business_key": business_key, "amount": 42.0, "fail_before_effect_n": 1, "fail_mode": "none"}
    else:
        print("Crash demo: the worker charges, then halts before the ack; DriftQ redelivers the command.")
        request = {"business_key": business_key, "amount": 42.0, "fail_mode": "crash_after_effect_before_ack"}
    request["max_attempts"] = 5

    try:
        created = call(f"{args.api}/runs", request)
    except urllib.error.HTTPError as error:
        print(f"FAIL: POST /runs answered {error.code}: {error.read().decode('utf-8', 'replace')}")
        return 1
    except urllib.error.URLError as error:
        print(f"FAIL: the API at {args.api} does not answer ({error.reason}); is it up? (make up)")
        return 1
    run_id = created["run_id"]
    print(f"run_id {run_id}, business_key {business_key}; events:")

    last = follow(args.api, run_id, args.timeout)
    effects = [e for e in call(f"{args.api}/debug/side-effects?limit=1000")["items"]
               if e["business_key"] == business_key]
    ticket = ticket_name(business_key)
    tickets = [a for a in call(f"{args.api}/debug/artifacts?name={ticket}")["items"] if a["name"] == ticket]
    done = [e for e in effects if e["status"] == "done"]

    print(f"effect rows for {business_key}: {len(effects)} ({', '.join(e['status'] for e in effects) or 'none'});"
          f" tickets: {len(tickets)}")
    if last is None:
        print(f"FAIL: the run did not finish within {args.timeout}s (see make logs)")
        return 1
    if last["type"] != "run.completed":
        print(f"FAIL: the run ended with {last['type']}")
        return 1
    if len(effects) == 1 and len(done) == 1 and len(tickets) == 1:
        print(f"PASS: exactly one side effect ({done[0]['effect_id']}) and one artifact ({ticket}).")
        return 0
    print("FAIL: expected exactly one done effect row and one artifact")
    return 1


if __name__ == "__main__":
    sys.exit(main())
