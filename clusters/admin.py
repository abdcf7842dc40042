"""Curation of clusters, companies and the competency taxonomy.

Curators (and superusers) curate every company; cluster staff (users in Cluster.staff)
see and edit only their own clusters' members (the rule is clusters.permissions). Status
changes and merges go through clusters.services so caches, history and the home counters
stay right.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import connection
from django.template.response import TemplateResponse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from import_export import fields, resources
from import_export.admin import ImportExportModelAdmin
from import_export.widgets import ManyToManyWidget
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline
from simple_history.admin import SimpleHistoryAdmin

from core.admin_rows import SharedRelatedChoicesInline
from core.content_translations import MissingTranslationsColumnMixin, changed_any, translated_form
from core.form_rendering import RenderedOnceSelect
from core.forms import SingleLineMixin, SingleLineModelForm
from core.languages import country_name
from core.pagination import CachedCountPaginator
from core.spreadsheets import safe_cell
from core.validators import ImageUploadMixin

from . import caches, permissions, services
from .models import (
    Cluster,
    Company,
    CompanyCompetency,
    CompanyMarket,
    Competency,
    CompetencyArea,
    Offering,
    Sector,
)
from .selectors import facets

STALE_MESSAGE = _(
    "This company has been changed by someone else since you opened it. Your changes were "
    "not saved: open the company again to see the current version, then redo your edits."
)


# ---- Import / export ---------------------------------------------------------------------


class CompanyResource(resources.ModelResource):
    clusters = fields.Field(
        attribute="clusters",
        column_name="clusters",
        widget=ManyToManyWidget(Cluster, field="slug", separator="|"),
    )
    sectors = fields.Field(
        attribute="sectors",
        column_name="sectors",
        widget=ManyToManyWidget(Sector, field="slug", separator="|"),
    )

    class Meta:
        model = Company
        import_id_fields = ["slug"]
        skip_unchanged = True
        report_skipped = True
        fields = [
            "slug",
            "name",
            "vat_number",
            "status",
            "clusters",
            "sectors",
            "country",
            "city",
            "latitude",
            "longitude",
            "website",
            "public_email",
            "public_phone",
            "description",
            "description_language",
            "size",
            "founding_year",
            "export_share",
            "certifications",
            "languages",
            "contact_name",
            "contact_role",
            "contact_email",
            "contact_phone",
            "consent_publish_contact",
            "consent_contact_by_partners",
            "is_demo",
        ]
        export_order = fields

    def after_import(self, dataset, result, **kwargs):
        # Rows are saved one by one without their search text: rebuilt once for all of them.
        if not kwargs.get("dry_run"):
            services.refresh_search_documents(
                row.object_id for row in result.valid_rows() if row.object_id
            )

    def export_field(self, field, instance, **kwargs):
        # CSV and XLSX cells never become formulas (the rule of every export).
        return safe_cell(super().export_field(field, instance, **kwargs))


# ---- Company admin -----------------------------------------------------------------------


class CompanyAdminForm(SingleLineMixin, ImageUploadMixin, forms.ModelForm):
    # Logos are decoded and re-encoded (metadata dropped, pixel and size limits).
    image_fields = ("logo",)
    # Optimistic locking: the version the editor opened, compared on save.
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    current_user = None  # set per request by CompanyAdmin.get_form

    class Meta:
        model = Company
        # The admin narrows this to its fieldsets; listed for use outside the admin.
        fields = CompanyResource.Meta.fields + ["logo"]
        widgets = {"country": RenderedOnceSelect}  # as CompanyMarketForm's

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["lock_version"].initial = self.instance.version
        # Cluster staff edit only their own clusters' memberships; the company's memberships
        # in other clusters are not offered and are kept on save (clean_clusters).
        self.kept_cluster_ids = set()
        if (
            "clusters" in self.fields
            and self.current_user
            and not permissions.is_curator(self.current_user)
        ):
            user = self.current_user
            field = self.fields["clusters"]
            field.queryset = permissions.visible_clusters(user)
            field.required = True
            self.kept_cluster_ids = permissions.foreign_cluster_ids(user, self.instance)
            if self.kept_cluster_ids:
                self.initial["clusters"] = [
                    cluster
                    for cluster in self.initial.get("clusters") or []
                    if getattr(cluster, "pk", cluster) not in self.kept_cluster_ids
                ]
                kept = Cluster.objects.filter(pk__in=self.kept_cluster_ids).order_by("name")
                field.help_text = _(
                    "Also a member of %(clusters)s: those memberships belong to other "
                    "clusters' staff and are kept."
                ) % {"clusters": ", ".join(c.acronym or c.name for c in kept)}

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk:
            current = Company.objects.filter(pk=self.instance.pk)
            if connection.in_atomic_block:
                # The admin saves in a transaction: lock the row so two saves in flight
                # cannot both pass this check.
                current = current.select_for_update()
            current_version = current.values_list("version", flat=True).first()
            if cleaned_data.get("lock_version") != current_version:
                raise ValidationError(STALE_MESSAGE, code="stale")
        return cleaned_data

    def clean_location_approximate(self):
        # Coordinates a curator corrects are no longer the town-centre guess.
        changed = set(self.changed_data)
        if "location_approximate" not in changed and changed & {"latitude", "longitude"}:
            return False
        return self.cleaned_data.get("location_approximate")

    def clean_clusters(self):
        clusters = self.cleaned_data.get("clusters")
        user = self.current_user
        if user is not None and not permissions.is_curator(user) and clusters is not None:
            allowed = permissions.staff_cluster_ids(user)
            if not allowed.intersection(c.pk for c in clusters):
                raise ValidationError(_("Choose at least one of your own clusters."))
            if self.kept_cluster_ids:
                # Saved as: the user's choice among their clusters + every other membership.
                kept = Cluster.objects.filter(pk__in=self.kept_cluster_ids)
                return [*clusters, *kept]
        return clusters


class OfferingInline(SharedRelatedChoicesInline):
    form = SingleLineModelForm
    model = Offering
    extra = 0
    fields = ["kind", "name", "description", "sector"]
    shared_choice_fields = ("sector",)


class CompanyCompetencyInline(SharedRelatedChoicesInline):
    form = SingleLineModelForm
    model = CompanyCompetency
    extra = 0
    autocomplete_fields = ["competency"]
    verbose_name = _("competency")
    verbose_name_plural = _("competencies")

    def get_queryset(self, request):
        # Each row shows its competency's name (its __str__ and the autocomplete's choice):
        # loaded with the rows, not one query per row.
        return super().get_queryset(request).select_related("competency")


class CompanyMarketForm(SingleLineModelForm):
    class Meta:
        # The options' markup of the 250 countries is kept per language, not built as 250
        # dicts for each row (core.form_rendering.RenderedOnceMixin; issue #17).
        widgets = {"country": RenderedOnceSelect}


class CompanyMarketInline(admin.TabularInline):
    form = CompanyMarketForm
    model = CompanyMarket
    extra = 0
    fields = ["kind", "country", "priority"]


class MergeForm(forms.Form):
    keep = forms.ModelChoiceField(
        queryset=Company.objects.none(),
        widget=forms.RadioSelect,
        label=_("Keep this company; the others are folded into it and archived"),
    )

    def __init__(self, *args, companies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keep"].queryset = Company.objects.filter(pk__in=[c.pk for c in companies])


class VisibleClustersFilter(admin.RelatedFieldListFilter):
    """The clusters a user may filter companies by: every cluster for curators, their own for
    cluster staff (permissions.staff_cluster_ids). RelatedOnlyFieldListFilter asked which
    clusters have a visible member instead: a DISTINCT over every membership, 35 ms of each
    list page at 100k companies (issue #17)."""

    # Django's filter.html, its 300 items written by a tag (company_admin_tags).
    template = "admin/clusters/company/cluster_filter.html"

    def field_choices(self, field, request, model_admin):
        ordering = tuple(self.field_admin_ordering(field, request, model_admin))
        user = request.user
        allowed = None if permissions.is_curator(user) else permissions.staff_cluster_ids(user)
        # Cached per language (facets.cluster_choices): what field.get_choices() would list.
        return facets.cluster_choices(ordering=ordering, cluster_ids=allowed)

    def choices(self, changelist):
        """Django's choices, each cluster's link built from the other parameters encoded
        once: get_query_string() copied, sorted and encoded them all again for each of the
        300 clusters at scale (a sixth of the list page)."""
        if changelist.add_facets:
            yield from super().choices(changelist)
            return
        yield {
            "selected": self.lookup_val is None and not self.lookup_val_isnull,
            "query_string": changelist.get_query_string(
                remove=[self.lookup_kwarg, self.lookup_kwarg_isnull]
            ),
            "display": _("All"),
        }
        kept = {
            key: value
            for key, value in changelist.filter_params.items()
            if key != self.lookup_kwarg and not key.startswith(self.lookup_kwarg_isnull)
        }
        # get_query_string() encodes the parameters sorted by name: the cluster's goes
        # between those before and after it.
        before = urlencode(sorted(i for i in kept.items() if i[0] < self.lookup_kwarg), doseq=True)
        after = urlencode(sorted(i for i in kept.items() if i[0] > self.lookup_kwarg), doseq=True)
        for pk_val, val in self.lookup_choices:
            cluster = urlencode([(self.lookup_kwarg, pk_val)], doseq=True)
            yield {
                "selected": self.lookup_val is not None and str(pk_val) in self.lookup_val,
                "query_string": "?" + "&".join(part for part in (before, cluster, after) if part),
                "display": val,
            }
        if self.include_empty_choice:
            yield {
                "selected": bool(self.lookup_val_isnull),
                "query_string": changelist.get_query_string(
                    {self.lookup_kwarg_isnull: "True"}, [self.lookup_kwarg]
                ),
                "display": self.empty_value_display,
            }


class CompanyCountryFilter(admin.SimpleListFilter):
    """The countries companies are in (a dozen), by name: the field's own filter listed all
    250 countries with a link each, a third of the list page at 100k (issue #17). Same
    parameter as that filter, so saved links keep working."""

    title = _("country")
    parameter_name = "country__exact"

    def lookups(self, request, model_admin):
        names = ((code, country_name(code)) for code in facets.company_countries())
        return sorted(names, key=lambda choice: choice[1])

    def queryset(self, request, queryset):
        return queryset.filter(country=self.value()) if self.value() else queryset


class CompanyListPaginator(CachedCountPaginator):
    # The list's count (a 20 ms scan of a common search at 100k companies) is kept until a
    # company, membership or term changes; the key is the query, so each user's own.
    count_cache = caches.ADMIN_COUNTS


@admin.register(Company)
class CompanyAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    form = CompanyAdminForm
    resource_classes = [CompanyResource]
    inlines = [OfferingInline, CompanyCompetencyInline, CompanyMarketInline]
    list_display = ["name", "status", "country_name", "city", "size", "cluster_list", "updated_at"]
    list_filter = [
        "status",
        ("clusters", VisibleClustersFilter),
        "sectors",
        CompanyCountryFilter,
        "size",
        "updated_at",
        "is_demo",
    ]
    search_fields = ["name", "vat_number", "city", "slug"]
    autocomplete_fields = ["clusters"]
    filter_horizontal = ["sectors"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["version", "created_at", "updated_at", "published_at"]
    # No date drill-down or full count: each is a scan of every match at 100k companies
    # (issue #17); the updated_at list filter narrows by date instead.
    show_full_result_count = False
    paginator = CompanyListPaginator
    actions = ["publish_selected", "unpublish_selected", "archive_selected", "merge_selected"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "slug",
                    "status",
                    "is_demo",
                    "vat_number",
                    "clusters",
                    "sectors",
                    "lock_version",
                ]
            },
        ),
        (
            _("Profile"),
            {
                "fields": [
                    "description",
                    "description_language",
                    "logo",
                    "size",
                    "founding_year",
                    "export_share",
                    "certifications",
                    "languages",
                ]
            },
        ),
        (
            _("Location and public contact"),
            {
                "fields": [
                    "country",
                    "city",
                    ("latitude", "longitude"),
                    "location_approximate",
                    "website",
                    "public_email",
                    "public_phone",
                ]
            },
        ),
        (
            _("Contact person (private unless consented)"),
            {
                "fields": [
                    "contact_name",
                    "contact_role",
                    "contact_email",
                    "contact_phone",
                    "consent_publish_contact",
                    "consent_contact_by_partners",
                ]
            },
        ),
        (_("Record"), {"fields": ["version", "created_at", "updated_at", "published_at"]}),
    ]

    # -- row-level access ----------------------------------------------------------------

    def get_queryset(self, request):
        queryset = super().get_queryset(request).prefetch_related("clusters")
        return permissions.companies_visible_to(request.user, queryset)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and permissions.can_view_company(
            request.user, obj
        )

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and permissions.can_change_company(
            request.user, obj
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and permissions.can_change_company(
            request.user, obj
        )

    def has_import_permission(self, request):
        return permissions.can_import_companies(request.user) and super().has_import_permission(
            request
        )

    def has_merge_permission(self, request):
        return permissions.can_merge_companies(request.user)

    def get_autocomplete_fields(self, request):
        # Cluster staff pick from their own clusters only (a plain, filtered select).
        return self.autocomplete_fields if permissions.is_curator(request.user) else []

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"current_user": request.user})

    def get_list_filter(self, request):
        filters = list(super().get_list_filter(request))
        if permissions.is_curator(request.user):
            return filters
        return [f for f in filters if f != "is_demo"]

    # -- derived data ----------------------------------------------------------------------

    def save_related(self, request, form, formsets, change):
        # The company, its sectors and every inline row are saved: its search text is
        # rebuilt once, whatever the number of competency, offering and market rows.
        super().save_related(request, form, formsets, change)
        services.refresh_search_documents([form.instance.pk])

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # Reverting to an older version saves the company without save_related.
        response = super().history_form_view(request, object_id, version_id, extra_context)
        if request.method == "POST" and response.status_code == 302:
            services.refresh_search_documents([object_id])
        return response

    @admin.display(description=_("country"), ordering="country")
    def country_name(self, obj):
        # The field as a column would look its value up in the choices of 250 countries,
        # normalised anew for every row (django-countries' flatchoices): 160 ms of a
        # 100-row page at 100k companies (issue #17). Names kept per language
        # (core.languages.country_name); None shows the admin's empty value.
        return country_name(obj.country.code) or None

    @admin.display(description=_("clusters"))
    def cluster_list(self, obj):
        return ", ".join(cluster.acronym or cluster.name for cluster in obj.clusters.all())

    # -- bulk actions --------------------------------------------------------------------

    def _report(self, request, message):
        self.message_user(request, message, messages.SUCCESS)

    def _change_status(self, request, queryset, change, message):
        # `message`: ngettext_lazy(..., "count"), the plural chosen by the number changed.
        count = change(list(queryset), user=request.user)
        self._report(request, message % {"count": count})

    @admin.action(description=_("Publish the selected companies"), permissions=["change"])
    def publish_selected(self, request, queryset):
        self._change_status(
            request,
            queryset,
            services.publish,
            ngettext_lazy(
                "%(count)d company published.", "%(count)d companies published.", "count"
            ),
        )

    @admin.action(
        description=_("Unpublish the selected companies (back to draft)"), permissions=["change"]
    )
    def unpublish_selected(self, request, queryset):
        self._change_status(
            request,
            queryset,
            services.unpublish,
            ngettext_lazy(
                "%(count)d company unpublished.", "%(count)d companies unpublished.", "count"
            ),
        )

    @admin.action(description=_("Archive the selected companies"), permissions=["change"])
    def archive_selected(self, request, queryset):
        self._change_status(
            request,
            queryset,
            services.archive,
            ngettext_lazy("%(count)d company archived.", "%(count)d companies archived.", "count"),
        )

    @admin.action(description=_("Merge the selected duplicates"), permissions=["merge"])
    def merge_selected(self, request, queryset):
        companies = list(queryset.order_by("created_at", "pk"))
        if len(companies) < 2:
            self.message_user(
                request, _("Select at least two companies to merge."), level=messages.WARNING
            )
            return None
        if "apply" in request.POST:
            form = MergeForm(request.POST, companies=companies)
            if form.is_valid():
                keep = form.cleaned_data["keep"]
                for duplicate in companies:
                    if duplicate.pk != keep.pk:
                        keep = services.merge_companies(keep, duplicate, user=request.user)
                self.message_user(
                    request,
                    _("Merged %(count)d companies into %(name)s.")
                    % {"count": len(companies) - 1, "name": keep.name},
                    level=messages.SUCCESS,
                )
                return None
        else:
            form = MergeForm(companies=companies, initial={"keep": companies[0].pk})
        return TemplateResponse(
            request,
            "admin/clusters/company/merge.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Merge duplicate companies"),
                "opts": self.model._meta,
                "companies": companies,
                "form": form,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )


