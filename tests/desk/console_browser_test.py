#!/usr/bin/env python3
"""The staff console in REAL headless Chromium against the REAL complaint-desk.

A supervisor signs in and walks one ticket from filed to archived through the pages
(archive is refused first while the record form is incomplete) and opens the month's
statistics, and finds the archived ticket through the search; then a handler signs in
and is refused a supervisor's action even when forging the form, and attaches files to
the ticket of his department (refused again once it is reassigned to another department). Screenshots of every
step go to --out (test output). Exit 0: passed; 1: failed; 77: skipped (no chromium).

usage: console_browser_test.py --desk BIN --ctl BIN --assets DIR --out DIR
"""

import argparse
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "browser"))
import cdp  # noqa: E402


class Failure(AssertionError):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


class Desk:
    """complaint-desk on 127.0.0.1 (a free port) with its own SQLite file."""

    def __init__(self, args, folder):
        self.args = args
        self.db = os.path.join(folder, "desk.db")
        self.env = dict(os.environ, COMPLAINT_ASSETS=args.assets)
        self.log_path = os.path.join(folder, "desk.log")
        self.log = open(self.log_path, "w")
        self.process = subprocess.Popen([args.desk, "--listen", "127.0.0.1:0", "--db", self.db],
                                        stdout=self.log, stderr=subprocess.STDOUT, env=self.env)
        deadline = time.monotonic() + 20
        self.port = None
        while self.port is None:
            check(time.monotonic() < deadline and self.process.poll() is None,
                  "the desk did not start:\n" + open(self.log_path).read())
            found = re.search(r"listening on http://127\.0\.0\.1:(\d+)", open(self.log_path).read())
            if found:
                self.port = int(found.group(1))
            else:
                time.sleep(0.05)
        self.url = "http://127.0.0.1:%d" % self.port

    def ctl(self, *argv, stdin=""):
        done = subprocess.run([self.args.ctl, "--db", self.db] + list(argv), input=stdin,
                              capture_output=True, text=True, env=self.env)
        check(done.returncode == 0, "complaintctl %s failed: %s" % (argv, done.stderr))
        return done.stdout

    def file_ticket(self, content):
        draft = {"kind": "complaint", "channel": "walk_in", "category": "service_attitude",
                 "content": content, "name": "张三", "phone": "13800138000"}
        out = self.ctl("--json", "file", stdin=json.dumps(draft, ensure_ascii=False))
        return re.search(r"WH01-K1-\d{8}-\d{4}-[0-9A-Z]", out).group(0)

    def sql(self, statement, *params):
        """Runs one statement on the desk's file, past the desk (a test's stand-in for time passing)."""
        with sqlite3.connect(self.db) as db:
            return db.execute(statement, params).fetchall()

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


class Console:
    def __init__(self, browser, desk, out):
        self.browser = browser
        self.desk = desk
        self.out = out
        self.shots = 0

    def shot(self, name):
        self.shots += 1
        path = os.path.join(self.out, "console-%02d-%s.png" % (self.shots, name))
        self.browser.screenshot(path)
        print("screenshot", path)

    def login(self, name, password):
        self.browser.navigate(self.desk.url + "/console/login")
        self.browser.do_and_wait_load(
            "document.querySelector('#name').value = %s;"
            "document.querySelector('#password').value = %s;"
            "document.querySelector('#login').click()" % (json.dumps(name), json.dumps(password)))
        user = self.browser.text("#user") or ""
        check(user.startswith(name), "not signed in as %s (page: %s)" % (name, self.browser.text("main")))

    def act(self, number, action, fields=None):
        """Fills the action's form on the ticket page and submits it; returns the error shown, if any."""
        script = ["const f = document.querySelector('#action-%s');" % action,
                  "if (!f) throw new Error('no form for %s');" % action]
        for name, value in (fields or {}).items():
            if name == "voluntary":
                script.append("f.querySelector('input[name=voluntary][value=%s]').checked = true;" % value)
            else:
                script.append("f.elements[%s].value = %s;" % (json.dumps(name), json.dumps(value)))
        script.append("f.querySelector('button[type=submit]').click();")
        self.browser.do_and_wait_load("".join(script))
        return self.browser.text("#error")

    def forge_choice(self, action, field, value, fields=None):
        """Submits the action's form with a choice its select does not offer; returns the error shown."""
        script = ["const f = document.querySelector('#action-%s'); const s = f.elements[%s];"
                  % (action, json.dumps(field)),
                  "s.add(new Option('forged', %s)); s.value = %s;" % (json.dumps(value), json.dumps(value))]
        for name, text in (fields or {}).items():
            script.append("f.elements[%s].value = %s;" % (json.dumps(name), json.dumps(text)))
        script.append("f.querySelector('button[type=submit]').click();")
        self.browser.do_and_wait_load("".join(script))
        return self.browser.text("#error") or ""

    def status(self):
        return self.browser.text("#status")


