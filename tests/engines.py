"""The three browser engines people read this site in, behind one small interface, so that one
test runs in each (README, "Tests in three engines"):

- Chromium (Chrome, Edge, Chromebooks): Playwright driving Debian's chromium;
- WebKit (Safari on iPhone, iPad and Mac): Selenium driving Debian's WebKitWebDriver
  (webkit2gtk-driver) and its MiniBrowser, in an Xvfb display of its own;
- Firefox: Debian's firefox-esr over WebDriver BiDi, through puppeteer-core (npm) in
  tests/firefox_bridge.mjs.

No tool downloads a browser: `make test` installs the Debian packages (scripts/ensure_browser.sh)
and the npm one. One session per engine serves every test (a start costs 1 to 4 s). A check that
measures a page runs in it as one function that returns all its numbers at once: `run(fn, arg)`,
with `fn` a JavaScript function's source, the same text in every engine.

TEST_ENGINES="chromium webkit firefox" (the default) names the engines to run; an engine named
there but missing is an error that says what to install, never a silent skip.
"""
from __future__ import annotations

import html
import json
import os
import re
import select
import shutil
import subprocess
import time
from pathlib import Path
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from threading import Thread
from urllib.parse import parse_qs, urlencode, urlsplit

from support import ROOT

ALL = ("chromium", "webkit", "firefox")
WEBKIT_DRIVER = os.environ.get("WEBKIT_DRIVER_PATH", "/usr/bin/WebKitWebDriver")
FIREFOX = os.environ.get("FIREFOX_PATH", "/usr/bin/firefox-esr")
BRIDGE = ROOT / "tests" / "firefox_bridge.mjs"


def wanted() -> list[str]:
    names = os.environ.get("TEST_ENGINES", " ".join(ALL)).split()
    unknown = set(names) - set(ALL)
    if unknown:
        raise RuntimeError(f"TEST_ENGINES: unknown engine(s) {sorted(unknown)}; choose from {ALL}")
    return names


def missing(name: str) -> str | None:
    """What is missing to run `name`, as an install hint, or None."""
    if name == "webkit":
        if not Path(WEBKIT_DRIVER).exists():
            return "WebKit: no WebKitWebDriver (apt-get install webkit2gtk-driver xvfb)"
        if not shutil.which("Xvfb"):
            return "WebKit: no Xvfb (apt-get install xvfb)"
    if name == "firefox":
        if not shutil.which("node"):
            return "Firefox: no Node.js to run puppeteer-core (apt-get install nodejs npm)"
        if not Path(FIREFOX).exists():
            return "Firefox: no firefox-esr (apt-get install firefox-esr)"
        if not (ROOT / "node_modules" / "puppeteer-core").is_dir():
            return "Firefox: no puppeteer-core (make node-deps)"
    return None


class Engine:
    """What a test does with a browser. Keys are named as in KeyboardEvent.key."""

    name = ""
    reports_console = True   # errors() tells the console's errors

    def size(self, width: int, height: int) -> None: ...
    def goto(self, url: str) -> None: ...
    def run(self, fn: str, arg=None): ...
    def click(self, selector: str) -> None: ...
    def press(self, key: str) -> None: ...
    def back(self) -> None: ...
    def url(self) -> str: ...
    def errors(self) -> list[str]: ...
    def screenshot(self, path) -> None: ...
    def fresh(self) -> None:
        """A new tab with a history of its own, at the same size."""
    def close(self) -> None: ...

    def wait(self, fn: str, arg=None, timeout: float = 5.0):
        """Calls `fn` in the page until it returns something truthy (a navigation in between is
        waited out); returns that, or raises TimeoutError with the last value seen."""
        end, last = time.monotonic() + timeout, None
        while True:
            try:
                last = self.run(fn, arg)
                if last:
                    return last
            except Exception as e:   # the page was between two documents
                last = e
            if time.monotonic() > end:
                raise TimeoutError(f"{self.name}: {fn} still {last!r} after {timeout} s")
            self.pause(0.05)

    def pause(self, seconds: float) -> None:
        time.sleep(seconds)


