"""Prepare the load-test database (already migrated, demo loaded) and list what to visit.

Run by loadtest/run.py with the load-test environment. Makes sure a questionnaire campaign
is open (a fictional one, flagged as load-test data, when the demo has none) and writes the
slugs and valid answers the virtual users need to the JSON file named on the command line.
"""

import json
import os
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "c2future.settings")

import django  # noqa: E402

django.setup()

from clusters.models import Cluster, Company, CompanyCompetency, Competency, Sector  # noqa: E402
from events.models import Event, Speaker  # noqa: E402
from surveys import selectors as survey_selectors  # noqa: E402
from surveys.models import ExtraQuestion, Survey  # noqa: E402

LOADTEST_SURVEY_SLUG = "loadtest-campaign"


def open_survey():
    survey = survey_selectors.current_survey()
    if survey is None:
        survey, _ = Survey.objects.update_or_create(
            slug=LOADTEST_SURVEY_SLUG,
            defaults={
                "title": "Load-test campaign (fictional, created by make loadtest)",
                "closes_at": None,
            },
        )
        survey = survey_selectors.current_survey()
    return survey


def extra_answer(question):
    kind = ExtraQuestion.Kind
    if question.kind == kind.SCALE:
        return "3"
    if question.kind == kind.SINGLE_CHOICE:
        return question.choice_list[0]
    if question.kind == kind.MULTIPLE_CHOICE:
        return question.choice_list[:1]
    return "Load-test answer"


def main(target):
    survey = open_survey()
    questions = survey_selectors.extra_questions(survey)
    published_events = Event.objects.filter(status=Event.Status.PUBLISHED)
    data = {
        "survey": survey.title,
        "partner_clusters": list(
            Cluster.objects.filter(is_partner=True).values_list("slug", flat=True)
        ),
        "clusters": list(Cluster.objects.values_list("slug", flat=True)),
        "sectors": list(Sector.objects.values_list("slug", flat=True)),
        "competencies": list(Competency.objects.values_list("slug", flat=True)[:5]),
        "competency_level": CompanyCompetency.Level.values[-1],
        "companies": list(Company.objects.published().values_list("slug", flat=True)[:200]),
        "events": list(published_events.values_list("slug", flat=True)),
        "speakers": list(
            Speaker.objects.filter(talks__session__event__in=published_events)
            .distinct()
            .values_list("slug", flat=True)
        ),
        "extra_answers": {question.key: extra_answer(question) for question in questions},
    }
    Path(target).write_text(json.dumps(data, indent=2))
    print(
        f"Open campaign: {survey.title}; {len(data['companies'])} companies, "
        f"{len(data['events'])} events, {len(questions)} extra questions"
    )


if __name__ == "__main__":
    main(sys.argv[1])
