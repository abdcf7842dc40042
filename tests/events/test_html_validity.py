"""The event page is valid HTML for the Nu Html Checker (vnu-jar from npm, run by java),
the tool that found the <select required> whose first option was a real choice."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.events.factories import EventFactory, MaterialFactory, material_request_data

pytestmark = pytest.mark.django_db

VNU = (
    Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)


def vnu_errors(html):
    """The checker's errors for a page. A missing java or vnu.jar fails the test."""
    java = shutil.which("java")
    assert java, "java is needed for the HTML checker (make test installs it)"
    assert VNU.exists(), "node_modules/vnu-jar is missing: run `npm ci` (make install-dev)"
    result = subprocess.run(  # noqa: S603 - our own command line, no shell
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", "-"],
        input=html,
        capture_output=True,
        timeout=180,
    )
    report = json.loads(result.stderr or result.stdout)
    return [
        f"{message.get('lastLine')}: {message['message']}"
        for message in report["messages"]
        if message["type"] == "error"
    ]


@pytest.fixture
def event_with_requests():
    event = EventFactory(latitude="45.460000", longitude="9.190000")
    MaterialFactory(event=event, title="Programme")
    MaterialFactory(event=event, title="Morning slides", file=None, on_request=True)
    MaterialFactory(event=event, title="Afternoon slides", file=None, on_request=True)
    return event


def test_event_page_with_the_request_form_is_valid_html(client, event_with_requests):
    response = client.get(event_with_requests.get_absolute_url())
    assert vnu_errors(response.content) == []


def test_event_page_after_a_failed_request_is_valid_html(client, event_with_requests):
    material = event_with_requests.materials.filter(on_request=True).first()
    response = client.post(
        f"/events/{event_with_requests.slug}/request/",
        material_request_data(material, email="nope", consent=""),
    )
    assert response.status_code == 200
    assert vnu_errors(response.content) == []
