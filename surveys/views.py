"""The public questionnaire, its resume and update links, and the staff results pages."""

import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe
from django_ratelimit.core import is_ratelimited
from django_ratelimit.decorators import ratelimit
from django_ratelimit.exceptions import Ratelimited

from clusters import public_fields
from core.page_cache import cache_public_page

from . import exports, permissions, selectors, services, tokens
from .answers import describe_answers
from .caches import QUESTIONNAIRE
from .forms import RequestUpdateForm, SubmitForm
from .steps import BY_KEY, EXTRA, REVIEW, missing_steps, neighbours, steps_for

SESSION_KEY = "surveys_draft_id"
START_RATE = "20/h"
SUBMIT_RATE = "20/h"
UPDATE_LINK_RATE = "5/h"
MAX_EXTRA_ROWS = 20


def _site_url(request):
    # Never the request's Host header: a forged one would put a foreign host into the
    # links mailed to an SME. Every absolute link comes from the configured SITE_URL.
    return settings.SITE_URL


def _session_submission(request):
    return selectors.draft_by_id(request.session.get(SESSION_KEY))


def _session_draft(request):
    submission = _session_submission(request)
    return submission if submission is not None and submission.is_draft else None


def _attach(request, submission):
    """Make `submission` this session's draft, under a new session key (a link opened it)."""
    request.session.cycle_key()
    request.session[SESSION_KEY] = submission.pk


def _browser_draft_key(request):
    """What parallel first posts of one visitor share: the session, or before there is
    one the CSRF cookie that every post carries."""
    key = request.session.session_key or request.META.get("CSRF_COOKIE")
    return tokens.session_draft_key(key) if key else None


@require_safe
@cache_public_page
def intro(request):
    survey = selectors.current_survey()
    draft = _session_draft(request) if SESSION_KEY in request.session else None
    response = render(
        request,
        "surveys/intro.html",
        {
            "survey": survey,
            "latest_survey": None if survey else selectors.latest_survey(),
            "draft": draft,
            "continue_url": _continue_url(draft) if draft else "",
            "privacy": public_fields.questionnaire_privacy(),
        },
    )
    # The draft's company is the visitor's own: never kept by a browser or proxy cache.
    if draft is not None:
        add_never_cache_headers(response)  # no-store, private
    return response


def _build_forms(step, data, saved, choices, questions):
    """The step's form (and formset) bound to POST data or filled from saved answers."""
    saved = saved or {}
    if step.formset_class is not None:
        formset_initial = saved if step.key == "offerings" else saved.get(step.formset_prefix, [])
        formset = step.formset_class(
            data,
            initial=formset_initial or None,
            prefix=step.formset_prefix,
            form_kwargs={"choices": choices},
        )
    else:
        formset = None
    form_initial = {} if step.key == "offerings" else saved
    extra_kwargs = {"questions": questions} if step is EXTRA else {}
    form = step.form_class(data, initial=form_initial, choices=choices, **extra_kwargs)
    return form, formset


def _with_added_row(data, prefix):
    """POST data with one more (empty) form in the formset: "add another" without JS."""
    data = data.copy()
    key = f"{prefix}-TOTAL_FORMS"
    try:
        total = int(data.get(key, "0"))
    except ValueError:
        return data
    data[key] = str(min(max(total, 0) + 1, MAX_EXTRA_ROWS))
    return data


def _step_answers(step, form, formset):
    answers = form.answers()
    if step.key == "offerings":
        return formset.answers()
    if formset is not None:
        answers[step.formset_prefix] = formset.answers()
    return answers


