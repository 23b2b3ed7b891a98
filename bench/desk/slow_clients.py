#!/usr/bin/env python3
"""Does the desk still answer while slow clients hold connections open? (docs/BENCHMARKS.md)

Starts BUILD_DIR/bin/complaint-desk on 127.0.0.1, opens N connections (20 from each of
127.0.0.10, .11, ...: Linux routes all of 127/8 to lo, and the desk caps connections per
address) that each send a request line and then one header line every 2 s, never finishing,
and times `GET /healthz` from 127.0.0.1 (gives up after 5 s).
Usage: bench/desk/slow_clients.py [BUILD_DIR] [N ...]   (default: build 34 200)
"""
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
build = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "build")
counts = [int(n) for n in sys.argv[2:]] or [34, 200]

with tempfile.TemporaryDirectory() as work:
    log_path = os.path.join(work, "desk.log")
    env = dict(os.environ, COMPLAINT_ASSETS=os.path.join(root, "assets"))
    with open(log_path, "w") as log:
        desk = subprocess.Popen([os.path.join(build, "bin", "complaint-desk"), "--listen", "127.0.0.1:0",
                                 "--db", os.path.join(work, "desk.db")], stdout=log, stderr=log, env=env)
    try:
        port = None
        for _ in range(100):
            found = re.search(r"listening on http://127\.0\.0\.1:(\d+)", open(log_path).read())
            if found:
                port = int(found.group(1))
                break
            time.sleep(0.1)
        assert port, open(log_path).read()
        for count in counts:
            slow = []
            for i in range(count):
                client = socket.create_connection(("127.0.0.1", port), source_address=(f"127.0.0.{10 + i // 20}", 0))
                client.sendall(b"GET /healthz HTTP/1.1\r\nHost: desk\r\nX-Slow: 1\r\n")
                slow.append(client)
            stop = threading.Event()

            def trickle():
                while not stop.wait(2):
                    for client in slow:
                        client.sendall(b"X-Slow: 1\r\n")

            trickler = threading.Thread(target=trickle)
            trickler.start()
            time.sleep(2.5)
            start = time.monotonic()
            try:
                status = urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5).status
            except OSError as error:
                status = f"no answer ({error})"
            print(f"{count} slow connections: /healthz {status} after {time.monotonic() - start:.2f} s")
            stop.set()
            trickler.join()
            for client in slow:
                client.close()
            time.sleep(0.5)
    finally:
        desk.terminate()
        desk.wait(timeout=20)
