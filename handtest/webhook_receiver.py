#!/usr/bin/env python3
"""A partner's webhook receiver for hand tests: verifies Standard Webhooks signatures itself.

Listens on 127.0.0.1 (a free port unless --port is given) and writes the port to --port-file. Deliveries go to any
path except /_control/...; each one is checked and printed:
  - signature: HMAC-SHA256 over "{webhook-id}.{webhook-timestamp}.{body}" with the base64-decoded part of the secret
    after "whsec_"; the header "webhook-signature" holds one or more "v1,<base64>" separated by spaces (two while a
    rotated secret is still valid), one match suffices;
  - timestamp: refused when more than 5 minutes off (replays of old deliveries);
  - a webhook-id seen before is acknowledged but not processed again (the sender may resend in doubt).
Answers: 204 verified, 401 bad signature, 400 missing headers or stale timestamp, 500 while switched to fail.

Control (from this machine only), used by partner-webhooks.sh:
  POST /_control/secret   body: the whsec_ secret of the subscription (before it, every delivery is refused)
  POST /_control/mode     body: "ok" or "fail" (fail: answer 500 to every delivery, after checking it)
  GET  /_control/stats    JSON: counts and the deliveries seen
Standard library only.
"""
import argparse
import base64
import hashlib
import hmac
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TOLERANCE_SECONDS = 5 * 60


class State:
    def __init__(self):
        self.lock = threading.Lock()
        self.secrets = []
        self.mode = "ok"
        self.seen_ids = set()
        self.deliveries = []
        self.counts = {"verified": 0, "duplicates": 0, "rejected": 0, "failed_on_purpose": 0}


STATE = State()


def expected_signature(secret, msg_id, timestamp, body):
    if not secret.startswith("whsec_"):
        raise ValueError("secret does not start with whsec_")
    key = base64.b64decode(secret[len("whsec_"):])
    signed = msg_id.encode() + b"." + timestamp.encode() + b"." + body
    return base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()


def verify(headers, body, secrets, now=None):
    """Returns None when the delivery is authentic and fresh, else why not (and the HTTP status to answer)."""
    msg_id = headers.get("webhook-id")
    timestamp = headers.get("webhook-timestamp")
    signature = headers.get("webhook-signature")
    if not msg_id or not timestamp or not signature:
        return 400, "missing webhook-id, webhook-timestamp or webhook-signature"
    try:
        sent = int(timestamp)
    except ValueError:
        return 400, "webhook-timestamp is not a number"
    now = int(time.time()) if now is None else now
    if abs(now - sent) > TOLERANCE_SECONDS:
        return 400, "timestamp %ds off (more than 5 minutes)" % (now - sent)
    if not secrets:
        return 401, "no secret known yet"
    offered = [s.split(",", 1)[1] for s in signature.split() if s.startswith("v1,") and "," in s]
    for secret in secrets:
        wanted = expected_signature(secret, msg_id, timestamp, body)
        if any(hmac.compare_digest(wanted, o) for o in offered):
            return None
    return 401, "no v1 signature matches the secret"


class Handler(BaseHTTPRequestHandler):
    server_version = "fallnetz-handtest-receiver"

    def log_message(self, fmt, *args):
        pass  # the deliveries are printed below, one line each

    def _body(self):
        length = int(self.headers.get("content-length") or 0)
        return self.rfile.read(length) if length else b""

    def _answer(self, status, payload=None):
        data = b"" if payload is None else json.dumps(payload).encode()
        self.send_response(status)
        if data:
            self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        if data:
            self.wfile.write(data)

    def do_GET(self):
        if self.path == "/_control/stats":
            with STATE.lock:
                self._answer(200, {"mode": STATE.mode, **STATE.counts, "deliveries": STATE.deliveries})
        else:
            self._answer(404)

    def do_POST(self):
        body = self._body()
        if self.path.startswith("/_control/"):
            self._control(body.decode().strip())
            return
        with STATE.lock:
            secrets = list(STATE.secrets)
            mode = STATE.mode
        refusal = verify({k.lower(): v for k, v in self.headers.items()}, body, secrets)
        msg_id = self.headers.get("webhook-id")
        try:
            event = json.loads(body or b"{}")
        except ValueError:
            event = {}
        summary = "%s subject=%s" % (event.get("type", "?"), event.get("subject", "?"))
        stamp = time.strftime("%H:%M:%S")
        with STATE.lock:
            if refusal is not None:
                STATE.counts["rejected"] += 1
                outcome = "REJECTED %d: %s" % refusal
                status = refusal[0]
            elif mode == "fail":
                STATE.counts["failed_on_purpose"] += 1
                outcome = "verified, but answering 500 (receiver switched to fail)"
                status = 500
            elif msg_id in STATE.seen_ids:
                STATE.counts["duplicates"] += 1
                outcome = "verified, duplicate webhook-id: acknowledged, not processed again"
                status = 204
            else:
                STATE.seen_ids.add(msg_id)
                STATE.counts["verified"] += 1
                outcome = "verified"
                status = 204
            STATE.deliveries.append({"at": stamp, "webhookId": msg_id, "type": event.get("type"),
                                     "subject": event.get("subject"), "answered": status, "outcome": outcome})
        print("[receiver %s] webhook-id=%s %s -> %s" % (stamp, msg_id, summary, outcome), flush=True)
        if refusal is None and mode != "fail" and STATE.counts["verified"] <= 3 and outcome == "verified":
            print("[receiver] body: %s" % body.decode(errors="replace")[:600], flush=True)
        self._answer(status)

    def _control(self, value):
        if self.client_address[0] != "127.0.0.1":
            self._answer(403)
            return
        with STATE.lock:
            if self.path == "/_control/secret" and value.startswith("whsec_"):
                STATE.secrets = [value] + [s for s in STATE.secrets if s != value][:1]
            elif self.path == "/_control/mode" and value in ("ok", "fail"):
                STATE.mode = value
            else:
                self._answer(400, {"error": "unknown control or value"})
                return
        print("[receiver] %s set" % self.path.rsplit("/", 1)[1], flush=True)
        self._answer(204)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1; 0 picks a free one")
    parser.add_argument("--port-file", help="where to write the port once listening")
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    port = server.server_address[1]
    if args.port_file:
        with open(args.port_file, "w") as f:
            f.write(str(port))
    print("[receiver] listening on http://127.0.0.1:%d/" % port, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
