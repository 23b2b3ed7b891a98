"""Headless Chromium driven over the DevTools protocol on --remote-debugging-pipe.

Standard library only. Browser() starts Debian's chromium (as root it needs --no-sandbox),
opens one page and offers what the browser tests need: navigate, evaluate JavaScript,
wait for a page load, screenshots. Messages on the pipe are JSON texts ended by a NUL
byte; fd 3 carries our commands to the browser, fd 4 its answers and events.
"""

import base64
import json
import os
import select
import shutil
import subprocess
import tempfile
import time


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


class BrowserError(RuntimeError):
    pass


class Browser:
    def __init__(self, width=1280, height=900, mobile=False, language="en-US"):
        path = find_chromium()
        if path is None:
            raise BrowserError("chromium is not installed")
        self._profile = tempfile.mkdtemp(prefix="cdp-profile-")
        to_browser_read, self._to_browser = os.pipe()
        self._from_browser, from_browser_write = os.pipe()

        def wire_pipes():
            os.dup2(to_browser_read, 3)
            os.dup2(from_browser_write, 4)

        args = [path, "--headless=new", "--remote-debugging-pipe", "--no-first-run",
                "--no-default-browser-check", "--disable-gpu", "--disable-extensions",
                "--disable-background-networking", "--disable-sync", "--mute-audio",
                "--user-data-dir=" + self._profile, "--window-size=%d,%d" % (width, height),
                "--lang=" + language, "--accept-lang=" + language]
        if os.geteuid() == 0:
            args.append("--no-sandbox")
        self._process = subprocess.Popen(args + ["about:blank"], preexec_fn=wire_pipes,
                                         pass_fds=(3, 4, to_browser_read, from_browser_write),
                                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser_read)
        os.close(from_browser_write)
        self._buffer = b""
        self._next_id = 0
        self._events = []
        target = self._call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self._session = self._call("Target.attachToTarget",
                                   {"targetId": target, "flatten": True})["sessionId"]
        self.call("Page.enable")
        self.call("Runtime.enable")
        self.call("Network.enable")
        self.call("Network.setExtraHTTPHeaders", {"headers": {"Accept-Language": language}})
        if mobile:
            self.call("Emulation.setDeviceMetricsOverride",
                      {"width": width, "height": height, "deviceScaleFactor": 2, "mobile": True})

    # ------------------------------------------------------------------ protocol
    def _send(self, message):
        data = json.dumps(message).encode() + b"\0"
        while data:
            written = os.write(self._to_browser, data)
            data = data[written:]

    def _receive(self, timeout):
        deadline = time.monotonic() + timeout
        while b"\0" not in self._buffer:
            if time.monotonic() > deadline:
                raise BrowserError("no answer from chromium within %.0f s" % timeout)
            ready, _, _ = select.select([self._from_browser], [], [], 0.2)
            if ready:
                chunk = os.read(self._from_browser, 1 << 20)
                if not chunk:
                    raise BrowserError("chromium closed the pipe (crashed?)")
                self._buffer += chunk
        text, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(text)

    def _call(self, method, params=None, session=None, timeout=30):
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        self._send(message)
        while True:
            answer = self._receive(timeout)
            if answer.get("id") == self._next_id:
                if "error" in answer:
                    raise BrowserError("%s: %s" % (method, answer["error"]))
                return answer.get("result", {})
            if "method" in answer:
                self._events.append(answer)

    def call(self, method, params=None, timeout=30):
        """A command on the page's session."""
        return self._call(method, params, self._session, timeout)

    def wait_event(self, method, timeout=30):
        deadline = time.monotonic() + timeout
        while True:
            for index, event in enumerate(self._events):
                if event.get("method") == method and event.get("sessionId") == self._session:
                    del self._events[index]
                    return event.get("params", {})
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise BrowserError("no %s within %.0f s" % (method, timeout))
            answer = self._receive(remaining)
            if "method" in answer:
                self._events.append(answer)

    # ------------------------------------------------------------------ page helpers
    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True})
        if "exceptionDetails" in result:
            raise BrowserError("JavaScript failed: %s\n%s" % (result["exceptionDetails"], expression))
        return result.get("result", {}).get("value")

    def navigate(self, url):
        self._events = [e for e in self._events if e.get("method") != "Page.loadEventFired"]
        self.call("Page.navigate", {"url": url})
        self.wait_event("Page.loadEventFired")

    def do_and_wait_load(self, expression):
        """Runs JavaScript that makes the page navigate (a form submit) and waits for the load."""
        self._events = [e for e in self._events if e.get("method") != "Page.loadEventFired"]
        self.evaluate(expression)
        self.wait_event("Page.loadEventFired")

    def text(self, selector):
        return self.evaluate("(() => { const e = document.querySelector(%s); return e ? e.innerText : null; })()"
                             % json.dumps(selector))

    def screenshot(self, path):
        metrics = self.call("Page.getLayoutMetrics")
        size = metrics.get("cssContentSize") or metrics["contentSize"]
        shot = self.call("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": size["width"], "height": min(size["height"], 6000), "scale": 1}})
        with open(path, "wb") as out:
            out.write(base64.b64decode(shot["data"]))

    def close(self):
        try:
            self._call("Browser.close", timeout=5)
        except (BrowserError, OSError):
            pass
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        for fd in (self._to_browser, self._from_browser):
            try:
                os.close(fd)
            except OSError:
                pass
        shutil.rmtree(self._profile, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