def walk_to_archived(console, number):
    browser = console.browser
    browser.navigate(console.desk.url + "/console/lang/en")
    check(number in (browser.text("#queue") or ""), "the new ticket is not in the queue")
    countdown = browser.text("tr[data-number='%s'] .countdown" % number) or ""
    # console.js has rewritten the server's text by now: the same words, two units at most.
    span = r"(\d+ d( \d+ h)?|\d+ h( \d+ min)?|\d+ min)"
    check(re.fullmatch(r"%s left|overdue by %s" % (span, span), countdown),
          "the countdown does not read as a span: %r" % countdown)
    console.shot("queue")
    browser.navigate(console.desk.url + "/console/tickets/" + number)
    check(console.status() == "Filed", "status %r" % console.status())
    console.shot("filed")
    steps = [
        ("forward", {"department": "retail"}, "Forwarded"),
        ("contact", {"note": "Called the customer"}, "In progress"),
        ("reply", {"handling_result": "Apologised; the teller was retrained"}, "Replied"),
    ]
    for action, fields, expected in steps:
        error = console.act(number, action, fields)
        check(error is None, "%s refused: %s" % (action, error))
        check(console.status() == expected, "after %s the status is %r" % (action, console.status()))
        console.shot(action)
    callback_after_the_customers_rating(console, number)
    # The record form lacks verification and handling opinion: the page says so, and a
    # forged archive is refused by the server.
    check("Missing" in (browser.text("#incomplete") or ""), "no 'record incomplete' notice")
    check(browser.evaluate("document.querySelector('#action-archive') === null"),
          "archive offered although the record form is incomplete")
    browser.do_and_wait_load(
        "const f = document.querySelector('#action-record'); f.elements['action'].value = 'archive';"
        "f.querySelector('button[type=submit]').click();")
    error = browser.text("#error") or ""
    check("not complete" in error, "forged archive not refused: %r" % error)
    check(console.status() == "Called back", "status changed by a refused archive")
    console.shot("archive-refused")
    error = console.act(number, "record", {"verification": "Confirmed by the branch video",
                                           "handling_opinion": "Formal warning for the teller"})
    check(error is None, "record refused: %s" % error)
    # Archive ends the case: the last form, set apart in red, its consequence spelled out.
    forms = browser.evaluate("[...document.querySelectorAll('#actions form.action')].map(f => f.id)")
    check(forms[-2:] == ["action-archive", "action-withdraw"], "archive and withdraw are not last: %r" % forms)
    check(browser.evaluate("document.querySelector('#action-archive').classList.contains('destructive') && "
                           "document.querySelector('#action-archive button').classList.contains('danger')"),
          "archive looks like a routine step")
    check("read-only" in (browser.text("#action-archive .consequence") or ""),
          "archive does not say what it does: %r" % browser.text("#action-archive"))
    check(not browser.evaluate("document.querySelector('#action-record').classList.contains('destructive')"),
          "a routine step is styled as destructive")
    console.shot("archive-offered")
    error = console.act(number, "archive")
    check(error is None, "archive refused: %s" % error)
    check(console.status() == "Archived", "final status %r" % console.status())
    trail = browser.evaluate("[...document.querySelectorAll('#trail tr[data-action]')]"
                             ".map(r => r.dataset.action)")
    check(trail == ["file", "forward", "contact", "reply", "customer_rating", "callback", "record", "archive"],
          "audit trail %r" % trail)
    console.shot("archived")


