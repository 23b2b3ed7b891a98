#!/usr/bin/env python3
"""A loopback stand-in for the office IM robots and a JSON webhook receiver, for tests.

Each endpoint checks a request the way its provider documents it, recomputing the signature
with Python's own hmac/hashlib/base64 (independent of the desk's libsodium code), and answers
as the provider does:
  WeCom     POST /cgi-bin/webhook/send?key=KEY         {"errcode":0,"errmsg":"ok"}; wrong key 93000
  DingTalk  POST /robot/send?access_token=T&timestamp=MS&sign=S
            sign = urlencode(base64(HMAC-SHA256(key=secret, msg=MS + "\\n" + secret))),
            MS within 1 hour of now                     {"errcode":0,...}; bad sign/time 310000
  Feishu    POST /open-apis/bot/v2/hook/HOOK  body {"timestamp":"S","sign":...}
            sign = base64(HMAC-SHA256(key=S + "\\n" + secret, msg=b"")), S within 1 hour
                                                        {"code":0,"msg":"success"}; bad 19021
  Webhook   POST /hook  X-Complaint-Signature: sha256=HEX(HMAC-SHA256(secret, TS + "." + body)),
            X-Complaint-Timestamp within 300 s, Idempotency-Key (percent-encoded) = the body's key
                                                        2xx; bad signature 401
Control (for the test): GET /_received lists every request (provider, path, headers, raw
body, verified, answer); POST /_mode {"mode": "ok"|"http503"|"slow", "count": N, "seconds": S}
makes the next N provider requests answer 503 or wait S seconds before answering (a slow
request is listed as soon as it arrives, "verified": false until it has been checked).
A repeated Idempotency-Key is accepted and answered {"received":true,"duplicate":true}.
Prints "PORT <n>" on its first line once it listens on 127.0.0.1.
"""
import argparse
import base64
import hashlib
import hmac
import json
import socket
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.Lock()
RECEIVED = []
MODE = {"mode": "ok", "count": 0, "seconds": 0}
SEEN_KEYS = set()