class Chromium(Engine):
    name = "chromium"

    def __init__(self, browser):
        self.browser = browser
        self.viewport = {"width": 1280, "height": 900}
        self.ctx = self.page = None
        self._errors = []
        self.fresh()

    def fresh(self):
        old = self.ctx
        self.ctx = self.browser.new_context(viewport=self.viewport, service_workers="block")
        # Another site (the quick exit's neutral one) is answered by a stub page: Chromium's own
        # error page would show chrome-error://chromewebdata/, not the address it tried.
        self.ctx.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.fulfill(
            status=200, content_type="text/html", body="<!doctype html><title>Neutral</title>"))
        self.page = self.ctx.new_page()
        page = self.page
        self.page.on("console", lambda m: m.type == "error" and self._errors.append(f"{page.url}: {m.text}"))
        self.page.on("pageerror", lambda e: self._errors.append(f"{page.url}: {e}"))
        if old:
            old.close()

    def size(self, width, height):
        self.viewport = {"width": width, "height": height}
        self.page.set_viewport_size(self.viewport)

    def goto(self, url):
        self.page.goto(url, wait_until="load")

    def run(self, fn, arg=None):
        return self.page.evaluate(fn, arg)

    def click(self, selector):
        self.page.click(selector)

    def press(self, key):
        self.page.keyboard.press(key)

    def back(self):
        from playwright.sync_api import TimeoutError as PlaywrightTimeout
        try:
            self.page.go_back(timeout=5000)
        except PlaywrightTimeout:
            pass   # a same-document step fires no "load"

    def pause(self, seconds):
        # Playwright's sync API takes in the browser's events (a navigation, a console message)
        # only while it runs a call: wait through it, not beside it.
        self.page.wait_for_timeout(seconds * 1000)

    def url(self):
        self.pause(0.001)
        return self.page.url

    def errors(self):
        out, self._errors = self._errors, []
        return out

    def screenshot(self, path):
        self.page.screenshot(path=str(path))

    def close(self):
        self.ctx.close()


class _FrameHolder(BaseHTTPRequestHandler):
    """/?w=360&h=740&src=URL: a page holding an iframe of that size on that address."""

    def do_GET(self):
        q = {k: v[0] for k, v in parse_qs(urlsplit(self.path).query).items()}
        if not {"w", "h", "src"} <= set(q):
            self.send_error(404)
            return
        body = (f'<!doctype html><body style="margin:0"><iframe width="{int(q["w"])}" '
                f'height="{int(q["h"])}" style="border:0" src="{html.escape(q["src"])}" '
                'onload="window.loaded = true"></iframe>').encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class WebKit(Engine):
    """MiniBrowser through WebKitWebDriver. Its window has a header bar above the page (the
    viewport is the window less that) and cannot be narrower than about 450 px: a phone width
    is then an iframe of exactly that size in the window, and every command acts in it (its
    media queries see the iframe's width, as a phone's see the screen's)."""

    name = "webkit"
    reports_console = False   # WebKitWebDriver has no log or BiDi endpoint

    def __init__(self):
        from selenium import webdriver
        from selenium.webdriver.webkitgtk.options import Options
        from selenium.webdriver.webkitgtk.service import Service
        self.xvfb = subprocess.Popen(["Xvfb", "-displayfd", "1", "-screen", "0", "2560x1600x24",
                                      "-nolisten", "tcp"], stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL)
        display = self.xvfb.stdout.readline().decode().strip()
        options = Options()
        options.binary_location = os.environ.get(
            "WEBKIT_BROWSER_PATH", "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser")
        options.add_argument("--automation")
        service = Service(executable_path=WEBKIT_DRIVER, env=dict(os.environ, DISPLAY=f":{display}"))
        self.driver = webdriver.WebKitGTK(options=options, service=service)
        self.driver.set_window_size(1024, 768)
        inner = self.driver.execute_script("return [innerWidth, innerHeight]")
        self.chrome = (1024 - inner[0], 768 - inner[1])
        self.frame = None   # (width, height) while pages open in an iframe
        self.holder_server = ThreadingHTTPServer(("127.0.0.1", 0), _FrameHolder)
        Thread(target=self.holder_server.serve_forever, daemon=True).start()
        self.holder = f"http://127.0.0.1:{self.holder_server.server_port}/"

    def size(self, width, height):
        dw, dh = self.chrome
        self.driver.switch_to.default_content()
        self.driver.set_window_size(width + dw, height + dh)
        inner = self.driver.execute_script("return [innerWidth, innerHeight]")
        self.frame = None if inner == [width, height] else (width, height)
        if self.frame:
            self.driver.set_window_size(max(width, inner[0]) + dw, height + 40 + dh)

    def goto(self, url):
        if not self.frame:
            self.driver.get(url)
            return
        # The iframe sits in a page of its own origin, served here (from about:blank or a data:
        # URL, WebKit may keep the last page's policy, whose frame-src 'none' blocks the frame);
        # into the frame once its page has loaded, or the driver stays in its first, empty
        # document.
        w, h = self.frame
        self.driver.switch_to.default_content()
        self.driver.get(f"{self.holder}?{urlencode({'w': w, 'h': h, 'src': url})}")
        self.wait("() => window.loaded")
        self.driver.switch_to.frame(self.driver.find_element("css selector", "iframe"))

    def run(self, fn, arg=None):
        return self.driver.execute_script(f"return ({fn})(arguments[0]);", arg)

    def click(self, selector):
        self.driver.find_element("css selector", selector).click()

    KEYS = {"Shift": "\ue008", "Enter": "\ue007", "Escape": "\ue00c", "Tab": "\ue004",
            "ArrowLeft": "\ue012", "ArrowRight": "\ue014", "Home": "\ue011", "End": "\ue010"}

    def press(self, key):
        from selenium.webdriver import ActionChains
        k = self.KEYS.get(key, key)
        ActionChains(self.driver).key_down(k).key_up(k).perform()

    def back(self):
        self.driver.back()

    def url(self):
        return self.driver.current_url if not self.frame else self.run("() => location.href")

    def errors(self):
        return []

    def screenshot(self, path):
        self.driver.save_screenshot(str(path))

    def fresh(self):
        self.driver.switch_to.default_content()
        old = self.driver.current_window_handle
        self.driver.switch_to.new_window("tab")
        new = self.driver.current_window_handle
        self.driver.switch_to.window(old)
        self.driver.close()
        self.driver.switch_to.window(new)

    def close(self):
        try:
            self.driver.quit()
        finally:
            self.holder_server.shutdown()
            self.holder_server.server_close()
            self.xvfb.terminate()
            self.xvfb.wait()


