"""The questionnaire's templates: short lines, ready values from the views."""

from pathlib import Path

import pytest
from django.urls import reverse

import surveys

from .conftest import ALL_STEPS, step_url

TEMPLATES = Path(surveys.__file__).parent / "templates"
LONGEST_LINE = 130  # "about 120": a tag Django cannot split may run a little over


def test_no_template_line_is_much_over_120_characters():
    long_lines = [
        f"{path.relative_to(TEMPLATES)}:{number}"
        for path in TEMPLATES.rglob("*.html")
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if len(line) > LONGEST_LINE
    ]
    assert long_lines == []


@pytest.mark.django_db
def test_only_the_last_step_offers_save_and_review(
    client, survey, cluster, sector, taxonomy, fill_steps
):
    fill_steps(*ALL_STEPS[:-1])
    assert "Save and continue</button>" in client.get(step_url("international")).content.decode()
    last = client.get(step_url("contact")).content.decode()  # no extra questions: the last step
    assert (
        "Save and review</button>" in last
        and "Save and continue</button>"
        not in last.split('class="d-flex flex-wrap gap-2 mt-4 step-nav"')[1]
    )


@pytest.mark.django_db
def test_the_intro_links_a_draft_to_where_it_was_left(client, survey, cluster, fill_steps):
    fill_steps("company")
    page = client.get(reverse("surveys:intro")).content.decode()
    assert f'href="{step_url("offerings")}">Continue where you left off' in page
