"""Curation: the review queue, a review page per submission, campaigns and their questions.

Curators (superusers and the Curator group) see every submission; a user listed in a
cluster's staff sees only the submissions naming that cluster, in the list, on the review
pages and by URL, and only the companies of their clusters (approve as an update, the
possible duplicates). surveys.permissions decides (reusing clusters.permissions' rule).
"""

import json

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

from clusters.models import Cluster, Company
from core.content_translations import MissingTranslationsColumnMixin, translated_form
from core.forms import SingleLineModelForm

from . import permissions, selectors, services
from .answers import describe_answers
from .forms import ApproveNewForm, ApproveUpdateForm, ExtraQuestionAdminForm, RejectForm
from .models import ExtraQuestion, Submission, Survey


class ExtraQuestionInline(TranslationStackedInline):
    # Stacked: the question, its help text and its choices in six languages, side by side.
    form = translated_form(ExtraQuestionAdminForm)
    model = ExtraQuestion
    extra = 1
    fields = ("position", "text", "kind", "choices", "help_text", "required")


@admin.register(Survey)
class SurveyAdmin(MissingTranslationsColumnMixin, TranslationAdmin):
    # Title and introduction per language (surveys/translation.py).
    form = translated_form(SingleLineModelForm)
    list_display = ("title", "opens_at", "closes_at", "is_open", "missing_translations")
    prepopulated_fields = {"slug": ("title",)}
    inlines = [ExtraQuestionInline]

    @admin.display(boolean=True, description=_("open now"))
    def is_open(self, survey):
        return survey.is_open


class VisibleClusterFilter(admin.SimpleListFilter):
    title = _("cluster")
    parameter_name = "cluster"

    def lookups(self, request, model_admin):
        clusters = permissions.visible_clusters(request.user, Cluster.objects.order_by("name"))
        return [(str(cluster.pk), cluster.acronym or cluster.name) for cluster in clusters]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(clusters__pk=int(value)).distinct()
        return queryset


def _company_admin_url(company):
    try:
        return reverse("admin:clusters_company_change", args=[company.pk])
    except NoReverseMatch:
        return company.get_absolute_url()


def _approve_update_url(submission, company):
    return reverse("admin:surveys_submission_approve_update", args=[submission.pk, company.pk])


