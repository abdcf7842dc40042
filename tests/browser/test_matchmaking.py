"""The B2B journey in a real browser: two people register, the organisers validate them, A
finds B through a suggestion and asks for a meeting, B accepts a slot, and both see it on
their agendas and in their calendar feeds."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from icalendar import Calendar
from playwright.sync_api import expect

from matchmaking import services
from matchmaking.models import Meeting
from tests.browser.helpers import serious_violations
from tests.matchmaking.factories import AccountFactory, MeetingBlockFactory, ProgrammeFactory
from tests.matchmaking.factories_meetings import competency

pytestmark = pytest.mark.browser

PASSWORD = "correct-horse-battery"
ADMIN_PASSWORD = "Vision-Zero-2022!"


def _account(email):
    user = AccountFactory(email=email, username=email.split("@")[0])
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def _sign_in(page, site, email):
    page.goto(site + reverse("account_login"))
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("button", name="Sign In")).to_have_count(0)


def _register(page, site, slug, *, name, organisation, country, offers, looks_for, targets):
    page.goto(site + reverse("matchmaking:register", kwargs={"slug": slug}))
    page.get_by_label("Organisation name").fill(organisation)
    page.get_by_label("Type of organisation").select_option(label="Company")
    page.get_by_label("Country", exact=True).select_option(label=country)
    page.get_by_label("Your full name").fill(name)
    page.get_by_label("Languages you speak").select_option(label=["English", "Spanish"])
    page.get_by_label("What you offer (competencies)").select_option(label=offers)
    page.get_by_label("What you look for (competencies)").select_option(label=looks_for)
    page.get_by_label("Your target countries").select_option(label=targets)
    page.get_by_role("button", name="Send my registration").click()
    expect(page.get_by_text("waiting for the organisers' validation")).to_be_visible()


def _validate_everyone(page, site):
    page.goto(site + "/admin/login/")
    page.get_by_label("Username").fill("organiser")
    page.get_by_label("Password").fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(site + reverse("admin:matchmaking_participant_changelist"))
    page.locator("#action-toggle").check()
    page.locator("select[name=action]").select_option(
        label="Validate (the profile becomes visible)"
    )
    page.get_by_role("button", name="Go").click()
    expect(page.locator(".messagelist")).to_be_visible()


def _feed(page, text_url):
    response = page.request.get(text_url)
    assert response.ok
    return Calendar.from_ical(response.body())


def _watched(browser, errors):
    """A page of its own browser context (its own cookies), its console errors collected."""
    page = browser.new_context().new_page()
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    return page


def test_two_participants_meet_through_a_suggestion(
    browser, live_server, settings, django_user_model, axe
):
    settings.SITE_URL = live_server.url
    site = live_server.url
    programme = ProgrammeFactory(table_count=2, on_site=True, online=False)
    MeetingBlockFactory(programme=programme)
    services.generate_slots(programme)
    services.ensure_tables(programme)
    for name in ("Smart parking", "IoT platforms"):
        competency(name)
    slug = programme.event.slug
    _account("ana@example.mx")
    _account("marco@example.it")
    django_user_model.objects.create_superuser("organiser", "o@example.org", ADMIN_PASSWORD)

    errors = []
    ana, marco, organiser = (_watched(browser, errors) for _ in range(3))
    _sign_in(ana, site, "ana@example.mx")
    _register(
        ana,
        site,
        slug,
        name="Ana Demo",
        organisation="Demo Movilidad Urbana S.A.",
        country="Mexico",
        offers=["IoT platforms"],
        looks_for=["Smart parking"],
        targets=["Italy"],
    )
    _sign_in(marco, site, "marco@example.it")
    _register(
        marco,
        site,
        slug,
        name="Marco Demo",
        organisation="Demo Parcheggi Smart S.r.l.",
        country="Italy",
        offers=["Smart parking"],
        looks_for=["IoT platforms"],
        targets=["Mexico"],
    )
    _validate_everyone(organiser, site)

    # Ana finds Marco among her suggestions, with the reason, and asks for a meeting.
    ana.goto(site + reverse("matchmaking:dashboard", kwargs={"slug": slug}))
    assert serious_violations(axe.run(ana)) == []
    suggestion = ana.locator(".suggestion", has_text="Marco Demo")
    expect(suggestion).to_contain_text(
        "They offer Smart parking, which you look for; you offer IoT platforms, which they "
        "look for; Italy is one of your target markets"
    )
    suggestion.get_by_role("link", name="Request a meeting with Marco Demo").click()
    ana.get_by_label("Message").fill("Shall we talk about parking sensors in Monterrey?")
    ana.get_by_role("button", name="Send the request").click()
    expect(ana.get_by_text("Your request was sent to Marco Demo.")).to_be_visible()

    # Marco accepts, picking the first free slot.
    marco.goto(site + reverse("matchmaking:dashboard", kwargs={"slug": slug}))
    expect(marco.get_by_text("Shall we talk about parking sensors in Monterrey?")).to_be_visible()
    marco.get_by_role("link", name="Accept or decline").click()
    assert serious_violations(axe.run(marco)) == []
    marco.get_by_role("radio").first.check()
    marco.get_by_role("button", name="Accept and book this time").click()
    expect(marco.get_by_text("Meeting confirmed.")).to_be_visible()

    meeting = Meeting.objects.get()
    for page, other, email in (
        (marco, "Ana Demo", "ana@example.mx"),
        (ana, "Marco Demo", "marco@example.it"),
    ):
        page.goto(site + reverse("matchmaking:agenda", kwargs={"slug": slug}))
        row = page.locator(".agenda-meeting")
        expect(row).to_have_count(1)
        assert serious_violations(axe.run(page)) == []
        expect(row).to_contain_text(other)
        expect(row).to_contain_text(str(meeting.table))
        expect(row).to_contain_text(email)  # the contact, now that the meeting is accepted
        href = page.get_by_role("link", name="Download .ics").get_attribute("href")
        assert re.search(r"/calendar/[\w-]+\.ics$", href)
        [entry] = _feed(page, href).walk("VEVENT")
        assert str(entry["UID"]) == f"{meeting.uid}@b2b.c2future"
        assert str(entry["STATUS"]) == "CONFIRMED"
        assert entry.decoded("DTSTART") == meeting.slot.start
    assert errors == []