class Firefox(Engine):
    name = "firefox"

    def __init__(self):
        env = dict(os.environ, FIREFOX_PATH=FIREFOX, PUPPETEER_SKIP_DOWNLOAD="1")
        self.proc = subprocess.Popen(["node", str(BRIDGE)], cwd=ROOT, env=env, text=True,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.version = self._answer(60)

    def _answer(self, timeout):
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        line = self.proc.stdout.readline() if ready else ""
        if not line:
            raise RuntimeError(f"firefox bridge: no answer in {timeout} s (exit code {self.proc.poll()})")
        msg = json.loads(line)
        if "error" in msg:
            raise RuntimeError(f"firefox: {msg['error']}")
        return msg["ok"]

    def _call(self, cmd, timeout=60, **kw):
        self.proc.stdin.write(json.dumps({"cmd": cmd, **kw}) + "\n")
        self.proc.stdin.flush()
        return self._answer(timeout)

    def size(self, width, height):
        self._call("size", width=width, height=height)

    def goto(self, url):
        self._call("goto", url=url)

    def run(self, fn, arg=None):
        return self._call("run", fn=fn, arg=arg)

    def click(self, selector):
        self._call("click", selector=selector)

    def press(self, key):
        self._call("press", key=key)

    def back(self):
        self._call("back")

    def url(self):
        return self._call("url")

    def errors(self):
        return self._call("errors")

    def screenshot(self, path):
        self._call("screenshot", path=str(path))

    def fresh(self):
        self._call("fresh")

    def close(self):
        try:
            self.proc.stdin.write(json.dumps({"cmd": "quit"}) + "\n")
            self.proc.stdin.close()
            self.proc.wait(20)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()


def start(name: str, playwright_browser=None) -> Engine:
    hint = missing(name)
    if hint:
        raise RuntimeError(f"{hint}; or leave it out with TEST_ENGINES (see tests/engines.py)")
    if name == "chromium":
        return Chromium(playwright_browser)
    return WebKit() if name == "webkit" else Firefox()