def _is_cluster_staff(request):
    return permissions.can_review(request.user)


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    form = SingleLineModelForm
    list_display = (
        "__str__",
        "status",
        "kind",
        "country",
        "cluster_list",
        "submitted_at",
        "updated_at",
    )
    list_filter = (
        "status",
        VisibleClusterFilter,
        "country",
        ("submitted_at", admin.DateFieldListFilter),
        "kind",
        "survey",
    )
    search_fields = ("company_name", "contact_email")
    date_hierarchy = "submitted_at"
    list_select_related = ("survey",)
    actions = ["mark_as_spam", "export_respondent_data", "erase_respondent_data"]
    readonly_fields = [field.name for field in Submission._meta.fields] + ["clusters"]

    # ---- Permissions: model permissions, or being listed in a cluster's staff ----------

    def has_module_permission(self, request):
        return super().has_module_permission(request) or _is_cluster_staff(request)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) or _is_cluster_staff(request)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) or _is_cluster_staff(request)

    def has_add_permission(self, request):
        return False  # submissions come from the questionnaire only

    def has_curate_permission(self, request):
        return permissions.can_curate(request.user)

    def get_queryset(self, request):
        queryset = super().get_queryset(request).prefetch_related("clusters")
        return permissions.visible_submissions(request.user, queryset)

    @admin.display(description=_("clusters"))
    def cluster_list(self, submission):
        return ", ".join(c.acronym or c.name for c in submission.clusters.all()) or "—"

    # ---- Pages ---------------------------------------------------------------------------

    def get_urls(self):
        info = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path(
                "<int:object_id>/review/",
                self.admin_site.admin_view(self.review_view),
                name=f"{info}_review",
            ),
            path(
                "<int:object_id>/approve-update/<int:company_id>/",
                self.admin_site.admin_view(self.approve_update_view),
                name=f"{info}_approve_update",
            ),
        ] + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET" and str(object_id).isdigit():
            return redirect("admin:surveys_submission_review", object_id=int(object_id))
        return super().change_view(request, object_id, form_url, extra_context)

    def _submission(self, request, object_id):
        submission = get_object_or_404(
            self.get_queryset(request).select_related("survey", "company", "reviewed_by"),
            pk=object_id,
        )
        if not self.has_view_permission(request, submission):
            raise PermissionDenied
        return submission

    def review_view(self, request, object_id):
        submission = self._submission(request, object_id)
        reject_form = RejectForm(request.POST if request.POST.get("action") == "reject" else None)
        # The new company's place on the map: the town-centre guess, which the curator checks.
        guess = (
            services.location_guess(submission)
            if submission.status == Submission.Status.SUBMITTED
            else None
        )
        approve_form = ApproveNewForm(
            request.POST if request.POST.get("action") == "approve_new" else None,
            initial={
                "latitude": guess.latitude if guess else None,
                "longitude": guess.longitude if guess else None,
                "location_approximate": guess is not None,
            },
        )
        if request.method == "POST":
            if not self.has_change_permission(request, submission):
                raise PermissionDenied
            response = self._review_action(request, submission, reject_form, approve_form)
            if response is not None:
                return response
        visible_companies = permissions.companies_visible_to(request.user)
        matching = submission.company
        if matching is not None and not permissions.can_view_company(request.user, matching):
            matching = None  # another cluster's company: a curator approves this update
        duplicates = selectors.possible_duplicates(submission, companies=visible_companies)
        for company in duplicates:
            company.approve_update_url = _approve_update_url(submission, company)
        if matching is None and duplicates:
            vat_matches = [c for c in duplicates if "vat" in c.duplicate_reasons]
            matching = vat_matches[0] if vat_matches else None
        labels = selectors.label_lookups()  # names for slugs: the answers and the diff
        diff = (
            services.company_diff(submission, selectors.company_prefill(matching), names=labels)
            if matching is not None
            else []
        )
        questions = selectors.extra_questions(submission.survey)
        update_company = submission.company if matching == submission.company else None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Review: %(name)s") % {"name": submission},
            "submission": submission,
            "sections": describe_answers(submission.answers, labels, questions),
            "matching": matching,
            "diff": diff,
            "duplicates": duplicates,
            "update_company": update_company,
            "update_company_url": _approve_update_url(submission, update_company)
            if update_company
            else "",
            "reject_form": reject_form,
            "approve_form": approve_form,
            "location_guess": guess,
            "can_review": submission.status == Submission.Status.SUBMITTED
            and self.has_change_permission(request, submission),
        }
        return TemplateResponse(request, "admin/surveys/submission/review.html", context)

    def _review_action(self, request, submission, reject_form, approve_form):
        action = request.POST.get("action")
        try:
            if action == "approve_new":
                if not approve_form.is_valid():
                    self.message_user(request, _("Check the location below."), messages.ERROR)
                    return None
                # No location fields posted at all (not the page's form): the town-centre guess.
                location = approve_form.location() if "latitude" in request.POST else None
                company = services.approve_as_new(submission, request.user, location=location)
                state = (
                    _("published")
                    if company.status == Company.Status.PUBLISHED
                    else _("saved as a draft (no consent to publish)")
                )
                self.message_user(
                    request,
                    format_html(
                        "{} <a href='{}'>{}</a>",
                        _("Approved: the company was %(state)s.") % {"state": state},
                        _company_admin_url(company),
                        company.name,
                    ),
                    messages.SUCCESS,
                )
                if not company.has_coordinates:
                    self.message_user(
                        request,
                        _(
                            "%(name)s has no coordinates, so it is not on the map: add them "
                            "on its page."
                        )
                        % {"name": company.name},
                        messages.WARNING,
                    )
            elif action == "reject":
                if not reject_form.is_valid():
                    self.message_user(request, _("Give a reason to reject."), messages.ERROR)
                    return None
                services.reject(
                    submission,
                    request.user,
                    reason=reject_form.cleaned_data["reason"],
                    notify=reject_form.cleaned_data["notify"],
                )
                self.message_user(request, _("Rejected."), messages.SUCCESS)
            elif action == "spam":
                services.mark_spam(submission, request.user)
                self.message_user(request, _("Marked as spam."), messages.SUCCESS)
            else:
                self.message_user(request, _("Unknown action."), messages.ERROR)
        except services.ApprovalError as error:
            self.message_user(request, str(error), messages.ERROR)
        return redirect("admin:surveys_submission_review", object_id=submission.pk)

    def approve_update_view(self, request, object_id, company_id):
        submission = self._submission(request, object_id)
        if not self.has_change_permission(request, submission):
            raise PermissionDenied
        company = selectors.company_prefill(
            get_object_or_404(permissions.companies_visible_to(request.user), pk=company_id)
        )
        diff = services.company_diff(submission, company)
        form = ApproveUpdateForm(
            request.POST or None, diff=diff, initial={"company_version": company.version}
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.approve_as_update(
                    submission,
                    company,
                    request.user,
                    fields=form.chosen_fields(),
                    expected_version=form.cleaned_data["company_version"],
                )
            except services.ApprovalError as error:
                self.message_user(request, str(error), messages.ERROR)
                return redirect(
                    "admin:surveys_submission_approve_update",
                    object_id=submission.pk,
                    company_id=company.pk,
                )
            self.message_user(
                request,
                _("Approved: %(company)s was updated.") % {"company": company.name},
                messages.SUCCESS,
            )
            return redirect("admin:surveys_submission_review", object_id=submission.pk)
        rows = [(change, form[f"apply_{change.field}"]) for change in diff]
        removals = [(change, field) for change, field in rows if change.removal]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Approve as an update of %(company)s") % {"company": company.name},
            "submission": submission,
            "company": company,
            "rows": [(change, field) for change, field in rows if not change.removal],
            "removals": removals,
            "form": form,
        }
        return TemplateResponse(request, "admin/surveys/submission/approve_update.html", context)

    # ---- Actions -------------------------------------------------------------------------

    @admin.action(description=_("Mark selected submissions as spam"), permissions=["change"])
    def mark_as_spam(self, request, queryset):
        marked = 0
        for submission in queryset:
            try:
                services.mark_spam(submission, request.user)
                marked += 1
            except services.ApprovalError:
                continue
        self.message_user(request, _("%(count)s marked as spam.") % {"count": marked})

    def _emails(self, queryset):
        return sorted(
            {email for email in queryset.values_list("contact_email", flat=True) if email}
        )

    @admin.action(
        description=_("Export everything held about these respondents (JSON)"),
        permissions=["curate"],
    )
    def export_respondent_data(self, request, queryset):
        emails = self._emails(queryset)
        data = services.respondent_export(emails)
        response = HttpResponse(
            json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False),
            content_type="application/json",
        )
        response["Content-Disposition"] = 'attachment; filename="respondent-data.json"'
        return response

    @admin.action(
        description=_("Erase these respondents' contact data (keeps the counts)"),
        permissions=["curate"],
    )
    def erase_respondent_data(self, request, queryset):
        emails = self._emails(queryset)
        erased = services.erase_respondent(emails) if emails else 0
        self.message_user(
            request, _("Contact data erased from %(count)s submissions.") % {"count": erased}
        )
