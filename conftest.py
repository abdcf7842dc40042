"""Shared test fixtures: settings for tests, factories' database access, the browser."""

import os
import shutil

import pytest
from django.conf import settings as settings_module
from django.utils import translation

# Playwright's sync API runs an event loop in the test thread; Django's ORM must be
# allowed to run there (browser tests only talk to live_server over HTTP).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_PATH = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    # No collectstatic in tests: plain storage serves files from the finders.
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.MEDIA_ROOT = str(tmp_path / "media")
    # Emails are sent at once into django.core.mail.outbox; the database worker is
    # exercised by the tests that name it.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    # A thread's database connection would not see the test's transaction: fragments are
    # rendered on the request (tests of the background refresh switch it back on).
    settings.FRAGMENTS_REFRESH_IN_BACKGROUND = False
    settings.CACHES = {
        alias: {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"test-{alias}-{tmp_path.name}",
        }
        for alias in ("default", "pages", "ratelimit")
    }
    settings.SECURE_SSL_REDIRECT = False


@pytest.fixture(autouse=True)
def _english_active():
    # LocaleMiddleware leaves the language of the last request active in the thread; a test
    # that visits /it/ must not turn the next test's reverse() into /it/ URLs.
    translation.activate(settings_module.LANGUAGE_CODE)
    yield
    translation.activate(settings_module.LANGUAGE_CODE)


@pytest.fixture
def demo_content(db):
    """The demo content `make run` loads."""
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)


# ---- Browser (pytest-playwright on Debian's chromium) ----------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not (os.path.exists(CHROMIUM_PATH) or shutil.which(CHROMIUM_PATH)):
        # Never skip: a missing browser is a broken test environment (`make test`
        # installs Debian's chromium).
        pytest.fail(
            f"Chromium not found at {CHROMIUM_PATH}: install Debian's 'chromium' package "
            "or set CHROMIUM to its path.",
            pytrace=False,
        )
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM_PATH,
        "headless": True,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture
def console_messages(page):
    """Every console error and page error seen while the test runs."""
    messages = []
    page.on(
        "console",
        lambda message: messages.append(message.text) if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: messages.append(str(error)))
    return messages


@pytest.fixture
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture
def past_the_page_cache():
    """A function giving a new anonymous visitor who skips the whole-page cache: it carries a
    session cookie of no session, so the view runs for every request (and sees no draft)."""
    from django.conf import settings
    from django.test import Client

    def visitor():
        client = Client()
        client.cookies[settings.SESSION_COOKIE_NAME] = "no-such-session"
        return client

    return visitor
