"""Locks a built page down: a Content-Security-Policy meta tag with the hashes of the page's own
inline scripts, no referrer on outbound links, and the quick-exit skip link first in <body>.

A plain module (no MkDocs import): the post-build step (postbuild.py) and the tests use it.
"""
from __future__ import annotations

import base64
import hashlib
import re

# Executed inline scripts: no src, and a JavaScript type (or none). application/json (Material's
# __config) is data, never run, so it needs no hash.
_SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
_JS_TYPES = {"", "text/javascript", "application/javascript", "module"}
_HEAD = re.compile(r"<head\b[^>]*>", re.I)
_BODY = re.compile(r"<body\b[^>]*>", re.I)
_SKIP = re.compile(r"\s*<a\b[^>]*\bclass=\"ns-qe-skip\"[^>]*>.*?</a>", re.S)
_A = re.compile(r"<a\b[^>]*>", re.I)
_HREF = re.compile(r"""\bhref\s*=\s*["'](https?://[^"']+)["']""", re.I)
_REL = re.compile(r"""\brel\s*=\s*["']([^"']*)["']""", re.I)
_STYLE_ATTR = re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I)
_META = re.compile(r'\n?<meta http-equiv="Content-Security-Policy" content="[^"]*">')
# A stylesheet that the theme's own script writes into a <style> element, from a string in its
# bundle: Zensical 0.0.73's search dialog does, in its shadow root (`C("style",{},Tc.toString())`
# with `Tc='...'`). Material 9.8.2's script writes none.
_SCRIPT_STYLE = re.compile(r'\b\w+\("style",\{\},([A-Za-z_$][\w$]*)(?:\.toString\(\))?\)')
_JS_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)", re.S)
_CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)
_SEARCH = re.compile(r'"search":\s*"([^"]+)"')


def sha256(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def inline_scripts(html: str) -> list[str]:
    out = []
    for m in _SCRIPT.finditer(html):
        attrs = m.group("attrs")
        if re.search(r"\bsrc\s*=", attrs, re.I):
            continue
        t = _TYPE.search(attrs)
        if (t.group(1).lower() if t else "") in _JS_TYPES:
            out.append(m.group("body"))
    return out


def iframe_worker_script(shim: str, worker_url: str) -> str:
    """The inline script that the vendored iframe-worker shim (offline build, file://) writes
    into its about:blank iframe, which inherits this page's policy. It embeds the source text of
    two functions of the shim (Function.prototype.toString gives it back verbatim) and the worker
    URL from the page's config, so its hash is known at build time."""
    funcs = {}
    for name in ("c", "d"):
        start = shim.index(f"function {name}(")
        depth, i = 0, shim.index("{", start)
        while True:
            depth += {"{": 1, "}": -1}.get(shim[i], 0)
            i += 1
            if depth == 0:
                break
        funcs[name] = shim[start:i]
    return (f"postMessage={funcs['c']};importScripts={funcs['d']};"
            'addEventListener("error",({error})=>{parent.dispatchEvent(new ErrorEvent("error",'
            f'{{filename:"{worker_url}",error}}))}})')


def script_styles(js: str) -> list[str]:
    """The stylesheets a theme's script puts into <style> elements (see _SCRIPT_STYLE), as text,
    so the policy can allow exactly them by hash."""
    out = []
    for m in _SCRIPT_STYLE.finditer(js):
        name = re.escape(m.group(1))
        literal = re.search(r"(?:^|[,;\s{(])" + name + r"='((?:[^'\\]|\\.)*)'", js)
        if literal:
            out.append(_JS_ESCAPE.sub(_unescape, literal.group(1)))
    return out


def _unescape(m) -> str:
    code = m.group(1)
    if code[0] in "ux" and len(code) > 1:
        return chr(int(code[1:], 16))
    return {"n": "\n", "t": "\t", "r": "\r", "0": "\0"}.get(code, code)


def policy(hashes: list[str], *, frames: bool = False, styles: list[str] = ()) -> str:
    """The policy itself. frame-src: the offline shim runs the search worker in an about:blank
    iframe; about:blank isn't fetched, so no frame source is needed even then. `styles`: hashes
    of the theme script's own stylesheets (none under MkDocs)."""
    script = " ".join(["'self'", *sorted(set(hashes))])
    style = " ".join(["'self'", *sorted(set(styles))])
    return "; ".join([
        "default-src 'none'",
        f"script-src {script}",
        f"style-src {style}",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "manifest-src 'self'",
        "frame-src 'self'" if frames else "frame-src 'none'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'none'",
    ])


# What a <meta> tag can't do, as HTTP headers for hosts that read a `_headers` file (Netlify,
# Cloudflare Pages). A second CSP only adds restrictions: the page's meta policy still applies.
HEADERS = """\
/*
  Content-Security-Policy: frame-ancestors 'none'; object-src 'none'; base-uri 'self'
  X-Frame-Options: DENY
  X-Content-Type-Options: nosniff
  Referrer-Policy: no-referrer
  Permissions-Policy: camera=(), microphone=(), geolocation=()
  Cross-Origin-Opener-Policy: same-origin
"""


def meta(content: str) -> str:
    return f'<meta http-equiv="Content-Security-Policy" content="{content}">'


def outbound_rel(html: str, site_url: str) -> str:
    """rel="noopener noreferrer" on every link to another site (kept with any rel it had)."""
    own = site_url.rstrip("/") + "/" if site_url else None

    def fix(m):
        tag = m.group(0)
        href = _HREF.search(tag)
        if not href or (own and href.group(1).startswith(own)):
            return tag
        rel = _REL.search(tag)
        if rel:
            tokens = rel.group(1).split()
            tokens += [t for t in ("noopener", "noreferrer") if t not in tokens]
            return tag[:rel.start()] + f'rel="{" ".join(tokens)}"' + tag[rel.end():]
        return tag[:-1] + ' rel="noopener noreferrer">'

    return _A.sub(fix, html)


def move_skip_link(html: str) -> str:
    """Put the quick-exit skip link first in <body>, before Material's own skip link."""
    m = _SKIP.search(html)
    body = _BODY.search(html)
    if not m or not body or m.start() < body.end():
        return html
    link = m.group(0).strip()
    html = html[:m.start()] + html[m.end():]
    return html[:body.end()] + "\n" + link + html[body.end():]


def lock_down(html: str, *, site_url: str = "", shim: str | None = None,
              styles: list[str] = ()) -> str:
    """Everything above, on one page's final HTML. `shim`: the iframe-worker source when the
    page may run its search worker from file:// (offline build); `styles`: what the theme's
    script writes into <style> elements (script_styles). Run twice, it gives the same page."""
    html = _META.sub("", html, count=1)
    html = move_skip_link(html)
    html = outbound_rel(html, site_url)
    hashes = [sha256(s) for s in inline_scripts(html)]
    if shim is not None:
        config = _CONFIG.search(html)
        worker = _SEARCH.search(config.group(1)) if config else None
        if worker:
            hashes.append(sha256(iframe_worker_script(shim, worker.group(1))))
    head = _HEAD.search(html)
    if not head:
        raise ValueError("no <head> in page")
    style_hashes = [sha256(s) for s in styles]
    return html[:head.end()] + "\n" + meta(policy(hashes, styles=style_hashes)) + html[head.end():]


def problems(html: str) -> list[str]:
    """What the policy can't allow, for the build to stop with a clear message."""
    found = []
    if _STYLE_ATTR.search(html):
        found.append("a style=\"...\" attribute (style-src has no 'unsafe-inline')")
    if "data-quick-exit" not in html:
        found.append("no quick exit control (data-quick-exit)")
    return found
