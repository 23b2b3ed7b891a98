#!/usr/bin/env python3
"""Group complaints (群体投诉) in REAL headless Chromium against the REAL complaint-desk.

Two kiosks (K7, K8) file complaints about one category with the real `complaintctl file`
and sync them with the real `complaintctl sync`; the desk takes one more by phone
(`complaintctl file` on the desk). Ten distinct customers (one of them twice) are no group;
the eleventh customer's ticket, synced from K8, makes the desk flag and link all twelve, and
the link travels back to K7 in the feed. The supervisor filters the queue to group
complaints and sees every member on a ticket's page; a handler of one department sees only
his department's members and the count of the others, cannot open another department's
member, and a forged "group" action is refused with nothing changed. Screenshots to --out.
Exit 0 passed, 1 failed, 77 skipped (no chromium).

usage: group_browser_test.py --desk BIN --ctl BIN --assets DIR --out DIR
"""

import json
import os
import re
import sqlite3
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "browser"))
import cdp  # noqa: E402
from console_browser_test import Console, check, run_browser_test  # noqa: E402


class Shots(Console):
    def shot(self, name):
        self.shots += 1
        path = os.path.join(self.out, "group-%02d-%s.png" % (self.shots, name))
        self.browser.screenshot(path)
        print("screenshot", path)


class Kiosk:
    """A kiosk's SQLite file and config, driven by the real complaintctl."""

    def __init__(self, desk, kiosk_id):
        self.desk = desk
        self.db = os.path.join(os.path.dirname(desk.db), kiosk_id + ".db")
        self.config = os.path.join(os.path.dirname(desk.db), kiosk_id + ".toml")
        key = desk.ctl("desk", "kiosk", "add", kiosk_id).strip()
        with open(self.config, "w") as out:
            out.write('[site]\nkiosk_id = "%s"\n[tracking]\nurl = "%s/t/{number}?k={token}"\n'
                      '[sync]\nurl = "%s"\nkey = "%s"\n' % (kiosk_id, desk.url, desk.url, key))

    def ctl(self, *argv, stdin=""):
        done = subprocess.run([self.desk.args.ctl, "--config", self.config, "--db", self.db] + list(argv),
                              input=stdin, capture_output=True, text=True, env=self.desk.env)
        check(done.returncode == 0, "kiosk complaintctl %s failed: %s %s" % (argv, done.stdout, done.stderr))
        return done.stdout

    def file(self, customer):
        return file_with(self.ctl, customer, "kiosk")

    def sync(self):
        self.ctl("--json", "sync")


def file_with(ctl, customer, channel):
    draft = {"kind": "complaint", "channel": channel, "category": "service_quality",
             "content": "营业厅只开一个窗口，排队两个小时", "name": "客户%d" % customer,
             "phone": "1390000%04d" % (1000 + customer)}
    out = ctl("--json", "file", stdin=json.dumps(draft, ensure_ascii=False))
    return json.loads(out)["number"]


def group_of(desk):
    return desk.sql("SELECT number, group_complaint, group_id FROM tickets ORDER BY filed_at, number")


def detect(desk):
    """Ten customers: no group. The eleventh: all twelve tickets linked, the link back at K7."""
    k7, k8 = Kiosk(desk, "K7"), Kiosk(desk, "K8")
    filed = [k7.file(n) for n in (1, 2, 3, 4, 5)] + [k7.file(3)]  # customer 3 twice
    filed += [k8.file(n) for n in (6, 7, 8, 9)]
    filed.append(file_with(desk.ctl, 10, "phone"))  # taken by phone at the desk
    k7.sync()
    k8.sync()
    rows = group_of(desk)
    check(len(rows) == 11 and all(flag == 0 and gid == "" for _, flag, gid in rows),
          "ten customers made a group: %r" % rows)
    filed.append(k8.file(11))
    k8.sync()
    rows = group_of(desk)
    leader = rows[0][0]
    check(len(rows) == 12 and all(flag == 1 and gid == leader for _, flag, gid in rows),
          "the eleventh customer did not make one group of 12: %r" % rows)
    events = desk.sql("SELECT count(*) FROM events WHERE action = 'group'")[0][0]
    check(events == 12, "%d group events" % events)
    k7.sync()
    k8.sync()
    check(desk.sql("SELECT count(*) FROM events WHERE action = 'group'")[0][0] == 12, "a re-sync added events")
    at_kiosk = sqlite3.connect(k7.db).execute("SELECT group_complaint, group_id FROM tickets").fetchall()
    check(len(at_kiosk) == 6 and all(row == (1, leader) for row in at_kiosk),
          "the link did not reach K7: %r" % at_kiosk)
    notices = desk.sql("SELECT count(*) FROM notices WHERE reason = 'group'")[0][0]
    check(notices == 1, "%d group notices" % notices)
    return leader, [number for number, _, _ in rows]


