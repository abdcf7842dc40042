"""In a real browser: a cluster's website on an allowed origin can frame the widgets, any
other site cannot; the widgets and the open-data page are accessible and keep their CSP."""

import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def outside_site(tmp_path):
    """Start a small web server on 127.0.0.1 (its own origin) serving a page with an iframe."""
    servers = []

    def start(embed_url):
        root = tmp_path / f"site{len(servers)}"
        root.mkdir()
        (root / "index.html").write_text(
            "<!DOCTYPE html><html lang='en'><head><title>A cluster's website</title></head>"
            f"<body><h1>Our members</h1><iframe src='{embed_url}' title='Members'"
            " width='600' height='400'></iframe></body></html>",
            encoding="utf-8",
        )
        handler = partial(SimpleHTTPRequestHandler, directory=str(root))
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def _framed_heading(page):
    frame = next(frame for frame in page.frames if frame is not page.main_frame)
    return frame, frame.locator("h1")


def test_an_allowed_origin_can_frame_the_widget_and_another_cannot(
    page, site, settings, outside_site
):
    embed = f"{site}/embed/directory/?cluster=clm"
    allowed = outside_site(embed)
    other = outside_site(embed)
    settings.EMBED_ALLOWED_ORIGINS = [allowed]

    page.goto(f"{allowed}/index.html")
    frame, heading = _framed_heading(page)
    expect(heading).to_have_text("Members of CLM")
    expect(frame.get_by_role("link", name="See all")).to_have_attribute("target", "_blank")

    page.goto(f"{other}/index.html")
    page.wait_for_load_state("load")
    page.wait_for_timeout(500)
    frame, heading = _framed_heading(page)
    # Chromium replaces a refused frame with its own error page: no widget content.
    assert frame.url.startswith("chrome-error://")
    expect(heading).not_to_have_text("Members of CLM")


def test_a_normal_page_cannot_be_framed_even_by_an_allowed_origin(
    page, site, settings, outside_site
):
    allowed = outside_site(f"{site}/directory/")
    settings.EMBED_ALLOWED_ORIGINS = [allowed]
    page.goto(f"{allowed}/index.html")
    page.wait_for_load_state("load")
    page.wait_for_timeout(500)
    frame, heading = _framed_heading(page)
    assert frame.url.startswith("chrome-error://")
    expect(heading).not_to_have_text("SME directory")


@pytest.mark.parametrize(
    "path", ["/embed/directory/?cluster=clm", "/embed/events/?cluster=clm", "/open-data/"]
)
def test_widgets_and_open_data_are_accessible_and_keep_their_csp(
    page, site, axe, console_messages, path
):
    page.goto(f"{site}{path}")
    expect(page.locator("h1")).to_be_visible()
    assert serious_violations(axe.run(page)) == []
    assert console_messages == []
