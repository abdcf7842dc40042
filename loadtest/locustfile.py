"""`make loadtest`: 50 virtual users browse for 60 s while 200 questionnaires are submitted.

Started by loadtest/run.py, which prepares the database and gunicorn and passes:
LOADTEST_DATA (JSON from prepare.py), LOADTEST_OUT (summary JSON written at the end),
LOADTEST_RUN_ID (tags this run's submissions), LOADTEST_SUBMISSIONS (200),
LOADTEST_BROWSE_SECONDS (60), LOADTEST_RESPONDENTS (20 of the users fill the questionnaire,
then browse).
"""

import json
import os
import random
import time
from urllib.parse import urlsplit

import gevent
from locust import HttpUser, between, events, task
from locust.exception import StopUser

DATA = json.loads(open(os.environ["LOADTEST_DATA"]).read())  # noqa: SIM115, PTH123
RUN_ID = os.environ.get("LOADTEST_RUN_ID", "manual")
TARGET_SUBMISSIONS = int(os.environ.get("LOADTEST_SUBMISSIONS", "200"))
BROWSE_SECONDS = float(os.environ.get("LOADTEST_BROWSE_SECONDS", "60"))
RESPONDENTS = int(os.environ.get("LOADTEST_RESPONDENTS", "20"))
SEARCH_WORDS = ["mobility", "smart", "energy", "sensor", "parking", "building", "data", "città"]
COUNTRIES = ["IT", "ES", "BG", "RS", "GR"]


class State:
    started_at = None
    claimed = 0
    completed = []  # names of submissions confirmed by the thank-you page
    failed = []  # (name, reason)
    requests = 0
    server_errors = []  # (method, url, status)
    statuses = {}


def on_request(request_type, name, response_time, response_length, response=None, **kwargs):
    State.requests += 1
    status = getattr(response, "status_code", 0) or 0
    State.statuses[str(status)] = State.statuses.get(str(status), 0) + 1
    if status >= 500:
        State.server_errors.append((request_type, getattr(response, "url", name), status))


events.request.add_listener(on_request)


@events.test_start.add_listener
def on_test_start(environment, **kwargs):
    State.started_at = time.monotonic()

    def stop_when_done():
        # Quit once browsing time is over and every claimed submission has finished.
        while True:
            gevent.sleep(0.5)
            finished = len(State.completed) + len(State.failed)
            all_claimed = State.claimed >= TARGET_SUBMISSIONS
            if elapsed() >= BROWSE_SECONDS and all_claimed and finished >= State.claimed:
                environment.runner.quit()
                return

    gevent.spawn(stop_when_done)


@events.quitting.add_listener
def on_quitting(environment, **kwargs):
    summary = {
        "run_id": RUN_ID,
        "elapsed_seconds": round(elapsed(), 1),
        "requests": State.requests,
        "statuses": State.statuses,
        "server_errors": State.server_errors[:50],
        "server_error_count": len(State.server_errors),
        "submissions_claimed": State.claimed,
        "submissions_completed": State.completed,
        "submissions_failed": State.failed,
    }
    with open(os.environ["LOADTEST_OUT"], "w") as out:  # noqa: PTH123
        json.dump(summary, out, indent=2)


def elapsed():
    return time.monotonic() - State.started_at if State.started_at else 0.0


class Browsing:
    """Mixed reads over every public section, with realistic filters."""

    def browse(self):
        random.choice(self.pages)(self)

    def home(self):
        self.client.get("/", name="/")

    def about(self):
        self.client.get("/about/", name="/about/")

    def cluster_list(self):
        self.client.get("/clusters/", name="/clusters/")

    def cluster_detail(self):
        slug = random.choice(DATA["clusters"])
        self.client.get(f"/clusters/{slug}/", name="/clusters/[slug]/")

    def directory(self):
        params = {}
        if random.random() < 0.5:
            params["q"] = random.choice(SEARCH_WORDS)
        if random.random() < 0.4 and DATA["sectors"]:
            params["sector"] = random.choice(DATA["sectors"])
        if random.random() < 0.3:
            params["country"] = random.choice(COUNTRIES)
        if random.random() < 0.3:
            params["page"] = random.randint(1, 3)
        if random.random() < 0.2:
            params["sort"] = random.choice(["name", "updated"])
        self.client.get("/directory/", params=params, name="/directory/?filters")

    def company(self):
        if DATA["companies"]:
            slug = random.choice(DATA["companies"])
            self.client.get(f"/directory/{slug}/", name="/directory/[slug]/")

    def skills_map(self):
        by = random.choice(["cluster", "sector", "country"])
        self.client.get("/skills-map/", params={"by": by}, name="/skills-map/")

    def map_points(self):
        self.client.get("/skills-map/points.json", name="/skills-map/points.json")

    def event_list(self):
        params = {"year": random.choice(["2021", "2022"])} if random.random() < 0.3 else {}
        self.client.get("/events/", params=params, name="/events/")

    def event_detail(self):
        if DATA["events"]:
            slug = random.choice(DATA["events"])
            self.client.get(f"/events/{slug}/", name="/events/[slug]/")

    def speaker(self):
        if DATA["speakers"]:
            slug = random.choice(DATA["speakers"])
            self.client.get(f"/speakers/{slug}/", name="/speakers/[slug]/")

    def feeds(self):
        path = random.choice(["/events/feed.ics", "/events/feed.rss", "/events/feed.atom"])
        self.client.get(path, name="/events/feeds")

    def questionnaire_intro(self):
        self.client.get("/questionnaire/", name="/questionnaire/")

    pages = [
        home,
        home,
        about,
        cluster_list,
        cluster_detail,
        directory,
        directory,
        directory,
        company,
        company,
        skills_map,
        map_points,
        event_list,
        event_detail,
        speaker,
        feeds,
        questionnaire_intro,
    ]


