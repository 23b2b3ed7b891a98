#!/usr/bin/env python3
"""Extensions of the resolve deadline in REAL headless Chromium against the REAL complaint-desk.

A handler fills the extension form on the ticket page (forged inputs refused first: a date in
the past, an unknown reason category, a supervisor's approval), extends within the policy's
limit, then asks for more; the supervisor sees the request in the queue and on the ticket and
approves it; the public tracking page shows the new promise and the reason category in plain
Chinese and English, never the reason's text. Screenshots to --out. Exit 0 passed, 1 failed,
77 skipped (no chromium).

usage: extension_browser_test.py --desk BIN --ctl BIN --assets DIR --out DIR
"""

import json
import os
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "browser"))
import cdp  # noqa: E402
from console_browser_test import Console, check, run_browser_test  # noqa: E402

REASON_TEXT = "需调取营业厅监控录像，涉及柜员王某"


class Shots(Console):
    def shot(self, name):
        self.shots += 1
        path = os.path.join(self.out, "extension-%02d-%s.png" % (self.shots, name))
        self.browser.screenshot(path)
        print("screenshot", path)


def handler_extends(console, number):
    browser = console.browser
    browser.navigate(console.desk.url + "/console/lang/zh-CN")
    browser.navigate(console.desk.url + "/console/tickets/" + number)
    check(console.act(number, "contact") is None, "contact refused")
    before = browser.text("#resolve_by")
    check(browser.evaluate("document.querySelector('#action-extend select[name=reason_category]') !== null"),
          "no reason category on the extension form")
    check("可自行延期至" in (browser.text("#extension-limits") or ""),
          "no limits: %r" % browser.text("#extension-limits"))
    # Forged or wrong input: refused in Chinese, nothing changed.
    for fields, expected in [
        ({"resolve_by": "2020-01-01", "reason_category": "needs_investigation", "note": REASON_TEXT},
         "新的期限早于现在"),
        ({"resolve_by": "60wd", "reason_category": "needs_investigation", "note": REASON_TEXT},
         "超过了规定允许的最长延期"),
    ]:
        error = console.act(number, "extend", fields) or ""
        check(expected in error, "not refused with %r: %r" % (expected, error))
        check(browser.text("#resolve_by") == before, "the deadline moved on a refusal")
    browser.do_and_wait_load(
        "const f = document.querySelector('#action-extend'); const s = f.elements['reason_category'];"
        "s.add(new Option('forged', 'bribe')); s.value = 'bribe';"
        "f.elements['resolve_by'].value = '2wd'; f.elements['note'].value = 'x';"
        "f.querySelector('button[type=submit]').click();")
    check("延期原因类别无效" in (browser.text("#error") or ""), "unknown category: %r" % browser.text("#error"))
    browser.do_and_wait_load(
        "const f = document.querySelector('#action-record'); f.elements['action'].value = 'approve_extension';"
        "f.querySelector('button[type=submit]').click();")
    check("您的角色无权执行此操作" in (browser.text("#error") or ""), "forged approval: %r" % browser.text("#error"))
    # The form filled in, as the handler sends it.
    browser.navigate(console.desk.url + "/console/tickets/" + number)
    browser.evaluate(
        "(() => { const f = document.querySelector('#action-extend'); f.elements['resolve_by'].value = '2wd';"
        "f.elements['reason_category'].value = 'needs_investigation'; f.elements['note'].value = %s;"
        "f.scrollIntoView(); return 0; })()" % json.dumps(REASON_TEXT))
    console.shot("extension-form")
    error = console.act(number, "extend", {"resolve_by": "2wd", "reason_category": "needs_investigation",
                                           "note": REASON_TEXT})
    check(error is None, "extension within the limit refused: %s" % error)
    check(browser.text("#resolve_by") != before, "the deadline did not move")
    check("需进一步调查核实" in (browser.text("#extension_reason") or ""), "no reason category on the record")
    error = console.act(number, "extend", {"resolve_by": "5wd", "reason_category": "awaiting_third_party",
                                           "note": "等待保险公司意见"})
    check(error is None, "extension request refused: %s" % error)
    check("待主管批准" in (browser.text("#extension-pending") or ""),
          "no pending request: %r" % browser.text("#extension-pending"))
    check(browser.evaluate("document.querySelector('#action-extend') === null"),
          "a second request offered while one waits")
    console.shot("extension-requested")


