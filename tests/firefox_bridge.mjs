// Firefox for the Python tests (tests/engines.py): Debian's firefox-esr over WebDriver BiDi,
// driven by puppeteer-core (npm, pinned in package.json; it never downloads a browser).
// One browser and one tab for the whole session. Reads one JSON command a line on stdin,
// {"cmd": "...", ...}, and answers each with one JSON line on stdout: {"ok": value} or
// {"error": "message"}. The tests' logic stays in Python; this only relays.
import { createInterface } from "node:readline";
import puppeteer from "puppeteer-core";

const browser = await puppeteer.launch({
  browser: "firefox",
  executablePath: process.env.FIREFOX_PATH || "/usr/bin/firefox-esr",
  headless: true,
  // A fresh profile each run (puppeteer makes one). No Fullscreen API: puppeteer runs scripts
  // with a user activation, so the slides' requestFullscreen() would succeed, and a page in
  // full screen takes the whole virtual screen, not the size under test, and stops following
  // setViewport. (Chromium's tests cover entering and leaving full screen.)
  extraPrefsFirefox: { "full-screen-api.enabled": false },
});
let page = await browser.newPage();
let errors = [];

function watch(p) {
  p.on("console", (m) => { if (m.type() === "error") errors.push(`${p.url()}: ${m.text()}`); });
  p.on("pageerror", (e) => errors.push(`${p.url()}: ${e.message || e}`));
}
watch(page);

const commands = {
  async size({ width, height }) { await page.setViewport({ width, height }); },
  async goto({ url }) { await page.goto(url, { waitUntil: "load" }); },
  // `fn` is a function's source, called with `arg` (JSON) in the page; a promise is awaited.
  async run({ fn, arg }) { return page.evaluate(`(${fn})(${JSON.stringify(arg ?? null)})`); },
  async click({ selector }) { await page.click(selector); },
  async press({ key }) { await page.keyboard.press(key); },
  // A step back inside one page (the checker's history entries) fires no "load": wait for it a
  // moment at most; the tests then wait for what they expect to see.
  async back() {
    await Promise.race([page.goBack({ waitUntil: "load" }).catch(() => {}),
                        new Promise((resolve) => setTimeout(resolve, 1500))]);
  },
  // The address the tab shows: on Firefox's error page (a site it can't reach), the one it
  // tried, as its address bar does, not about:neterror.
  async url() {
    // The document's own address: puppeteer's page.url() keeps the last one it saw navigated to,
    // and a page restored from Firefox's back/forward cache by Back is not such a navigation.
    let url;
    try { url = await page.evaluate(() => location.href); } catch { url = page.url(); }
    return url.startsWith("about:neterror?") ? new URL(url).searchParams.get("u") : url;
  },
  async errors() { const out = errors; errors = []; return out; },
  async screenshot({ path }) { await page.screenshot({ path }); },
  // A new tab, the old one closed: a history of its own (the quick-exit tests count Back).
  async fresh() {
    const old = page;
    const { width, height } = old.viewport() || {};
    page = await browser.newPage();
    watch(page);
    if (width) await page.setViewport({ width, height });
    await old.close();
  },
};

const lines = createInterface({ input: process.stdin });
process.stdout.write(JSON.stringify({ ok: await browser.version() }) + "\n");
for await (const line of lines) {
  const msg = JSON.parse(line);
  if (msg.cmd === "quit") break;
  let answer;
  try {
    answer = { ok: (await commands[msg.cmd](msg)) ?? null };
  } catch (e) {
    answer = { error: String(e && e.message || e) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
}
await browser.close();
