"""Locks a built page down: a Content-Security-Policy meta tag with the hashes of the site's own
inline scripts, no referrer on outbound links, and the quick-exit skip link first in <body>; and
says what on a page can't be published (problems).

Security by allow-list: the policy allows by hash only the inline scripts the build knows by
name (OWN_SCRIPTS: the theme's and ours, each recognised by its text), and pages may load only
the site's own script files (OWN_SCRIPT_FILES). Anything else, an inline script, an event
handler attribute (onclick=...), a javascript: address or a resource from another host, is
reported by problems(), which stops the build: a pasted tracking or embed snippet is refused,
never blessed. Plain HTML for layout (div, span, details, tables, ...) stays free.

The page is read by an HTML parser (htmlscan.py); changes splice the original text, so what
they don't touch stays as the engine wrote it. A plain module (no MkDocs import): the
post-build step (postbuild.py) and the tests use it.
"""
from __future__ import annotations

import base64
import functools
import hashlib
import posixpath
import re
from html.parser import attrfind_tolerant
from urllib.parse import urlsplit

from sitebuild import htmlscan

# The site's own inline scripts, by name: where each comes from, and its text, in which `{base}`
# stands for the one part that changes from page to page (the quoted path to the site's root).
# Upgrading the theme may change them: the build then stops, naming the page and the script;
# check the new text in the theme's templates and update it here.
OWN_SCRIPTS = {
    "material-scope": (
        "Material 9.8.2, base.html: where the theme's own settings live (__md_scope)",
        '__md_scope=new URL({base},location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_'
        '.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem('
        't.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem('
        'a.pathname+"."+e,JSON.stringify(_))}catch(e){}}'),
    "zensical-scope": (
        "Zensical 0.0.73: the same, for Zensical's theme",
        '__md_scope=new URL({base},location),__md_scope.pathname.endsWith("/")||(__md_scope='
        'new URL(__md_scope.pathname+"/",location)),__md_hash=e=>[...e].reduce(((e,t)=>(e<<5)'
        '-e+t.charCodeAt(0)),0),__md_get=(e,t=localStorage,_=__md_scope)=>JSON.parse(t.getItem'
        '(_.pathname+"."+e)),__md_set=(e,t,_=localStorage,a=__md_scope)=>{try{_.setItem('
        'a.pathname+"."+e,JSON.stringify(t))}catch(e){}},document.documentElement.setAttribute'
        '("data-platform",navigator.platform)'),
    "theme-tabs": (
        "Material 9.8.2 and Zensical, base.html: opens the content tab the address names",
        'var target=document.getElementById(location.hash.slice(1));target&&target.name&&'
        '(target.checked=target.name.startsWith("__tabbed_"))'),
    "ns-js-class": (
        "ours, overrides/partials/ns-head-safety.html: no-js -> js before the first paint",
        'document.documentElement.classList.replace("no-js","js")'),
}
_OWN = {name: re.compile(re.escape(text).replace(re.escape("{base}"), r'"[A-Za-z0-9_./-]*"'))
        for name, (_, text) in OWN_SCRIPTS.items()}
# The script files pages may load, from the site itself (each language's copy under Zensical):
# the theme's bundle, and ours (overrides/assets/site/, minified by mkdocs-minify-plugin): `site`
# is the one every page runs (quick exit, Material's loader, tools: sitebuild/js_bundle.py);
# present.js is fetched by tools.js when a teacher presses "Present", and checker-results.js (the
# checker's results, beside its page: checker_split.py) by checker.js at the first answer
# (script-src 'self').
OWN_SCRIPT_FILES = re.compile(
    r"(?:[a-z]{2}/)?assets/(?:javascripts/bundle\.[0-9a-f]{8}\.min\.js|site/(?:"
    r"site|checker|present|quiz)(?:\.min)?\.js|site/iframe-worker-shim\.js)"
    r"|(?:[^/]+/)*checker-results\.js")
_JS_TYPES = {"", "text/javascript", "application/javascript", "module"}
# Attributes whose value is an address the browser fetches or follows, per element ("*": any).
_URL_ATTRS = {"href", "src", "srcset", "action", "formaction", "data", "poster", "background",
              "cite", "ping", "xlink:href", "manifest", "codebase", "longdesc", "icon"}