class Visitor(Browsing, HttpUser):
    wait_time = between(0.2, 1.5)

    @task
    def visit(self):
        if elapsed() >= BROWSE_SECONDS:
            raise StopUser
        self.browse()


class Respondent(Browsing, HttpUser):
    """Fills the questionnaire from start to thank-you page, as a new visitor each time."""

    fixed_count = RESPONDENTS
    wait_time = between(0.05, 0.3)

    @task
    def respond(self):
        if State.claimed < TARGET_SUBMISSIONS:
            State.claimed += 1
            name = f"Loadtest {RUN_ID} SME {State.claimed:04d}"
            try:
                self.submit_questionnaire(name)
            except SubmissionFailed as failure:
                State.failed.append((name, str(failure)))
            else:
                State.completed.append(name)
        elif elapsed() < BROWSE_SECONDS:
            self.browse()
        else:
            raise StopUser

    # -- one questionnaire ---------------------------------------------------------------

    def submit_questionnaire(self, name):
        self.client.cookies.clear()  # a new visitor, a new session
        self.client.get("/questionnaire/", name="/questionnaire/")
        path = "/questionnaire/step/company/"
        email = f"{name.lower().replace(' ', '.')}@example.com"
        while path.startswith("/questionnaire/step/"):
            step = path.rstrip("/").rsplit("/", 1)[-1]
            self.expect(self.client.get(path, name="/questionnaire/step/[step]/"), 200, step)
            response = self.post(path, self.answers(step, name, email), "step/[step]/")
            self.expect(response, 302, step)
            path = urlsplit(response.headers["Location"]).path
        if path != "/questionnaire/review/":
            raise SubmissionFailed(f"after the steps went to {path}")
        self.expect(self.client.get(path, name="/questionnaire/review/"), 200, "review")
        response = self.post(path, {"website_url": ""}, "review/")
        self.expect(response, 302, "submit")
        if random.random() < 0.1:
            # A double click on Submit: must not store the submission twice.
            self.expect(self.post(path, {"website_url": ""}, "review/ (again)"), 302, "resubmit")
        done = urlsplit(response.headers["Location"]).path
        page = self.client.get(done, name="/questionnaire/thank-you/")
        self.expect(page, 200, "thank-you")

    def post(self, path, data, label):
        token = self.client.cookies.get("csrftoken", "")
        return self.client.post(
            path,
            data={**data, "csrfmiddlewaretoken": token},
            headers={"Referer": self.host + path},
            allow_redirects=False,
            name=f"POST /questionnaire/{label}",
        )

    @staticmethod
    def expect(response, status, step):
        if response.status_code != status:
            raise SubmissionFailed(f"{step}: HTTP {response.status_code}, expected {status}")

    @staticmethod
    def answers(step, name, email):
        competency = DATA["competencies"][0] if DATA["competencies"] else None
        steps = {
            "company": {
                "respondent_email": email,
                "name": name,
                "website": "https://loadtest.example.com",
                "country": random.choice(COUNTRIES),
                "city": "Milan",
                "founding_year": "2012",
                "size": "small",
                "turnover": "2-10m",
                "clusters": random.sample(DATA["partner_clusters"], 1),
                "description": "Fictional SME created by the load test.",
                "website_url": "",
            },
            "offerings": {
                **management("offerings", 1),
                "offerings-0-kind": "product",
                "offerings-0-name": "Traffic counter",
                "offerings-0-description": "Counts vehicles (load-test data).",
                "offerings-0-sector": DATA["sectors"][0] if DATA["sectors"] else "",
            },
            "competencies": (
                {f"has_{competency}": "on", f"level_{competency}": DATA["competency_level"]}
                if competency
                else {}
            )
            | {"other": "Data analytics"},
            "international": {
                "current_markets": ["ES", "FR"],
                "export_share": "10-25",
                **management("targets", 1),
                "targets-0-country": "MX",
                "targets-0-priority": "1",
                "b2b_interest": "yes",
                "obstacles": ["financing"],
                "obstacles_other": "",
                "existing_contacts": "",
                "support_wanted": "Partner search in Mexico",
            },
            "contact": {
                "contact_name": "Load Test",
                "contact_role": "CEO",
                "contact_email": email,
                "contact_phone": "+39 02 0000000",
                "privacy_acknowledged": "on",
            },
            "extra": DATA["extra_answers"],
        }
        return steps[step]


def management(prefix, total):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


class SubmissionFailed(Exception):
    pass
