"""The questionnaire in a real browser: an SME fills every step, leaves, resumes from the
emailed link and submits; a curator approves it in the admin; the company is in the
directory with its offerings and competencies."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from playwright.sync_api import expect

from clusters.models import Competency
from tests.browser.helpers import serious_violations
from tests.surveys.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COMPANY = "Demo Journey Mobility Srl"


def _next(page):
    page.get_by_role("button", name=re.compile("^Save and (continue|review)$")).click()


def test_intro_and_first_step_are_accessible(page, site, axe, console_messages):
    page.goto(site + "/questionnaire/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Competency questionnaire")
    assert serious_violations(axe.run(page)) == []
    page.get_by_role("link", name="Start the questionnaire").click()
    expect(page.get_by_role("heading", level=2, name=re.compile("Step 1 of"))).to_be_visible()
    assert serious_violations(axe.run(page)) == []
    assert console_messages == []


def test_sme_fills_leaves_resumes_submits_and_curator_approves(
    page, browser, site, axe, console_messages
):
    competency = (
        Competency.objects.select_related("area").order_by("area__position", "position").first()
    )

    # Step 1: the company.
    page.goto(site + "/questionnaire/")
    page.get_by_role("link", name="Start the questionnaire").click()
    page.get_by_label("Your email address").fill("journey@example.com")
    page.get_by_label("Company name").fill(COMPANY)
    page.get_by_label("VAT or registration number").fill("IT99999999999")
    page.get_by_label("Website").fill("https://journey.example.com")
    page.get_by_label("Country").select_option("IT")
    page.get_by_label("City").fill("Milan")
    page.get_by_label("Founding year").fill("2016")
    page.get_by_label("Number of employees").select_option("small")
    page.get_by_label("CLM – Lombardy Mobility Cluster (Cluster Lombardo della Mobilità)").check()
    page.get_by_label("Short description").fill("Fictional demo SME for the browser journey.")
    _next(page)

    # Step 2: two offerings, the second added with JavaScript.
    expect(page.get_by_role("heading", name=re.compile("Products and services"))).to_be_visible()
    expect(page.get_by_label("Your link to continue later")).to_have_value(re.compile("/resume/"))
    page.locator("#id_offerings-0-kind").select_option("product")
    page.locator("#id_offerings-0-name").fill("Journey traffic counter")
    page.locator("#id_offerings-0-sector").select_option("mobility")
    page.get_by_role("button", name="Add another product or service").click()
    page.locator("#id_offerings-1-kind").select_option("service")
    page.locator("#id_offerings-1-name").fill("Journey data service")
    assert serious_violations(axe.run(page)) == []
    _next(page)

    # Step 3: a competency with a level (choosing the level ticks it).
    expect(page.get_by_role("heading", name=re.compile("Competencies"))).to_be_visible()
    page.get_by_label(f"Level for {competency.name}").select_option("expert")
    expect(page.get_by_label(competency.name, exact=True)).to_be_checked()
    _next(page)

    # Step 4: international activity.
    page.get_by_label("Share of turnover from exports").select_option("10-25")
    page.locator("#id_targets-0-country").select_option("MX")
    page.get_by_label("Yes", exact=True).check()
    page.get_by_label("Financing").check()
    _next(page)

    # Step 5: contact and consent.
    page.locator("#id_contact_name").fill("Journey Demo")
    page.locator("#id_contact_email").fill("journey@example.com")
    page.get_by_label("Publish our company profile in the C2Future directory").check()
    page.get_by_label("I have read the privacy notice").check()
    _next(page)

    # The demo campaign's extra questions, then the review.
    expect(page.get_by_role("heading", name=re.compile("A few more questions"))).to_be_visible()
    page.get_by_label("4 – high", exact=True).check()
    _next(page)
    expect(page.get_by_role("heading", name=re.compile("Review and submit"))).to_be_visible()
    expect(page.locator("main")).to_contain_text("Journey data service")
    assert console_messages == []

    # Leave: a new browser context (another device) opens the emailed link.
    link = next(
        re.search(r"https?://\S+/resume/\S+/", message.body).group(0)
        for message in mail.outbox
        if "/resume/" in message.body
    )
    page.context.close()
    other = browser.new_context()
    sme = other.new_page()
    sme.goto(link)
    expect(sme.get_by_role("heading", name=re.compile("Review and submit"))).to_be_visible()
    expect(sme.locator("main")).to_contain_text("Journey traffic counter")
    sme.get_by_role("button", name="Submit my answers").click()
    expect(sme.get_by_role("heading", level=1)).to_have_text("Thank you")
    assert any(COMPANY in message.subject for message in mail.outbox)
    other.close()

    # A curator approves it in the admin (logging in through the admin login form).
    curator = UserFactory(username="curator", email="curator@example.com")
    curator.groups.add(Group.objects.get(name="Curator"))
    admin_context = browser.new_context()
    admin = admin_context.new_page()
    admin.goto(site + "/admin/surveys/submission/")
    admin.get_by_label("Username").fill("curator")
    admin.get_by_label("Password").fill("correct-horse-battery")
    admin.get_by_role("button", name="Log in").click()
    admin.get_by_role("link", name=COMPANY).click()
    expect(admin.locator("#content-main")).to_contain_text("Journey traffic counter")
    admin.get_by_role("button", name="Approve as a new company").click()
    expect(admin.locator(".messagelist")).to_contain_text("Approved")
    admin_context.close()

    # The company is in the directory, with its offerings and competencies.
    visitor = browser.new_context().new_page()
    visitor.goto(site + "/directory/?q=Journey+Mobility")
    visitor.get_by_role("link", name=COMPANY).first.click()
    main = visitor.locator("main")
    expect(main).to_contain_text("Journey traffic counter")
    expect(main).to_contain_text("Journey data service")
    expect(main).to_contain_text(competency.name)


def test_results_dashboard_draws_charts_without_errors(page, site, axe, console_messages):
    UserFactory(username="results", is_superuser=True)
    page.goto(site + "/questionnaire/results/")
    page.get_by_label("Username").fill("results")
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Questionnaire results")
    # The admin login page asks for /favicon.ico (a 404 outside this area): check from here.
    console_messages.clear()
    page.reload()
    expect(page.locator("canvas[data-chart]").first).to_be_visible()
    # Chart.js has drawn: the canvas got its rendered size.
    assert page.locator("#by_status-chart").evaluate("c => c.width > 0 && c.height > 0")
    expect(page.get_by_role("table").first).to_be_visible()
    assert serious_violations(axe.run(page)) == []
    assert console_messages == []


def test_back_and_forth_through_every_step_keeps_every_answer(page, site, console_messages):
    """Issue #11: Back, the step pills and the review's Edit links, then saving unchanged,
    never drop a saved answer (three offerings, two target markets)."""
    from surveys.models import Submission

    name = "Demo Back And Forth Srl"
    page.goto(site + "/questionnaire/")
    page.get_by_role("link", name="Start the questionnaire").click()
    page.get_by_label("Your email address").fill("forth@example.com")
    page.get_by_label("Company name").fill(name)
    page.get_by_label("Country").select_option("IT")
    page.get_by_label("Number of employees").select_option("micro")
    page.get_by_label("Short description").fill("Fictional demo SME going back and forth.")
    _next(page)
    for number, (kind, title) in enumerate(
        [("product", "Forth counter"), ("service", "Forth service"), ("solution", "Forth suite")]
    ):
        if number:
            page.get_by_role("button", name="Add another product or service").click()
        page.locator(f"#id_offerings-{number}-kind").select_option(kind)
        page.locator(f"#id_offerings-{number}-name").fill(title)
    _next(page)
    page.locator("select[id^='id_level_']").first.select_option("advanced")
    _next(page)
    page.get_by_label("Share of turnover from exports").select_option("0-10")
    page.locator("#id_targets-0-country").select_option("MX")
    page.locator("#id_targets-0-priority").select_option("2")
    page.get_by_role("button", name="Add another target market").click()
    page.locator("#id_targets-1-country").select_option("US")
    page.get_by_label("No", exact=True).check()
    _next(page)
    page.locator("#id_contact_name").fill("Forth Demo")
    page.locator("#id_contact_email").fill("forth@example.com")
    page.get_by_label("I have read the privacy notice").check()
    _next(page)
    page.get_by_label("3 – medium", exact=True).check()
    _next(page)
    expect(page.get_by_role("heading", name=re.compile("Review and submit"))).to_be_visible()
    saved = Submission.objects.get(company_name=name).answers
    assert len(saved["offerings"]) == 3 and len(saved["international"]["targets"]) == 2

    # The review's Edit link, then Back three times down to step 1 ...
    page.get_by_role("link", name="Edit International activity").click()
    for title in ("Competencies", "Products and services", "Company"):
        page.get_by_role("button", name="Back").click()
        expect(page.get_by_role("heading", level=2, name=re.compile(title))).to_be_visible()
    # ... Save and continue through every step to the review ...
    for _step in range(6):
        _next(page)
    expect(page.get_by_role("heading", name=re.compile("Review and submit"))).to_be_visible()
    # ... and a step pill, saved unchanged.
    page.get_by_role("link", name=re.compile(r"^2\. Products and services")).click()
    _next(page)
    page.get_by_role("link", name=re.compile(r"^4\. International activity")).click()
    _next(page)

    assert Submission.objects.get(company_name=name).answers == saved
    page.goto(site + "/questionnaire/review/")
    main = page.locator("main")
    for text in ("Forth counter", "Forth service", "Forth suite", "Mexico (priority 2)"):
        expect(main).to_contain_text(text)
    expect(main).to_contain_text("United States of America (priority 1)")
    assert console_messages == []