def hmac_sha256(key: bytes, msg: bytes) -> bytes:
    return hmac.new(key, msg, digestmod=hashlib.sha256).digest()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def setup(self):
        super().setup()
        # Headers and body leave in two writes; with Nagle on, the body waits for the client's
        # delayed ACK (40 ms a request on Linux), which no real provider's front end does.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    args = None

    def log_message(self, fmt, *a):  # quiet
        pass

    def answer(self, status, payload):
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the sender gave up or was killed while a slow answer waited

    def do_GET(self):
        if self.path == "/_received":
            with LOCK:
                return self.answer(200, RECEIVED)
        self.answer(404, {"error": "not found"})

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        raw = self.rfile.read(length)
        if self.path == "/_mode":
            with LOCK:
                MODE.update(json.loads(raw))
            return self.answer(200, {"ok": True})
        with LOCK:
            mode = MODE["mode"] if MODE["count"] > 0 else "ok"
            if MODE["count"] > 0:
                MODE["count"] -= 1
            seconds = MODE["seconds"]
        record = {"path": self.path, "headers": dict(self.headers.items()),
                  "body": raw.decode("utf-8", errors="replace"), "mode": mode}
        if mode == "slow":
            # Listed at once (not yet verified), so a test sees the request arrive and can
            # kill the sender while it waits for the answer.
            record.update(provider="", verified=False, answer=None, arrived=True)
            with LOCK:
                RECEIVED.append(record)
            time.sleep(seconds)
        if mode == "http503":
            record.update(provider="", verified=False, answer="503")
            with LOCK:
                RECEIVED.append(record)
            return self.answer(503, {"error": "service unavailable"})
        url = urllib.parse.urlsplit(self.path)
        query = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        try:
            body = json.loads(raw.decode("utf-8"))
        except ValueError:
            body = None
        if url.path == "/cgi-bin/webhook/send":
            status, payload, ok = self.wecom(query, body)
            record["provider"] = "wecom"
        elif url.path == "/robot/send":
            status, payload, ok = self.dingtalk(query, body)
            record["provider"] = "dingtalk"
        elif url.path.startswith("/open-apis/bot/v2/hook/"):
            status, payload, ok = self.feishu(url.path.rsplit("/", 1)[1], body)
            record["provider"] = "feishu"
        elif url.path == "/hook":
            status, payload, ok = self.webhook(raw)
            record["provider"] = "webhook"
        else:
            status, payload, ok = 404, {"error": "no such endpoint"}, False
            record["provider"] = ""
        with LOCK:
            record.update(verified=ok, answer=payload, status=status)
            if mode != "slow":
                RECEIVED.append(record)
        self.answer(status, payload)

    def wecom(self, query, body):
        a = self.args
        if query.get("key") != [a.wecom_key]:
            return 200, {"errcode": 93000, "errmsg": "invalid webhook url, hint: [sink]"}, False
        if not isinstance(body, dict) or body.get("msgtype") != "markdown" or \
                not isinstance(body.get("markdown", {}).get("content"), str) or \
                len(body["markdown"]["content"].encode("utf-8")) > 4096:
            return 200, {"errcode": 40008, "errmsg": "invalid message type"}, False
        return 200, {"errcode": 0, "errmsg": "ok"}, True

    def dingtalk(self, query, body):
        a = self.args
        if query.get("access_token") != [a.dingtalk_token]:
            return 200, {"errcode": 300001, "errmsg": "token is not exist"}, False
        timestamp = (query.get("timestamp") or [""])[0]
        sign = (query.get("sign") or [""])[0]  # parse_qs has URL-decoded it
        if not timestamp.isdigit() or abs(int(timestamp) - int(time.time() * 1000)) > 3600 * 1000:
            return 200, {"errcode": 310000, "errmsg": "invalid timestamp, more: [sink]"}, False
        secret = a.dingtalk_secret.encode("utf-8")
        expected = base64.b64encode(hmac_sha256(secret, timestamp.encode("utf-8") + b"\n" + secret)).decode()
        if not hmac.compare_digest(expected, sign):
            return 200, {"errcode": 310000, "errmsg": "sign not match, more: [sink]"}, False
        md = body.get("markdown", {}) if isinstance(body, dict) else {}
        if not md or body.get("msgtype") != "markdown" or not md.get("title") or not md.get("text"):
            return 200, {"errcode": 40035, "errmsg": "missing parameter"}, False
        return 200, {"errcode": 0, "errmsg": "ok"}, True

    def feishu(self, hook, body):
        a = self.args
        if hook != a.feishu_hook:
            return 404, {"code": 19001, "msg": "param invalid: incoming webhook access token invalid"}, False
        if not isinstance(body, dict):
            return 400, {"code": 9499, "msg": "Bad Request"}, False
        timestamp = str(body.get("timestamp", ""))
        fail = {"code": 19021, "msg": "sign match fail or timestamp is not within one hour from current time"}
        if not timestamp.isdigit() or abs(int(timestamp) - int(time.time())) > 3600:
            return 200, fail, False
        string_to_sign = (timestamp + "\n" + a.feishu_secret).encode("utf-8")
        expected = base64.b64encode(hmac_sha256(string_to_sign, b"")).decode()
        if not hmac.compare_digest(expected, str(body.get("sign", ""))):
            return 200, fail, False
        if body.get("msg_type") != "text" or not isinstance(body.get("content", {}).get("text"), str):
            return 200, {"code": 9499, "msg": "Bad Request"}, False
        return 200, {"code": 0, "data": {}, "msg": "success"}, True

    def webhook(self, raw):
        a = self.args
        timestamp = self.headers.get("X-Complaint-Timestamp", "")
        signature = self.headers.get("X-Complaint-Signature", "")
        key = urllib.parse.unquote(self.headers.get("Idempotency-Key", ""))  # percent-encoded UTF-8
        if not timestamp.isdigit() or abs(int(timestamp) - int(time.time())) > 300:
            return 401, {"error": "stale or missing timestamp"}, False
        expected = "sha256=" + hmac.new(a.webhook_secret.encode("utf-8"), timestamp.encode() + b"." + raw,
                                        hashlib.sha256).hexdigest()
        if not hmac.compare_digest(expected, signature):
            return 401, {"error": "bad signature"}, False
        body = json.loads(raw.decode("utf-8"))
        if not key or body.get("key") != key:
            return 400, {"error": "Idempotency-Key missing or not the body's key"}, False
        with LOCK:
            duplicate = key in SEEN_KEYS
            SEEN_KEYS.add(key)
        return 200, {"received": True, "duplicate": duplicate}, True


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--wecom-key", default="wecom-key")
    parser.add_argument("--dingtalk-token", default="ding-token")
    parser.add_argument("--dingtalk-secret", default="SECding")
    parser.add_argument("--feishu-hook", default="feishu-hook")
    parser.add_argument("--feishu-secret", default="feishu-secret")
    parser.add_argument("--webhook-secret", default="webhook-secret")
    Handler.args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print("PORT", server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