@never_cache
@require_http_methods(["GET", "POST"])
@cache_public_page
def step_view(request, step_key):
    step = BY_KEY.get(step_key)
    if step is None:
        raise Http404
    draft = _session_draft(request)
    survey = draft.survey if draft else selectors.current_survey()
    if survey is None or not survey.is_open:
        messages.warning(request, _("The questionnaire is not open at the moment."))
        return redirect("surveys:intro")
    extra_count = draft.extra_question_count if draft else survey.extra_question_count
    steps = steps_for(extra_count > 0)
    if step not in steps:
        raise Http404
    if draft is None and step.key != "company":
        messages.info(request, _("Please start with the first step."))
        return redirect("surveys:step", step_key="company")

    choices = selectors.step_choices(step.needs)
    questions = selectors.extra_questions(survey) if step is EXTRA else ()
    answers = draft.answers if draft else {}
    saved = answers.get(step.key, answers.get("prefill", {}).get(step.key))
    previous, following = neighbours(steps, step.key)
    show_errors = True

    if request.method == "POST":
        form, formset = _build_forms(step, request.POST, saved, choices, questions)
        add_row = request.POST.get("add_row")
        if formset is not None and add_row == step.formset_prefix:
            form, formset = _build_forms(
                step, _with_added_row(request.POST, step.formset_prefix), saved, choices, questions
            )
            show_errors = False
        else:
            valid = form.is_valid() and (formset is None or formset.is_valid())
            going_back = "back" in request.POST and previous is not None
            if valid:
                return _save_step(
                    request,
                    draft,
                    survey,
                    step,
                    form,
                    formset,
                    choices,
                    previous,
                    following,
                    going_back,
                )
            if going_back:
                messages.warning(
                    request,
                    _("Your changes on that step were not saved: some answers need correcting."),
                )
                return redirect("surveys:step", step_key=previous)
            messages.error(request, _("Please correct the answers marked below."))
    else:
        form, formset = _build_forms(step, None, saved, choices, questions)

    return render(
        request,
        f"surveys/step_{step.key}.html",
        {
            "survey": survey,
            "draft": draft,
            "step": step,
            "steps": steps,
            "step_number": steps.index(step) + 1,
            "step_count": len(steps) + 1,
            "completed": set(answers),
            "previous": previous,
            "is_last_step": step is steps[-1],
            "privacy_url": reverse("surveys:intro") + "#privacy",
            "form": form,
            "formset": formset,
            "show_errors": show_errors,
            "resume_link": services.resume_url(draft, _site_url(request)) if draft else "",
            "blank_form_version": _blank_form_version(draft, survey, form),
        },
    )


def _blank_form_version(draft, survey, form):
    """For a first visit's blank step (no draft, nothing posted): what its fields' markup
    depends on, so the template keeps that markup as a fragment; None otherwise."""
    if draft is not None or form.is_bound:
        return None
    # The campaign, its questions and the clusters offered; the founding year's maximum.
    return f"{QUESTIONNAIRE.generation()}-{survey.pk}-{timezone.now().year}"


def _save_step(
    request, draft, survey, step, form, formset, choices, previous, following, going_back
):
    step_answers = _step_answers(step, form, formset)
    cluster_ids = None
    if step.key == "company":
        cluster_ids = [choices["cluster_ids"][slug] for slug in step_answers["clusters"]]
    if draft is None:
        if is_ratelimited(
            request, group="surveys:start", key="ip", rate=START_RATE, method="POST", increment=True
        ):
            raise Ratelimited
        # One draft per browser: parallel first posts (a double click) share it.
        draft, _created = services.start_submission(
            survey=survey,
            company_answers=step_answers,
            cluster_ids=cluster_ids,
            site_url=_site_url(request),
            draft_key=_browser_draft_key(request),
        )
        request.session[SESSION_KEY] = draft.pk
        messages.success(
            request,
            _(
                "Your answers are saved. We emailed you a link to continue later; it is also "
                "shown at the bottom of each step."
            ),
        )
    else:
        saved, email_changed = services.save_step(
            draft, step.key, step_answers, next_step=following, cluster_ids=cluster_ids
        )
        if not saved:
            messages.info(request, _("These answers were already submitted."))
            return redirect("surveys:done")
        if email_changed and step.key == "company":
            services.send_resume_link(draft, _site_url(request))
    if going_back:
        return redirect("surveys:step", step_key=previous)
    if following == REVIEW:
        return redirect("surveys:review")
    return redirect("surveys:step", step_key=following)