def callback_after_the_customers_rating(console, number):
    """The customer rates on the tracking page; the console shows it beside the callback form
    with the callback window, refuses a callback before the window, and takes it after."""
    browser = console.browser
    token = console.desk.sql("SELECT tracking_token FROM tickets WHERE number = ?", number)[0][0]
    browser.navigate("%s/t/%s?k=%s&lang=en" % (console.desk.url, number, token))
    browser.do_and_wait_load(
        "document.querySelector('#rating-basically_satisfied').checked = true;"
        "document.querySelector('#comment').value = 'Better, but the queue is still long';"
        "document.querySelector('#rating-submit').click();")
    check(browser.evaluate("document.querySelector('#rating-recorded').dataset.rating") == "basically_satisfied",
          "the tracking page did not take the rating: %r" % browser.text("main"))
    check(browser.evaluate("document.querySelector('#status').dataset.status") == "replied",
          "the customer's rating moved the ticket on")
    browser.navigate(console.desk.url + "/console/tickets/" + number)
    check(console.status() == "Replied", "status after the rating %r" % console.status())
    window = browser.text("#callback-window") or ""
    check(window.startswith("Callback window: from "), "no callback window: %r" % window)
    check("Too early to call back" in (browser.text("#callback-not-yet") or ""), "window not said to be closed")
    rating = browser.text("#customer-rating") or ""
    check("The customer rated on the tracking page: Basically satisfied" in rating, "rating shown: %r" % rating)
    check("queue is still long" in (browser.text("#customer-comment") or ""), "no customer comment")
    check(browser.evaluate("document.querySelector('#action-callback') !== null"), "no callback form")
    browser.evaluate("document.querySelector('#callback').scrollIntoView()")
    console.shot("callback-window-and-rating")
    error = console.act(number, "callback", {"satisfaction": "satisfied", "callback_note": "Customer content"})
    check(error is not None and error.startswith("Too early for the callback"), "early callback: %r" % error)
    check(console.status() == "Replied", "a refused callback changed the status")
    console.shot("callback-too-early")
    # The first working day after the reply comes: the window opens.
    console.desk.sql("UPDATE tickets SET callback_not_before = CAST(strftime('%s', 'now') AS INTEGER) - 60 "
                     "WHERE number = ?", number)
    browser.navigate(console.desk.url + "/console/tickets/" + number)
    check(browser.text("#callback-open") is not None, "the window is not shown open")
    error = console.act(number, "callback", {"satisfaction": "satisfied", "callback_note": "Customer content"})
    check(error is None, "callback refused: %s" % error)
    check(console.status() == "Called back", "after callback the status is %r" % console.status())
    console.shot("callback")


def investigation(console, number):
    """A withdrawal marked not voluntary: on the leaders' list until closed with a finding."""
    browser = console.browser
    browser.navigate(console.desk.url + "/console/lang/zh-CN")
    browser.navigate(console.desk.url + "/console/tickets/" + number)
    error = console.act(number, "withdraw", {"voluntary": "no", "note": "客户称经办人多次来电劝其撤诉"})
    check(error is None, "withdraw refused: %s" % error)
    check(browser.text("#investigation") is not None, "no investigation on the ticket")
    browser.navigate(console.desk.url + "/console/investigations")
    rows = browser.evaluate("[...document.querySelectorAll('#investigations tr[data-number]')]"
                            ".map(r => r.dataset.number)")
    check(rows == [number], "investigation list %r" % rows)
    console.shot("investigations")
    browser.navigate(console.desk.url + "/console/tickets/" + number)
    error = console.act(number, "close_investigation", {"note": ""})
    check(error == "请填写结论。", "close without a finding: %r" % error)
    check(browser.evaluate("document.querySelector('#investigation').dataset.investigation") == "open",
          "a refused close changed the investigation")
    console.shot("investigation-finding-missing")
    error = console.act(number, "close_investigation", {"note": "经核实经办人确有劝说，已批评教育"})
    check(error is None, "close refused: %s" % error)
    check(browser.evaluate("document.querySelector('#investigation').dataset.investigation") == "closed",
          "investigation not closed")
    browser.navigate(console.desk.url + "/console/investigations")
    check(browser.text("#no-investigations") is not None, "the closed investigation is still listed")
    console.shot("investigations-empty")
    browser.navigate(console.desk.url + "/console/lang/en")