def supervisor_sees_the_group(console, leader, members, retail, credit):
    browser = console.browser
    browser.navigate(console.desk.url + "/console/lang/zh-CN")
    browser.navigate(console.desk.url + "/console?group=yes")
    listed = browser.evaluate("[...document.querySelectorAll('#queue tr[data-number]')].map(r => r.dataset.number)")
    check(sorted(listed) == sorted(members), "queue ?group=yes lists %r" % listed)
    badges = browser.evaluate("document.querySelectorAll('#queue .badge.group').length")
    check(badges == len(members), "%d group badges" % badges)
    check(browser.evaluate("document.querySelector('#group-filter').value") == "yes", "filter not kept")
    console.shot("queue-group-filter")
    browser.navigate(console.desk.url + "/console?group=no")
    check(browser.evaluate("document.querySelectorAll('#queue tr[data-number]').length") == 0,
          "?group=no lists group tickets")
    browser.navigate(console.desk.url + "/console/tickets/" + retail[0])
    summary = browser.text("#group-summary") or ""
    check(leader in summary and "11 位客户" in summary and "12 张工单" in summary, "summary %r" % summary)
    shown = browser.evaluate("[...document.querySelectorAll('#group-members li')].map(l => l.dataset.number)")
    check(sorted(shown) == sorted(members), "the supervisor's member list %r" % shown)
    check(browser.evaluate("document.querySelector('#group-hidden') === null"), "hidden members for a supervisor")
    trail = browser.evaluate("[...document.querySelectorAll('#trail tr[data-action]')].map(r => r.dataset.action)")
    check("group" in trail, "no group event on the trail: %r" % trail)
    console.shot("ticket-group-zh")
    browser.navigate(console.desk.url + "/console/lang/en")
    browser.navigate(console.desk.url + "/console/tickets/" + retail[0])
    summary = browser.text("#group-summary") or ""
    check("12 tickets from 11 customers" in summary, "English summary %r" % summary)
    console.shot("ticket-group-en")


def handler_sees_his_department(console, leader, retail, credit):
    browser = console.browser
    browser.navigate(console.desk.url + "/console/lang/zh-CN")
    browser.navigate(console.desk.url + "/console/tickets/" + retail[0])
    shown = browser.evaluate("[...document.querySelectorAll('#group-members li')].map(l => l.dataset.number)")
    check(sorted(shown) == sorted(retail), "the handler sees members %r, not his department's %r" % (shown, retail))
    links = browser.evaluate("[...document.querySelectorAll('#group-members a')].map(a => a.getAttribute('href'))")
    check(not any(number in link for link in links for number in credit), "links to another department: %r" % links)
    hidden = browser.text("#group-hidden") or ""
    check(("%d 张" % len(credit)) in hidden, "hidden count %r" % hidden)
    check(str(len(retail) + len(credit)) in (browser.text("#group-summary") or ""), "the count is not the group's")
    console.shot("handler-group")
    browser.navigate(console.desk.url + "/console/tickets/" + credit[0])
    check(browser.evaluate("document.querySelector('#group-members') === null"),
          "another department's member opened by a handler")
    check("未找到" in (browser.text("main") or "") or "不存在" in (browser.text("main") or ""),
          "not refused: %r" % browser.text("main"))
    browser.navigate(console.desk.url + "/console?group=yes")
    listed = browser.evaluate("[...document.querySelectorAll('#queue tr[data-number]')].map(r => r.dataset.number)")
    check(sorted(listed) == sorted(retail), "the handler's group queue lists %r" % listed)
    # A forged "group" action: the contact form re-aimed. Refused, nothing changed.
    browser.navigate(console.desk.url + "/console/tickets/" + retail[1])
    revision = console.desk.sql("SELECT revision FROM tickets WHERE number = ?", retail[1])[0][0]
    events = console.desk.sql("SELECT count(*) FROM events")[0][0]
    browser.do_and_wait_load(
        "const f = document.querySelector('#action-contact'); f.elements['action'].value = 'group';"
        "f.querySelector('button[type=submit]').click();")
    error = browser.text("#error") or ""
    check("无法识别的操作" in error, "forged group action not refused: %r" % error)
    check(console.desk.sql("SELECT revision FROM tickets WHERE number = ?", retail[1])[0][0] == revision,
          "the ticket changed on a refusal")
    check(console.desk.sql("SELECT count(*) FROM events")[0][0] == events, "an event was written on a refusal")
    console.shot("handler-forged-group")


def group_walk(args, desk):
    desk.ctl("desk", "department", "add", "营业部", "--zh", "营业部", "--en", "Business office")
    desk.ctl("desk", "department", "add", "信贷部", "--zh", "信贷部", "--en", "Credit")
    desk.ctl("desk", "user", "add", "sam", "--role", "supervisor", stdin="sam-password-1\n")
    desk.ctl("desk", "user", "add", "hank", "--role", "handler", "--departments", "营业部",
             stdin="hank-password-1\n")
    leader, members = detect(desk)
    retail, credit = members[:7], members[7:]
    for number in retail:
        desk.ctl("transition", number, "forward", "--department", "营业部")
    for number in credit:
        desk.ctl("transition", number, "forward", "--department", "信贷部")
    with cdp.Browser(width=1280, height=1000) as browser:
        console = Shots(browser, desk, args.out)
        console.login("sam", "sam-password-1")
        supervisor_sees_the_group(console, leader, members, retail, credit)
        browser.do_and_wait_load("document.querySelector('#logout').click()")
        console.login("hank", "hank-password-1")
        handler_sees_his_department(console, leader, retail, credit)
    return "12 tickets from two kiosks and the desk linked into group %s; scope kept" % leader


def main():
    return run_browser_test("group-browser-", group_walk)


if __name__ == "__main__":
    sys.exit(main())