# Elements that fetch what their address points at as the page loads (or, for <a ping>, when
# followed): from another host, each is a request the site promises never to make.
_FETCHES = {"script": ("src",), "img": ("src", "srcset"), "source": ("src", "srcset"),
            "iframe": ("src",), "frame": ("src",), "embed": ("src",), "object": ("data",),
            "audio": ("src",), "video": ("src", "poster"), "track": ("src",),
            "input": ("src",), "image": ("href", "xlink:href"), "use": ("href", "xlink:href"),
            "feimage": ("href", "xlink:href"), "form": ("action",), "button": ("formaction",),
            "a": ("ping",), "area": ("ping",), "body": ("background",), "table": ("background",)}
# <link rel> values that only name a page (no fetch by any browser): canonical and alternate
# (hreflang) point at the site's public address. Every other rel may be fetched.
_LINK_NAMES_ONLY = {"canonical", "alternate"}
# Elements the policy blocks outright.
_BLOCKED = {"iframe": "an <iframe> (the policy allows no frames: link to the page instead)",
            "frame": "a <frame> (the policy allows no frames)",
            "object": "an <object> (the policy allows no plugins)",
            "embed": "an <embed> (the policy allows no plugins)",
            "applet": "an <applet> (the policy allows no plugins)",
            "base": "a <base> element (it would change where every link leads)",
            "style": "a <style> element (the policy allows stylesheets from the site only: put "
                     "CSS in overrides/assets/site/)"}
# A placeholder or marker the build did not replace, left as text in the final page.
_LEFT = re.compile(r"\{\{.*?\}\}|\{\{|\}\}|\{%.*?%\}", re.S)
_MARKER_LEFT = re.compile(r"^\s*ns\s*:", re.I)
_CSP = "content-security-policy"
# A stylesheet that the theme's own script writes into a <style> element, from a string in its
# bundle: Zensical 0.0.73's search dialog does, in its shadow root (`C("style",{},Tc.toString())`
# with `Tc='...'`). Material 9.8.2's script writes none.
_SCRIPT_STYLE = re.compile(r'\b\w+\("style",\{\},([A-Za-z_$][\w$]*)(?:\.toString\(\))?\)')
_JS_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)", re.S)
_SEARCH = re.compile(r'"search":\s*"([^"]+)"')