def handler_is_refused(console, number):
    browser = console.browser
    browser.navigate(console.desk.url + "/console/lang/zh-CN")
    browser.navigate(console.desk.url + "/console/tickets/" + number)
    check(console.status() == "已转发", "handler sees status %r" % console.status())
    check(browser.evaluate("document.querySelector('#action-mark_repeat') === null"),
          "mark_repeat offered to a handler")
    repeat_before = browser.text("#repeat_of")
    console.shot("handler-ticket")
    # Forge the supervisor's form: the contact form re-aimed at mark_repeat.
    browser.do_and_wait_load(
        "const f = document.querySelector('#action-contact'); f.elements['action'].value = 'mark_repeat';"
        "const r = document.createElement('input'); r.name = 'repeat_of'; r.value = %s; f.appendChild(r);"
        "f.querySelector('button[type=submit]').click();" % json.dumps(number))
    error = browser.text("#error") or ""
    check("您的角色无权执行此操作" in error, "forged mark_repeat not refused: %r" % error)
    check(console.status() == "已转发", "status changed by a refused action")
    check(browser.text("#repeat_of") == repeat_before, "repeat_of changed: %r" % browser.text("#repeat_of"))
    console.shot("handler-refused")


def reclassify_as_handler(console, number):
    """The handler corrects intake on the ticket page: a forged category is refused in Chinese
    with nothing changed, then 非公司责任 (light) with a reason, shown as a sentence in the trail."""
    browser = console.browser
    browser.navigate(console.desk.url + "/console/tickets/" + number)
    options = browser.evaluate("[...document.querySelectorAll('#action-reclassify select[name=category] option')]"
                               ".map(o => o.value)")
    check("not_our_responsibility" in options and "financial_crime" not in options,
          "category choices for a handler %r" % options)
    check(browser.evaluate("document.querySelector('#action-clear_major') === null"), "clear_major offered to a handler")
    console.shot("reclassify-form")
    error = console.forge_choice("reclassify", "category", "no_such_category", {"note": "伪造"})
    check("分类表中没有此类别" in error, "forged category not refused: %r" % error)
    check(browser.evaluate("[...document.querySelectorAll('#trail tr[data-action]')].pop().dataset.action")
          != "reclassify", "a refused reclassify reached the trail")
    error = console.act(number, "reclassify", {"category": "not_our_responsibility", "severity": "light",
                                               "note": "停电系供电公司原因"})
    check(error is None, "reclassify refused: %s" % error)
    details = browser.evaluate("[...document.querySelectorAll('#trail tr[data-action=reclassify] td')]"
                               ".map(c => c.textContent).join(' | ')")
    check("投诉类别：服务态度 → 非公司责任" in details and "严重程度：一般 → 轻度" in details,
          "trail details %r" % details)
    console.shot("reclassified")


