"""A visitor from Mexico: switches the directory to Spanish, stays on the same filtered page,
answers the questionnaire in Spanish and receives the confirmation in Spanish.

Labels are looked up in the Spanish catalogue (not written here), and each is checked to
differ from the English: the page must really be in Spanish.
"""

import re

import pytest
from django.core import mail
from django.utils import translation
from playwright.sync_api import expect

from clusters.models import Competency
from surveys.models import Submission

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COMPANY = "Movilidad Urbana Demo SA de CV"


def es(message, context=None):
    with translation.override("es"):
        text = translation.pgettext(context, message) if context else translation.gettext(message)
    assert text != message, f"{message!r} has no Spanish translation"
    return text


def _next(page):
    page.get_by_role(
        "button", name=re.compile(f"^({es('Save and continue')}|{es('Save and review')})$")
    ).click()


def test_spanish_directory_questionnaire_and_confirmation(page, site, console_messages):
    page.goto(site + "/directory/?country=IT")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.locator(".language-switcher > summary").click()
    page.get_by_role("link", name="Español").click()

    # The same filtered directory, now in Spanish.
    expect(page).to_have_url(re.compile(r"/es/directory/\?country=IT$"))
    expect(page.locator("html")).to_have_attribute("lang", "es")
    nav = page.get_by_role("navigation", name=es("Main navigation"))
    expect(nav.get_by_role("link", name=es("Directory"), exact=True)).to_be_visible()

    # The choice is remembered: an unprefixed address leads to the Spanish page.
    page.goto(site + "/questionnaire/")
    expect(page).to_have_url(re.compile(r"/es/questionnaire/$"))
    page.get_by_role("link", name=es("Start the questionnaire")).click()

    page.get_by_label(es("Your email address")).fill("mexico@example.com")
    page.get_by_label(es("Company name")).fill(COMPANY)
    page.get_by_label(es("Country")).select_option("MX")
    page.get_by_label(es("City")).fill("Monterrey")
    page.get_by_label(es("Number of employees")).select_option("small")
    page.get_by_label(es("Short description")).fill(
        "Sensores de estacionamiento para ciudades de México."
    )
    _next(page)

    page.locator("#id_offerings-0-kind").select_option("product")
    page.locator("#id_offerings-0-name").fill("Sensor de estacionamiento")
    _next(page)

    competency = Competency.objects.order_by("area__position", "position").first()
    with translation.override("es"):
        name = competency.name
    # Choosing a level ticks the competency (the label is "Level for …" in Spanish).
    page.locator("main form select").first.select_option("expert")
    expect(page.get_by_label(name, exact=True)).to_be_checked()
    _next(page)
    page.get_by_label(es("Share of turnover from exports")).select_option("10-25")
    page.locator("#id_targets-0-country").select_option("US")
    page.get_by_label(es("Yes"), exact=True).check()
    _next(page)

    page.locator("#id_contact_name").fill("Ana Demo")
    page.locator("#id_contact_email").fill("mexico@example.com")
    page.get_by_label(es("I have read the privacy notice")).check()
    _next(page)

    # The demo campaign's own question.
    expect(
        page.get_by_role("heading", name=re.compile(es("A few more questions"), re.I))
    ).to_be_visible()
    page.locator("main form input[type=radio]").last.check()
    _next(page)
    expect(
        page.get_by_role("heading", name=re.compile(es("Review and submit"), re.I))
    ).to_be_visible()
    page.get_by_role("button", name=es("Submit my answers")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(es("Thank you"))
    assert console_messages == []

    submission = Submission.objects.get(company_name=COMPANY)
    assert submission.language == "es"
    confirmation = next(
        message
        for message in mail.outbox
        if message.to == ["mexico@example.com"]
        and es("Your C2Future questionnaire was received") == message.subject
    )
    assert "Gracias" in confirmation.body or "gracias" in confirmation.body
    assert "Thank you for answering" not in confirmation.body