def supervisor_approves(console, number):
    browser = console.browser
    browser.navigate(console.desk.url + "/console/lang/en")
    badge = browser.text("tr[data-number='%s'] .badge.extension" % number) or ""
    check("Extension awaits approval" in badge, "no badge in the queue: %r" % badge)
    console.shot("queue-extension-pending")
    browser.navigate(console.desk.url + "/console/tickets/" + number)
    check("Awaiting a supervisor" in (browser.text("#extension-pending") or ""), "no request on the ticket")
    console.shot("approve-form")
    before = browser.text("#resolve_by")
    error = console.act(number, "approve_extension")
    check(error is None, "approval refused: %s" % error)
    check(browser.text("#resolve_by") != before, "the approval did not move the deadline")
    check(browser.evaluate("document.querySelector('#extension-pending') === null"), "the request is still shown")
    check("Awaiting a third party" in (browser.text("#extension_reason") or ""),
          "reason %r" % browser.text("#extension_reason"))
    trail = browser.evaluate("[...document.querySelectorAll('#trail tr[data-action]')].map(r => r.dataset.action)")
    check(trail[-3:] == ["extend", "extend", "approve_extension"], "audit trail %r" % trail)
    console.shot("approved")
    return browser.text("#resolve_by")


def tracking_page(console, desk, number, promised):
    browser = console.browser
    token = sqlite3.connect(desk.db).execute("SELECT tracking_token FROM tickets WHERE number = ?",
                                             (number,)).fetchone()[0]
    for lang, words in (("zh-CN", ["已延长至", "正在等待其他单位处理或答复"]),
                        ("en", ["was extended: it is now due", "waiting for another party"])):
        browser.navigate("%s/t/%s?k=%s&lang=%s" % (desk.url, number, token, lang))
        shown = browser.text("#extension") or ""
        for word in words:
            check(word in shown, "tracking page (%s) lacks %r: %r" % (lang, word, shown))
        # The console's "2026-12-02 24:00" reads as the customer's date: 12月2日 / 2 Dec.
        year, month, day = (int(part) for part in promised.split(" ")[0].split("-"))
        months = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
        date = "%d月%d日" % (month, day) if lang == "zh-CN" else "%d %s" % (day, months[month - 1])
        check(date in shown, "the new promise %r (%s) not in %r" % (promised, date, shown))
        page = browser.text("body") or ""
        check(REASON_TEXT not in page and "保险公司" not in page, "the reason's text is on the public page")
        console.shot("tracking-" + lang)


def extend_and_approve(args, desk):
    desk.ctl("desk", "department", "add", "营业部", "--zh", "营业部", "--en", "Business office")
    desk.ctl("desk", "user", "add", "sam", "--role", "supervisor", stdin="sam-password-1\n")
    desk.ctl("desk", "user", "add", "hank", "--role", "handler", "--departments", "营业部",
             stdin="hank-password-1\n")
    number = desk.file_ticket("柜员态度差，办理业务时不理睬")
    with cdp.Browser(width=1280, height=1100) as browser:
        console = Shots(browser, desk, args.out)
        console.login("sam", "sam-password-1")
        browser.navigate(desk.url + "/console/tickets/" + number)
        check(console.act(number, "forward", {"department": "营业部"}) is None, "forward refused")
        browser.do_and_wait_load("document.querySelector('#logout').click()")
        console.login("hank", "hank-password-1")
        handler_extends(console, number)
        browser.do_and_wait_load("document.querySelector('#logout').click()")
        console.login("sam", "sam-password-1")
        promised = supervisor_approves(console, number)
        tracking_page(console, desk, number, promised)
    return "%s extended, requested, approved; the tracking page shows the new promise" % number


def main():
    return run_browser_test("extension-browser-", extend_and_approve)


if __name__ == "__main__":
    sys.exit(main())