def departments_and_staff(console, number):
    """The supervisor adds a department on its page, sees the staff accounts, and a forward
    forged with a department that is not on the list is refused in English, nothing changed."""
    browser = console.browser
    browser.navigate(console.desk.url + "/console")
    browser.do_and_wait_load("document.querySelector('#nav-departments').click()")
    browser.do_and_wait_load(
        "const f = document.querySelector('#add-department');"
        "f.elements['id'].value = 'credit'; f.elements['name_zh'].value = '信贷部';"
        "f.elements['name_en'].value = 'Credit';"
        "f.querySelector('button[type=submit]').click()")
    rows = browser.evaluate("[...document.querySelectorAll('#departments tr[data-department]')]"
                            ".map(r => r.dataset.department)")
    check(sorted(rows) == ["credit", "retail", "营业部"], "department rows %r" % rows)
    console.shot("departments")
    browser.do_and_wait_load("document.querySelector('#nav-staff').click()")
    users = browser.evaluate("[...document.querySelectorAll('#staff tr[data-user]')].map(r => r.dataset.user)")
    check(users == ["hank", "sam"], "staff rows %r" % users)
    console.shot("staff")
    browser.navigate(console.desk.url + "/console/tickets/" + number)
    error = console.forge_choice("forward", "department", "nowhere")
    check("not in the department list" in error, "forged department not refused: %r" % error)
    check(console.status() == "Filed", "status changed by a refused forward")
    console.shot("forged-department")


def reassign_to_credit(console, number):
    """The supervisor reassigns the handler's ticket to credit with a reason: the trail shows it."""
    browser = console.browser
    browser.navigate(console.desk.url + "/console/lang/en")
    browser.navigate(console.desk.url + "/console/tickets/" + number)
    error = console.act(number, "reassign", {"department": "credit", "note": "A loan matter, not the branch's"})
    check(error is None, "reassign refused: %s" % error)
    trail = browser.evaluate("[...document.querySelectorAll('#trail tr[data-action]')]"
                             ".map(r => r.dataset.action)")
    check(trail[-1] == "reassign", "audit trail %r" % trail)
    shown = browser.text("#department") or ""
    check(shown == "Credit", "the department shown is %r, not its name" % shown)
    console.shot("reassigned")


def search_archived(console, walked, forwarded):
    """The supervisor finds the archived ticket from the header's box by a two-character word,
    then by its number without hyphens; a reversed date range is refused in English."""
    browser = console.browser
    browser.navigate(console.desk.url + "/console")
    browser.do_and_wait_load(
        "const box = document.querySelector('#nav-search'); box.value = '态度'; box.form.submit();")
    rows = browser.evaluate("[...document.querySelectorAll('#results tr[data-number]')].map(r => r.dataset.number)")
    check(rows == [walked], "search 态度 lists %r" % rows)
    check("Archived" in (browser.text("#results") or ""), "the archived ticket's status is not shown")
    check("Tickets found: 1;" in (browser.text("#summary") or ""), "summary %r" % browser.text("#summary"))
    console.shot("search-archived")
    browser.navigate(console.desk.url + "/console/search?number=" + forwarded.replace("-", ""))
    rows = browser.evaluate("[...document.querySelectorAll('#results tr[data-number]')].map(r => r.dataset.number)")
    check(rows == [forwarded], "search by number lists %r" % rows)
    browser.do_and_wait_load(
        "const f = document.querySelector('#search-form'); f.elements['number'].value = '';"
        "f.elements['from'].value = '2026-12-01'; f.elements['to'].value = '2026-11-01';"
        "f.querySelector('button[type=submit]').click();")
    error = browser.text("#error") or ""
    check("ends before it starts" in error, "reversed dates not refused: %r" % error)
    console.shot("search-reversed-dates")
    found = console.desk.ctl("search", "态度")
    check(walked in found and "1 of 1 ticket(s)" in found, "complaintctl search: %r" % found)
    # The short check code printed on the receipt (K7M-4PX), as a kiosk of the site stores it:
    # the header's box and complaintctl find the ticket by it, hyphen and case as typed.
    console.desk.sql("UPDATE tickets SET check_code = 'K7M4PX' WHERE number = ?", walked)
    browser.do_and_wait_load(
        "const box = document.querySelector('#nav-search'); box.value = 'K7M-4PX'; box.form.submit();")
    rows = browser.evaluate("[...document.querySelectorAll('#results tr[data-number]')].map(r => r.dataset.number)")
    check(rows == [walked], "search K7M-4PX lists %r" % rows)
    console.shot("search-check-code")
    found = console.desk.ctl("search", "--check-code", "k7m4px")
    check(walked in found and "1 of 1 ticket(s)" in found, "complaintctl search --check-code: %r" % found)
    found = console.desk.ctl("search", "--check-code", "K7M-4PY")
    check(walked not in found, "another code found the ticket: %r" % found)