def sha256(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _runs(tag: htmlscan.Tag) -> bool:
    """An inline script the browser runs: no src, and a JavaScript type (or none)."""
    return not tag.has("src") and (tag.get("type") or "").strip().lower() in _JS_TYPES


def own_script(text: str) -> str | None:
    """The name of the site's own inline script `text` is, or None (OWN_SCRIPTS)."""
    return next((name for name, pattern in _OWN.items() if pattern.fullmatch(text)), None)


def inline_scripts(html: str | htmlscan.Page) -> list[str]:
    """The text of every inline script the browser would run, known or not."""
    page = html if isinstance(html, htmlscan.Page) else htmlscan.read(html)
    return [tag.body or "" for tag in page.all("script") if _runs(tag)]


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
    return list(_script_styles(js))


@functools.lru_cache(maxsize=4)   # every page of a build asks about the same script
def _script_styles(js: str) -> tuple[str, ...]:
    out = []
    for m in _SCRIPT_STYLE.finditer(js):
        name = re.escape(m.group(1))
        literal = re.search(r"(?:^|[,;\s{(])" + name + r"='((?:[^'\\]|\\.)*)'", js)
        if literal:
            out.append(_JS_ESCAPE.sub(_unescape, literal.group(1)))
    return tuple(out)


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


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme.lower(), (parts.netloc or "").lower()


def _foreign(url: str, site_url: str) -> bool:
    """An address on another host than the site's (relative addresses are the site's)."""
    url = url.strip()
    if not (url.startswith("//") or re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", url)):
        return False
    scheme = urlsplit(url).scheme.lower()
    if scheme in ("data", "blob", "about", "mailto", "tel", "sms"):
        return False
    own = _origin(site_url) if site_url else None
    return _origin(url if not url.startswith("//") else "https:" + url)[1] != (own or ("", ""))[1]


def _script_url(url: str) -> bool:
    """A javascript: (or vbscript:) address, written as browsers read it: they drop tabs and
    newlines anywhere in it and spaces before it."""
    cleaned = re.sub(r"[\t\n\r]", "", url).lstrip("\x00- ").lower()
    return cleaned.startswith(("javascript:", "vbscript:", "data:text/html"))


def _urls(name: str, value: str) -> list[str]:
    if name == "srcset":
        return [part.strip().split(" ")[0] for part in value.split(",") if part.strip()]
    if name == "ping":
        return value.split()
    return [value]


def _short(text: str, size: int = 90) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= size else text[: size - 1] + "…"


def outbound(page: htmlscan.Page, site_url: str) -> list[tuple[int, int, str]]:
    """Edits that give every link to another site rel="noopener noreferrer" (kept with any rel
    it had), as (start, end, new text) over the page."""
    own = site_url.rstrip("/") + "/" if site_url else None
    edits = []
    for tag in page.all("a"):
        href = tag.get("href")
        if not href or not re.match(r"https?://", href, re.I) or (own and href.startswith(own)):
            continue
        rel = tag.get("rel")
        if rel is None:
            end = tag.end - (2 if tag.raw.endswith("/>") else 1)
            edits.append((end, end, ' rel="noopener noreferrer"'))
            continue
        tokens = rel.split()
        missing = [t for t in ("noopener", "noreferrer") if t not in tokens]
        if missing:
            start, end = _attribute_span(tag.raw, "rel")
            new = f'rel="{" ".join(tokens + missing)}"'
            edits.append((tag.start + start, tag.start + end, new))
    return edits


def _attribute_span(raw: str, name: str) -> tuple[int, int]:
    """Where attribute `name` is written in a start tag, found by html.parser's own attribute
    tokenizer (the one that read the tag)."""
    after_name = re.match(r"<[^\s/>]+", raw).end()
    for m in attrfind_tolerant.finditer(raw, after_name):
        if m.group(1) and m.group(1).lower() == name:
            return m.start(1), m.end(2) if m.group(2) else m.end(1)
    raise ValueError(f"no {name} attribute in {raw}")


def _splice(html: str, edits) -> str:
    for start, end, text in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        html = html[:start] + text + html[end:]
    return html


def lock_down(html: str, *, site_url: str = "", shim: str | None = None,
              styles: list[str] = (), page: htmlscan.Page | None = None) -> str:
    """Everything above, on one page's final HTML: the quick-exit skip link first in <body>,
    rel on outbound links, and the policy first in <head>, with the hashes of the site's own
    inline scripts only. `shim`: the iframe-worker source when the page may run its search
    worker from file:// (offline build); `styles`: what the theme's script writes into <style>
    elements (script_styles); `page`: `html` already read. Run twice, it gives the same page."""
    page = page or htmlscan.read(html)
    head = page.first("head")
    if head is None:
        raise ValueError("no <head> in page")
    edits = []
    for tag in page.all("meta"):  # the policy of an earlier run: replaced below
        if (tag.get("http-equiv") or "").lower() == _CSP:
            start = tag.start - 1 if html[tag.start - 1:tag.start] == "\n" else tag.start
            edits.append((start, tag.end, ""))
    edits += _move_skip_link(page)
    edits += outbound(page, site_url)
    hashes = [sha256(tag.body or "") for tag in page.all("script")
              if _runs(tag) and own_script(tag.body or "")]
    if shim is not None:
        config = next((tag for tag in page.all("script") if tag.get("id") == "__config"), None)
        worker = _SEARCH.search(config.body or "") if config else None
        if worker:
            hashes.append(sha256(iframe_worker_script(shim, worker.group(1))))
    style_hashes = [sha256(s) for s in styles]
    edits.append((head.end, head.end, "\n" + meta(policy(hashes, styles=style_hashes))))
    return _splice(html, edits)


def _move_skip_link(page: htmlscan.Page) -> list[tuple[int, int, str]]:
    """Put the quick-exit skip link first in <body>, before Material's own skip link."""
    body = page.first("body")
    link = next((tag for tag in page.all("a") if "ns-qe-skip" in (tag.get("class") or "").split()
                 and tag.close_end is not None), None)
    if not body or not link or link.start < body.end:
        return []
    html = page.html
    start = link.start
    while start > 0 and html[start - 1].isspace():
        start -= 1
    text = html[link.start:link.close_end]
    return [(start, link.close_end, ""), (body.end, body.end, "\n" + text)]


def problems(html: str | htmlscan.Page, *, site_url: str = "",
             site_path=None) -> list[str]:
    """What on a page can't be published, one line each: anything the policy would block or
    that would reach another host (see the top of this module), a placeholder or marker left
    as text, a style attribute, a missing or wrong quick exit. `site_path(href)`: the file of
    the site an address points at, or None when it points elsewhere (script files)."""
    page = html if isinstance(html, htmlscan.Page) else htmlscan.read(html)
    found = []
    configs = 0
    for tag in page.tags:
        name = tag.name
        if name == "script":
            src = tag.get("src")
            if src is not None:
                path = site_path(src) if site_path else src
                if _foreign(src, site_url):
                    found.append(f"a script from another host ({_short(tag.raw)})")
                elif path is None or not OWN_SCRIPT_FILES.fullmatch(posixpath.normpath(path)):
                    found.append(f"a script file that is not one of the site's own "
                                 f"({_short(tag.raw)}): see csp_policy.OWN_SCRIPT_FILES")
            elif tag.get("id") == "__config" and tag.get("type") == "application/json":
                configs += 1
                if configs > 1:
                    found.append("a second theme configuration (<script id=\"__config\">)")
            elif not own_script(tag.body or ""):
                found.append(f"an inline script that is not one of the site's own "
                             f"(<script>{_short(tag.body or '', 60)}</script>): the policy "
                             "blocks it; scripts belong in overrides/assets/site/")
        if name in _BLOCKED:
            found.append(f"{_BLOCKED[name]}: {_short(tag.raw)}")
        for attr, value in tag.attrs:
            if attr.startswith("on"):
                found.append(f"an event handler attribute, {attr}= ({_short(tag.raw)}): the "
                             "policy blocks it")
            elif attr == "style":
                found.append("a style=\"...\" attribute (style-src has no 'unsafe-inline'): "
                             f"{_short(tag.raw)}")
            elif value and attr in _URL_ATTRS and _script_url(value):
                found.append(f"a javascript: address ({_short(tag.raw)})")
        for attr in _FETCHES.get(name, ()):
            value = tag.get(attr)
            if value and any(_foreign(url, site_url) for url in _urls(attr, value)):
                found.append(f"a request to another host: {_short(tag.raw)}")
        if name == "link" and tag.get("href") and _foreign(tag.get("href"), site_url):
            rels = set((tag.get("rel") or "").lower().split())
            if not rels or not rels <= _LINK_NAMES_ONLY:
                found.append(f"a request to another host: {_short(tag.raw)}")
        if name == "meta" and (tag.get("http-equiv") or "").lower() == "refresh":
            found.append(f"a <meta> refresh (it sends the reader elsewhere): {_short(tag.raw)}")
        for attr, value in tag.attrs:
            if value and _LEFT.search(value):
                found.append(f"a placeholder left as text ({_short(_LEFT.search(value).group(0))}"
                             f") in {_short(tag.raw)}")
    for text in page.texts:
        m = _LEFT.search(text.text)
        if m:
            found.append(f"a placeholder left as text: {_short(m.group(0))}")
    for comment, _ in page.comments:
        if _MARKER_LEFT.match(comment):
            found.append(f"a marker left as a comment: <!--{_short(comment, 40)}-->")
    found += _quick_exit(page, site_url)
    return list(dict.fromkeys(found))


def _quick_exit(page: htmlscan.Page, site_url: str) -> list[str]:
    buttons = [tag for tag in page.all("a") if tag.get("data-quick-exit") == ""]
    if not buttons:
        return ["no quick exit control (data-quick-exit)"]
    out = []
    for tag in buttons:
        href = tag.get("href") or ""
        if not href.startswith("https://") or not _foreign(href, site_url):
            out.append(f"the quick exit leads to {href!r}: it must be an https:// address on "
                       "another site (extra.quick_exit_url in mkdocs.yml)")
    return out