@never_cache
@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=SUBMIT_RATE, method="POST", block=True, group="surveys:submit")
def review(request):
    submission = _session_submission(request)
    if submission is None:
        messages.info(request, _("There are no answers to review yet."))
        return redirect("surveys:intro")
    if not submission.is_draft:
        # A replayed or double-clicked Submit: the same confirmation again.
        return redirect("surveys:done")
    if not submission.survey.is_open:
        messages.warning(request, _("The questionnaire is not open at the moment."))
        return redirect("surveys:intro")
    steps = steps_for(submission.extra_question_count > 0)
    missing = missing_steps(steps, submission.answers)
    form = SubmitForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if missing:
            messages.error(request, _("Please complete every step before submitting."))
            return redirect("surveys:step", step_key=missing[0].key)
        if form.is_valid():
            services.submit(submission)
            return redirect("surveys:done")
        messages.error(request, _("Your answers could not be submitted."))
    questions = selectors.extra_questions(submission.survey) if EXTRA in steps else ()
    return render(
        request,
        "surveys/review.html",
        {
            "survey": submission.survey,
            "draft": submission,
            "form": form,
            "steps": steps,
            "step_number": len(steps) + 1,
            "step_count": len(steps) + 1,
            "completed": set(submission.answers),
            "missing": missing,
            "sections": describe_answers(submission.answers, selectors.label_lookups(), questions),
            "resume_link": services.resume_url(submission, _site_url(request)),
        },
    )


@never_cache
@require_safe
def done(request):
    submission = _session_submission(request)
    if submission is None or submission.is_draft:
        return redirect("surveys:intro")
    return render(request, "surveys/done.html", {"submission": submission})


def _link_problem(request, status, title, message, action=None):
    """An error page for a link; `action` is an optional (url, label) way forward."""
    return render(
        request,
        "surveys/link_problem.html",
        {"title": title, "message": message, "action": action},
        status=status,
    )


def _continue_url(submission):
    """Where a draft's respondent carries on: the step they were on, else the review."""
    if submission.current_step in BY_KEY:
        return reverse("surveys:step", kwargs={"step_key": submission.current_step})
    return reverse("surveys:review")


def _confirm_switch(request, current, other_name):
    """The session has another draft in progress: ask before leaving it for the link's."""
    return render(
        request,
        "surveys/switch_draft.html",
        {
            "current": current,
            "current_name": current.company_name or _("the company you started with"),
            "continue_url": _continue_url(current),
            "other_name": other_name,
            "resume_link": services.resume_url(current, _site_url(request)),
        },
    )


def _switch_confirmed(request):
    return request.method == "POST" and request.POST.get("switch") == "yes"


def _expired(request):
    return _link_problem(
        request,
        410,
        _("This link has expired"),
        _(
            "Links to continue the questionnaire work for 30 days. Please start the "
            "questionnaire again or ask the secretariat for help."
        ),
    )


def _invalid(request):
    return _link_problem(
        request,
        400,
        _("This link is not valid"),
        _(
            "The link may have been cut or changed when it was copied. Open it again from "
            "the email, or start the questionnaire again."
        ),
    )


@never_cache
@require_http_methods(["GET", "POST"])
def resume(request, value):
    try:
        token = uuid.UUID(tokens.read_resume_value(value))
    except tokens.LinkExpired:
        return _expired(request)
    except (tokens.LinkInvalid, ValueError):
        return _invalid(request)
    submission = selectors.submission_by_token(token)
    if submission is None:
        return _link_problem(
            request,
            410,
            _("This draft no longer exists"),
            _("Drafts untouched for 30 days are deleted. Please start the questionnaire again."),
        )
    current = _session_draft(request)
    if current is not None and current.pk != submission.pk:
        if not submission.is_draft:
            messages.info(
                request,
                _("The answers of that link were already submitted; your draft is below."),
            )
            return redirect(_continue_url(current))
        if not _switch_confirmed(request):
            return _confirm_switch(
                request, current, submission.company_name or _("another company")
            )
    if request.session.get(SESSION_KEY) != submission.pk:
        _attach(request, submission)
    if not submission.is_draft:
        return redirect("surveys:done")
    messages.info(request, _("Welcome back: your saved answers are below."))
    return redirect(_continue_url(submission))