def sample_png(color):
    """A real 64x48 PNG of one colour (zlib and crc32 from the standard library)."""
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    row = b"\x00" + bytes(color) * 64
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 64, 48, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(row * 48)) + chunk(b"IEND", b""))


def upload(console, path, caption):
    """Chooses `path` in the ticket page's file input (as a user would), types the caption and
    submits the form; returns the error shown, if any."""
    browser = console.browser
    found = browser.call("Runtime.evaluate",
                         {"expression": "document.querySelector('#attachment-upload input[type=file]')"})
    browser.call("DOM.setFileInputFiles", {"files": [path], "objectId": found["result"]["objectId"]})
    browser.do_and_wait_load(
        "const f = document.querySelector('#attachment-upload'); f.elements['caption'].value = %s;"
        "f.querySelector('button[type=submit]').click();" % json.dumps(caption))
    return browser.text("#error")


def attachments(console, number, folder):
    """The handler attaches a photo (a PNG named .pdf: recognised as a PNG) and a letter's scan;
    a text file named .jpg is refused in Chinese; the list shows type, size, uploader, time."""
    browser = console.browser
    browser.navigate(console.desk.url + "/console/tickets/" + number)
    check(browser.evaluate("document.querySelector('#attachment-upload') !== null"), "no upload form")
    photo = os.path.join(folder, "柜台照片.pdf")
    with open(photo, "wb") as out:
        out.write(sample_png((200, 60, 40)))
    scan = os.path.join(folder, "来信扫描.png")
    with open(scan, "wb") as out:
        out.write(sample_png((40, 90, 200)))
    text = os.path.join(folder, "notes.jpg")
    with open(text, "w") as out:
        out.write("not a photo\n")
    check(upload(console, photo, "柜台现场照片") is None, "the photo was refused: %s" % browser.text("#error"))
    check(upload(console, scan, "客户来信第1页") is None, "the scan was refused: %s" % browser.text("#error"))
    error = upload(console, text, "") or ""
    check("只能上传 JPEG、PNG 或 PDF 文件" in error, "a text file named .jpg not refused: %r" % error)
    rows = browser.evaluate("[...document.querySelectorAll('#attachment-list tr[data-attachment]')]"
                            ".map(r => r.innerText)")
    check(len(rows) == 2, "attachment rows %r" % rows)
    check("柜台照片.pdf" in rows[0] and "PNG 图片" in rows[0] and "hank" in rows[0],
          "the photo's row: %r" % rows[0])
    console.shot("attachments")
    url = browser.evaluate("document.querySelector('#attachment-list a').href")
    browser.navigate(url)
    check(browser.evaluate("document.contentType") == "image/png", "served as %r" %
          browser.evaluate("document.contentType"))
    browser.navigate(console.desk.url + "/console/tickets/" + number)
    return url


