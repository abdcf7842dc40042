"""The interactive docs at /api/v1/docs/: local files only, no inline script, and it works
in a real browser under the site's strict CSP."""

import re

import pytest
from django.contrib.staticfiles import finders
from playwright.sync_api import expect

from tests.browser.helpers import serious_violations

from .conftest import API

DOCS = API + "/docs/"

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__cspViolations.push(event.violatedDirective + ' ' + event.blockedURI);
});
"""


@pytest.mark.django_db
def test_docs_page_loads_nothing_from_elsewhere_and_has_no_inline_script(client):
    response = client.get(DOCS)
    assert response.status_code == 200
    html = response.content.decode()
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", html, flags=re.S)
    assert scripts and all('src="/static/' in attrs and not body.strip() for attrs, body in scripts)
    assert re.findall(r'(?:src|href)="(https?:)?//', html) == []
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "/static/api/docs.js" in html
    for asset in ("ninja/swagger-ui-bundle.js", "ninja/swagger-ui.css", "api/docs.js"):
        assert finders.find(asset), asset  # shipped with the code, collected by collectstatic


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_docs_work_in_a_browser_under_the_csp(page, live_server, api_world, console_messages, axe):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(live_server.url + DOCS)
    operation = page.locator("#operations-default-api_views_sectors")
    expect(operation).to_be_visible()
    # The list of operations as it loads (Swagger UI's colours darkened in api/docs.css).
    assert serious_violations(axe.run(page)) == []
    operation.locator(".opblock-summary").click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    expect(
        page.locator(".live-responses-table tr.response .response-col_status").first
    ).to_have_text("200")
    expect(page.locator(".live-responses-table")).to_contain_text("t-mobility")
    assert page.evaluate("window.__cspViolations") == []
    assert console_messages == []
    assert requests and all(url.startswith(live_server.url) for url in requests), requests
