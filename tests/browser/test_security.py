"""In a real browser, no page breaks its own Content-Security-Policy."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/",
    "/about/",
    "/clusters/",
    "/directory/",
    "/skills-map/",
    "/events/",
    "/questionnaire/",
    "/no-such-page/",
    "/admin/login/",
    "/it/",
]

# Runs before any page script (Playwright injects it outside the page's CSP) and records
# every violation the browser reports, including ones that print nothing to the console.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__cspViolations.push(event.violatedDirective + ' ' + event.blockedURI);
});
"""


def detail_pages():
    """One page of each detail kind from the demo content (maps, JSON-LD, embeds)."""
    from clusters.models import Cluster, Company
    from events.models import Event, Speaker

    event = Event.objects.filter(status=Event.Status.PUBLISHED).order_by("-start").first()
    speaker = Speaker.objects.filter(talks__session__event=event).first()
    pages = [
        Company.objects.published().order_by("name").first().get_absolute_url(),
        Cluster.objects.filter(is_partner=True).order_by("name").first().get_absolute_url(),
        event.get_absolute_url(),
        "/questionnaire/step/company/",
        "/directory/?q=mobility&sort=name",
        "/skills-map/?by=country",
    ]
    if speaker is not None:
        pages.append(speaker.get_absolute_url())
    return pages


def test_no_page_violates_the_content_security_policy(page, site, console_messages):
    page.add_init_script(RECORD_VIOLATIONS)
    for path in PAGES:
        response = page.goto(site + path)
        assert response.status in (200, 404), path
        assert "script-src" in response.headers["content-security-policy"]
        expect(page.locator("main, #content").first).to_be_visible()
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__cspViolations") == [], path
    # Chrome logs the 404 status of the not-found page itself; anything else is a failure.
    assert [m for m in console_messages if "status of 404" not in m] == []


def test_detail_pages_keep_to_the_content_security_policy(page, site, console_messages):
    page.add_init_script(RECORD_VIOLATIONS)
    for path in detail_pages():
        response = page.goto(site + path)
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__cspViolations") == [], path
    assert console_messages == []


def test_the_violation_recorder_really_sees_violations(page, site):
    # Guards the test above: an injected inline script must be blocked and recorded.
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(site + "/about/")
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.__ran = true'; document.body.appendChild(s); }"
    )
    page.wait_for_function("window.__cspViolations.length > 0")
    assert page.evaluate("window.__ran === undefined")
    assert any("script-src" in v for v in page.evaluate("window.__cspViolations"))


def test_admin_login_is_accessible(page, site, axe):
    page.goto(site + "/admin/login/")
    expect(page.get_by_label("Username")).to_be_visible()
    assert serious_violations(axe.run(page)) == []


def test_lockout_after_five_failed_admin_logins_is_clear(
    page, site, console_messages, axe, django_user_model
):
    django_user_model.objects.create_superuser("curator", "c@example.org", "Vision-Zero-2022!")
    page.add_init_script(RECORD_VIOLATIONS)
    for _ in range(5):
        page.goto(site + "/admin/login/")
        page.get_by_label("Username").fill("curator")
        page.get_by_label("Password").fill("not the password")
        page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Too many failed sign-in attempts")
    expect(page.get_by_role("alert")).to_contain_text("15 minutes")
    assert page.evaluate("window.__cspViolations") == []
    assert serious_violations(axe.run(page)) == []
    # Chrome logs the lockout page's 429 status; nothing else may appear.
    assert [m for m in console_messages if "status of 429" not in m] == []