def record_form_links(console, number):
    """The ticket page offers the record form and the transfer form as PDF downloads beside
    the record; each link answers a PDF to the ticket's handler."""
    browser = console.browser
    browser.navigate(console.desk.url + "/console/tickets/" + number)
    links = browser.evaluate("[...document.querySelectorAll('#forms a')].map(a => [a.id, a.href, a.innerText])")
    check(links and [link[0] for link in links] == ["form-record", "form-transfer"], "form links %r" % links)
    check(links[0][1].endswith("/console/tickets/%s/form.pdf?form=record" % number), "record link %r" % links[0][1])
    console.shot("record-form-links")
    # Each link with the browser's own session cookie (the page's CSP allows no fetch).
    browser.call("Network.enable")
    cookies = browser.call("Network.getCookies", {"urls": [link[1] for link in links]}).get("cookies", [])
    check(cookies, "no cookies for the desk")
    header = "; ".join("%s=%s" % (c["name"], c["value"]) for c in cookies)
    for link in links:
        request = urllib.request.Request(link[1], headers={"Cookie": header})
        with urllib.request.urlopen(request, timeout=30) as answer:
            body = answer.read()
            check(answer.status == 200 and answer.headers.get("Content-Type") == "application/pdf"
                  and body.startswith(b"%PDF-"), "%s answered %s %s" % (link[0], answer.status,
                                                                       answer.headers.get("Content-Type")))


def month_statistics(console):
    """The supervisor opens the month's statistics (docs/DOMAIN.md §9) from the header link."""
    browser = console.browser
    browser.navigate(console.desk.url + "/console")
    browser.do_and_wait_load("document.querySelector('#reports').click()")
    totals = browser.text("#totals") or ""
    check("Filed" in totals and "2" in totals, "the month's totals: %r" % totals)
    check("Forwarding on time" in (browser.text("#on-time") or ""), "no on-time table")
    bars = browser.evaluate("document.querySelectorAll('#trend-chart rect.filed').length")
    check(bars == 12, "the 12-month trend has %r bars" % bars)
    check(browser.evaluate("document.querySelectorAll('svg script, svg [href]').length") == 0,
          "a chart has a script or a link of its own")
    console.shot("reports")
    # Drill-down: the month's "Filed" figure opens the list of its tickets.
    browser.do_and_wait_load(
        "[...document.querySelectorAll('#totals a.figure')].find(a => a.href.includes('figure=total.filed')).click()")
    listed = browser.evaluate("document.querySelectorAll('#tickets tr[data-number]').length")
    check(listed == 2, "the Filed figure lists %r tickets" % listed)
    check("2 tickets" in (browser.text("#count") or ""), "count %r" % browser.text("#count"))
    console.shot("reports-tickets")
    browser.do_and_wait_load("document.querySelector('#back').click()")
    # The period form: a quarter instead of the month (no script: the kind is a plain select).
    browser.do_and_wait_load(
        "document.querySelector('#period-kind').value = 'quarter';"
        "document.querySelector('#quarter').value = '2026-Q4';"
        "document.querySelector('#period-form button').click()")
    period = browser.text("#period") or ""
    check("2026-10-01 to 2026-12-31" in period, "the quarter's period: %r" % period)
    console.shot("reports-quarter")


def run_browser_test(prefix, body):
    """Parses the arguments, starts a desk in a temporary folder and runs body(args, desk);
    returns the exit code: 0 passed (body returned its message), 1 failed, 77 skipped."""
    parser = argparse.ArgumentParser()
    for name in ("--desk", "--ctl", "--assets", "--out"):
        parser.add_argument(name, required=True)
    args = parser.parse_args()
    if cdp.find_chromium() is None:
        print("SKIPPED: chromium is not installed (apt-get install chromium)")
        return 77
    os.makedirs(args.out, exist_ok=True)
    folder = tempfile.mkdtemp(prefix=prefix)
    desk = Desk(args, folder)
    try:
        print("PASSED:", body(args, desk))
        return 0
    except (Failure, cdp.BrowserError) as failure:
        print("FAILED:", failure)
        print(open(desk.log_path).read()[-3000:])
        return 1
    finally:
        desk.stop()
        shutil.rmtree(folder, ignore_errors=True)