@never_cache
@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=UPDATE_LINK_RATE, method="POST", block=True, group="surveys:update")
def request_update(request, slug):
    company = selectors.company_for_update(slug)
    if company is None:
        raise Http404
    form = RequestUpdateForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid():
            services.send_update_link(company, _site_url(request))
            # The same message whether or not an address is on record: it reveals nothing.
            messages.success(
                request,
                _(
                    "If this company has an email address on record, a link to update the "
                    "profile is on its way there. It works for 30 days."
                ),
            )
            return redirect("surveys:request_update", slug=company.slug)
        messages.error(request, _("The link could not be sent."))
    return render(request, "surveys/request_update.html", {"company": company, "form": form})


@never_cache
@require_http_methods(["GET", "POST"])
def open_update(request, value):
    try:
        company_id, contact = tokens.read_update_value(value)
    except tokens.LinkExpired:
        return _expired(request)
    except tokens.LinkInvalid:
        return _invalid(request)
    company = selectors.published_company(company_id)
    if company is None:
        return _link_problem(
            request,
            410,
            _("This profile is no longer published"),
            _("Please contact the secretariat to update it."),
        )
    if not tokens.is_for_current_contact(company, contact):
        # The contact on record changed since the link was sent: it must not open the
        # profile (and its private contact data) for whoever held the old address.
        return _link_problem(
            request,
            410,
            _("This link is no longer valid"),
            _(
                "The company's contact details changed after this link was sent. Please "
                "request a new link: it goes to the address now on record."
            ),
            action=(
                reverse("surveys:request_update", args=[company.slug]),
                _("Request a new link"),
            ),
        )
    survey = selectors.current_survey()
    if survey is None:
        messages.warning(request, _("The questionnaire is not open at the moment."))
        return redirect("surveys:intro")
    # The same draft every time the link (or another one sent to this contact) is opened.
    draft = selectors.draft_by_key(tokens.update_draft_key(company))
    current = _session_draft(request)
    if (
        current is not None
        and (draft is None or current.pk != draft.pk)
        and not _switch_confirmed(request)
    ):
        return _confirm_switch(request, current, company.name)
    if draft is None:
        draft = services.start_update(survey=survey, company=selectors.company_prefill(company))
    if request.session.get(SESSION_KEY) != draft.pk:
        _attach(request, draft)
    messages.info(
        request,
        _(
            "Your current profile is filled in below. Check every step and submit: cluster "
            "staff review the changes before they are published."
        ),
    )
    return redirect("surveys:step", step_key="company")


# ---- Staff results ------------------------------------------------------------------------

# The dashboard's charts: (key in dashboard_data, title, chart type, heading of the labels).
DASHBOARD_CHARTS = [
    ("by_status", _lazy("Submissions by status"), "doughnut", ""),
    ("by_cluster", _lazy("Responses by cluster"), "", ""),
    ("by_country", _lazy("Responses by country"), "", ""),
    ("by_week", _lazy("Responses by week"), "line", _lazy("Week starting")),
    ("top_competencies", _lazy("Top competencies"), "", ""),
    ("target_markets", _lazy("Target-market interest"), "", ""),
    ("obstacles", _lazy("Obstacles to going international"), "", ""),
]


def _results_queryset(request):
    user = request.user
    if not permissions.can_view_results(user):
        raise PermissionDenied
    return permissions.visible_submissions(user)


@never_cache  # no-store, private: personal data, the login redirect included
@staff_member_required
@require_safe
def dashboard(request):
    data = selectors.dashboard_data(_results_queryset(request))
    charts = [
        {"id": key, "title": title, "rows": data[key], "type": kind, "label_heading": heading}
        for key, title, kind, heading in DASHBOARD_CHARTS
    ]
    question_charts = [
        {
            "id": question["id"],
            "title": question["question"],
            "survey": question["survey"],
            "rows": question["rows"],
            "is_text": question["is_text"],
        }
        for question in data["extra_questions"]
    ]
    return render(
        request,
        "surveys/dashboard.html",
        {"data": data, "charts": charts, "question_charts": question_charts},
    )


@never_cache
@staff_member_required
@require_safe
def export_csv(request):
    return exports.csv_response(_results_queryset(request))


@never_cache
@staff_member_required
@require_safe
def export_xlsx(request):
    return exports.xlsx_response(_results_queryset(request))