# ---- Clusters and taxonomy ---------------------------------------------------------------


@admin.register(Cluster)
class ClusterAdmin(MissingTranslationsColumnMixin, TranslationAdmin):
    # The description per language (clusters/translation.py); the name is a proper name.
    form = translated_form(SingleLineModelForm)
    list_display = [
        "acronym",
        "name",
        "country",
        "city",
        "is_partner",
        "is_coordinator",
        "missing_translations",
    ]
    list_filter = ["is_partner", "country", "sectors"]
    search_fields = ["name", "acronym", "city"]
    prepopulated_fields = {"slug": ["acronym"]}
    filter_horizontal = ["sectors", "staff"]

    # Cluster staff see their own clusters' records only (lists, pages, autocompletes).
    def get_queryset(self, request):
        return permissions.visible_clusters(request.user, super().get_queryset(request))


class TaxonomyTermAdmin(MissingTranslationsColumnMixin, TranslationAdmin):
    """Competencies, areas and sectors: their names are part of companies' search text,
    so saves and deletes go through clusters.services, which rewrites it. Names and
    descriptions are edited per language side by side (clusters/translation.py)."""

    form = translated_form(SingleLineModelForm)
    # A change of these fields (in any language) changes the text of the companies that
    # name the term.
    search_text_fields = ("name",)

    def save_model(self, request, obj, form, change):
        renamed = change and changed_any(form, self.search_text_fields)
        services.save_taxonomy_term(obj, renamed=renamed)

    def delete_model(self, request, obj):
        services.delete_taxonomy_terms([obj])

    def delete_queryset(self, request, queryset):
        services.delete_taxonomy_terms(queryset)