def phone_width_queue(desk, out, number):
    """The queue on a phone-width screen: every row a card, nothing wider than the screen."""
    with cdp.Browser(width=390, height=844) as browser:
        console = Console(browser, desk, out)
        console.shots = 90  # after the desktop walk's screenshots
        console.login("sam", "sam-password-1")
        browser.navigate(desk.url + "/console/lang/zh-CN")
        check(number in (browser.text("#queue") or ""), "the ticket is not in the phone's queue")
        check(browser.evaluate("document.documentElement.scrollWidth <= window.innerWidth"),
              "the queue is wider than a phone: %r" % browser.evaluate("document.documentElement.scrollWidth"))
        check(browser.evaluate("getComputedStyle(document.querySelector('#queue thead')).display") == "none",
              "the queue's table head is shown on a phone")
        label = browser.evaluate("getComputedStyle(document.querySelector(\"tr[data-number='%s'] td:nth-child(4)\"),"
                                 " '::before').content" % number)
        check(label == '"状态"', "a card's line has no label: %r" % label)
        countdown = browser.text("tr[data-number='%s'] .countdown" % number) or ""
        check(re.fullmatch(r"(剩余|已逾期)(\d+天(\d+小时)?|\d+小时(\d+分钟)?|\d+分钟)", countdown),
              "the countdown does not read as a span: %r" % countdown)
        console.shot("phone-queue")


def walk_and_refuse(args, desk):
    desk.ctl("desk", "department", "add", "retail", "--zh", "零售银行部", "--en", "Retail banking")
    desk.ctl("desk", "department", "add", "营业部", "--zh", "营业部", "--en", "Business office")
    desk.ctl("desk", "user", "add", "sam", "--role", "supervisor", stdin="sam-password-1\n")
    desk.ctl("desk", "user", "add", "hank", "--role", "handler", "--departments", "营业部",
             stdin="hank-password-1\n")
    walked = desk.file_ticket("柜员态度差，办理业务时不理睬")
    forwarded = desk.file_ticket("排队一个小时无人处理")
    with cdp.Browser(width=1280, height=900) as browser:
        console = Console(browser, desk, args.out)
        console.login("sam", "sam-password-1")
        walk_to_archived(console, walked)
        phone_width_queue(desk, args.out, forwarded)
        departments_and_staff(console, forwarded)
        browser.navigate(desk.url + "/console/tickets/" + forwarded)
        check(console.act(forwarded, "forward", {"department": "营业部"}) is None, "forward refused")
        month_statistics(console)
        investigation(console, desk.file_ticket("经办人要求我撤诉"))
        browser.do_and_wait_load("document.querySelector('#logout').click()")
        console.login("hank", "hank-password-1")
        handler_is_refused(console, forwarded)
        attachment_url = attachments(console, forwarded, os.path.dirname(desk.db))
        record_form_links(console, forwarded)
        reclassify_as_handler(console, forwarded)
        browser.do_and_wait_load("document.querySelector('#logout').click()")
        console.login("sam", "sam-password-1")
        reassign_to_credit(console, forwarded)
        search_archived(console, walked, forwarded)
        browser.do_and_wait_load("document.querySelector('#logout').click()")
        console.login("hank", "hank-password-1")
        browser.navigate(desk.url + "/console/tickets/" + forwarded)
        shown = browser.text("main") or ""
        check("No record has this number" in shown or "未找到该编号" in shown,
              "hank still sees the reassigned ticket: %r" % browser.text("main"))
        console.shot("handler-other-department")
        browser.navigate(attachment_url)
        shown = browser.text("body") or ""
        check("No record has this number" in shown or "未找到该编号" in shown,
              "hank still opens the reassigned ticket's attachment: %r" % shown)
        browser.navigate(desk.url + "/console/search?q=" + forwarded)
        check(browser.evaluate("document.querySelectorAll('#results tr[data-number]').length") == 0,
              "hank finds the reassigned ticket by its number: %r" % browser.text("main"))
        summary = browser.text("#summary") or ""
        check("Tickets found: 0;" in summary or "共找到 0 件" in summary, "summary %r" % summary)
        console.shot("handler-search")
    return "walked %s to archived; handler refused on %s" % (walked, forwarded)


def main():
    return run_browser_test("console-browser-", walk_and_refuse)


if __name__ == "__main__":
    sys.exit(main())
