"""Session fixtures: the site is built once (strict) and served on loopback once.

To run tests on a folder built another way (e.g. by Zensical, for a look by hand), build it with
SITE_URL=http://127.0.0.1:PORT/ and set TEST_SITE=folder TEST_SITE_PORT=PORT: it is served as is.
"""
import os
import tempfile
from pathlib import Path

import pytest

import engines
from support import build, chromium_path, free_port, serve, CHROMIUM_ARGS

# A test that uses one of these needs a browser (Chromium, or any engine): marked `browser`, so that `make check` (the
# Pages workflow's gate) can run every other test without one (`pytest -m "not browser"`).
BROWSER_FIXTURES = {"page", "context", "browser", "playwright_instance", "engine"}


def pytest_collection_modifyitems(items):
    for item in items:
        if BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def site_port():
    return int(os.environ.get("TEST_SITE_PORT") or free_port())


@pytest.fixture(scope="session")
def site_dir(site_port, tmp_path_factory):
    """The site as a host serves it at its root, built once for the whole session."""
    if os.environ.get("TEST_SITE"):
        return Path(os.environ["TEST_SITE"]).resolve()
    dest = tmp_path_factory.mktemp("site")
    build(dest, f"http://127.0.0.1:{site_port}/")
    return dest


@pytest.fixture(scope="session")
def base_url(site_dir, site_port):
    with serve(site_dir, site_port) as url:
        yield url


@pytest.fixture(scope="session")
def playwright_instance():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright_instance):
    b = playwright_instance.chromium.launch(executable_path=chromium_path(), headless=True,
                                            args=CHROMIUM_ARGS)
    yield b
    b.close()


@pytest.fixture(scope="session")
def bfcache_browser(playwright_instance):
    """Chromium with its back/forward cache on (Playwright turns it off by default)."""
    b = playwright_instance.chromium.launch(executable_path=chromium_path(), headless=True,
                                            args=CHROMIUM_ARGS,
                                            ignore_default_args=["--disable-back-forward-cache"])
    yield b
    b.close()


@pytest.fixture
def context(browser):
    """A fresh browser profile per test: no cache, no storage carried over."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture(scope="session", params=engines.wanted())
def engine(request):
    """One session of each engine (Chromium, WebKit, Firefox: tests/engines.py) for every test
    that takes this fixture; pytest runs such tests engine by engine."""
    browser = request.getfixturevalue("browser") if request.param == "chromium" else None
    e = engines.start(request.param, browser)
    yield e
    e.close()