class CompetencyInline(TranslationStackedInline):
    # Stacked: a name and a description in six languages do not fit a table row.
    form = translated_form(SingleLineModelForm)
    model = Competency
    extra = 0
    fields = ["name", "slug", "description", "position"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(CompetencyArea)
class CompetencyAreaAdmin(TaxonomyTermAdmin):
    list_display = ["name", "position", "missing_translations"]
    list_editable = ["position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [CompetencyInline]

    def save_model(self, request, obj, form, change):
        services.save_taxonomy_term(obj, renamed=False)  # the text is rewritten below

    def save_related(self, request, form, formsets, change):
        # The area renamed, or competencies renamed or removed inline: the companies naming
        # the area, found before the inline saves, are rewritten once.
        rewrites = change and (
            changed_any(form, ["name"]) or any(f.has_changed() for f in formsets)
        )
        company_ids = services.companies_mentioning([form.instance]) if rewrites else []
        super().save_related(request, form, formsets, change)
        services.refresh_search_documents(company_ids)


@admin.register(Competency)
class CompetencyAdmin(TaxonomyTermAdmin):
    search_text_fields = ("name", "area")
    list_display = ["name", "area", "position", "missing_translations"]
    list_filter = ["area"]
    list_select_related = ["area"]
    search_fields = ["name", "description", "area__name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Sector)
class SectorAdmin(TaxonomyTermAdmin):
    list_display = ["name", "position", "missing_translations"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Offering)
class OfferingAdmin(admin.ModelAdmin):
    form = SingleLineModelForm
    list_display = ["name", "kind", "company", "sector"]
    list_filter = ["kind", "sector"]
    list_select_related = ["company", "sector"]
    search_fields = ["name", "description", "company__name"]
    autocomplete_fields = ["company"]

    def save_model(self, request, obj, form, change):
        previous_company_id = form.initial.get("company") if change else None
        super().save_model(request, obj, form, change)
        services.refresh_search_documents({obj.company_id, previous_company_id} - {None})

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        services.refresh_search_documents([obj.company_id])

    def delete_queryset(self, request, queryset):
        company_ids = set(queryset.values_list("company_id", flat=True))
        super().delete_queryset(request, queryset)
        services.refresh_search_documents(company_ids)

    # Cluster staff edit offerings inline on their companies; this list is for curators.
    def _listed_for(self, request):
        return permissions.can_manage_offerings_list(request.user)

    def has_view_permission(self, request, obj=None):
        return self._listed_for(request) and super().has_view_permission(request, obj)

    def has_add_permission(self, request):
        return self._listed_for(request) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return self._listed_for(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._listed_for(request) and super().has_delete_permission(request, obj)
