"""Admin for the events archive: events with their programme and materials, speakers,
and the queue of material requests."""

from django.contrib import admin, messages
from django.db.models import Count
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from core.content_translations import MissingTranslationsColumnMixin, translated_form
from core.forms import SingleLineModelForm

from . import permissions, services
from .forms import (
    EventAdminForm,
    MaterialAdminForm,
    ParentFormSet,
    SessionAdminForm,
    SpeakerAdminForm,
    TalkAdminForm,
)
from .models import Event, Material, MaterialRequest, Session, Speaker, Talk


class SessionInline(TranslationTabularInline):
    model = Session
    form = translated_form(SessionAdminForm)
    formset = ParentFormSet
    extra = 0
    fields = ["title", "start", "end", "position"]
    # Talks are edited on the session page (Django has no nested inlines).
    show_change_link = True


class MaterialInline(TranslationStackedInline):
    model = Material
    form = translated_form(MaterialAdminForm)
    extra = 0
    fields = [
        "title",
        "kind",
        ("session", "talk"),
        "file",
        "external_url",
        "on_request",
        "position",
        "file_details",
        "download_count",
    ]
    readonly_fields = ["file_details", "download_count"]

    @admin.display(description=_("stored file"))
    def file_details(self, obj):
        if not obj.file:
            return "–"
        return f"{obj.content_type or '?'}, {filesizeformat(obj.file_size or 0)}"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Only the sessions and talks of the event being edited are offered.
        event_id = request.resolver_match.kwargs.get("object_id")
        if db_field.name == "session":
            kwargs["queryset"] = Session.objects.filter(event_id=event_id or None)
        elif db_field.name == "talk":
            kwargs["queryset"] = Talk.objects.filter(session__event_id=event_id or None)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Event)
class EventAdmin(MissingTranslationsColumnMixin, TranslationAdmin):
    # Title, summary and description per language, side by side (events/translation.py).
    form = translated_form(EventAdminForm)
    inlines = [SessionInline, MaterialInline]
    list_display = [
        "title",
        "kind",
        "local_start",
        "city",
        "is_online",
        "status",
        "missing_translations",
    ]
    list_filter = ["status", "kind", "is_online", "country", "organiser"]
    search_fields = ["title", "summary", "description", "venue_name", "city"]
    date_hierarchy = "start"
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["partner_clusters"]
    readonly_fields = ["created_at", "updated_at", "changed_at", "sequence", "uid"]
    actions = ["duplicate_events", "publish", "unpublish"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "status", "summary", "description"]}),
        (_("When"), {"fields": ["start", "end", "time_zone"]}),
        (
            _("Where"),
            {
                "fields": [
                    "is_online",
                    "venue_name",
                    "venue_address",
                    ("city", "country"),
                    ("latitude", "longitude"),
                ]
            },
        ),
        (
            _("Who"),
            {"fields": ["organiser", "partner_clusters", "language", "attendance"]},
        ),
        (
            _("Links and media"),
            {"fields": ["cover_image", "registration_url", "recording_url", "slides_url"]},
        ),
        (
            _("History"),
            {
                "fields": ["created_at", "updated_at", "changed_at", "sequence", "uid"],
                "classes": ["collapse"],
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organiser")

    @admin.display(description=_("start (event time)"), ordering="start")
    def local_start(self, obj):
        return f"{obj.local_start:%Y-%m-%d %H:%M} {obj.local_start.tzname()}"

    def has_duplicate_permission(self, request):
        return permissions.can_duplicate_events(request.user)

    def has_publish_permission(self, request):
        return permissions.can_publish_events(request.user)

    @admin.action(
        description=_("Duplicate as a draft (with programme and materials)"),
        permissions=["duplicate"],
    )
    def duplicate_events(self, request, queryset):
        copies = [services.duplicate_event(event) for event in queryset]
        self.message_user(
            request,
            ngettext(
                "Created %(count)d draft copy.", "Created %(count)d draft copies.", len(copies)
            )
            % {"count": len(copies)},
            messages.SUCCESS,
        )

    def _change_status(self, request, queryset, status, message):
        """Give the events `status`; `message(count)` says how many changed."""
        count = services.set_status(queryset, status=status)
        self.message_user(request, message(count) % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Publish"), permissions=["publish"])
    def publish(self, request, queryset):
        self._change_status(
            request,
            queryset,
            Event.Status.PUBLISHED,
            lambda n: ngettext("%(count)d event published.", "%(count)d events published.", n),
        )

    @admin.action(description=_("Unpublish (back to draft)"), permissions=["publish"])
    def unpublish(self, request, queryset):
        self._change_status(
            request,
            queryset,
            Event.Status.DRAFT,
            lambda n: ngettext("%(count)d event unpublished.", "%(count)d events unpublished.", n),
        )


class TalkInline(TranslationStackedInline):
    model = Talk
    form = translated_form(TalkAdminForm)
    formset = ParentFormSet
    extra = 0
    fields = [("title", "is_placeholder"), ("start", "end", "position"), "speakers", "abstract"]
    filter_horizontal = ["speakers"]


@admin.register(Session)
class SessionAdmin(MissingTranslationsColumnMixin, TranslationAdmin):
    form = translated_form(SessionAdminForm)
    inlines = [TalkInline]
    list_display = ["title", "event", "start", "position", "talk_count", "missing_translations"]
    list_filter = ["event"]
    search_fields = ["title", "event__title", "talks__title"]
    list_select_related = ["event"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(talks_total=Count("talks"))

    @admin.display(description=_("talks"), ordering="talks_total")
    def talk_count(self, obj):
        return obj.talks_total


@admin.register(Speaker)
class SpeakerAdmin(admin.ModelAdmin):
    form = SpeakerAdminForm
    list_display = ["name", "role", "organisation", "country", "has_photo"]
    list_filter = ["country"]
    search_fields = ["name", "role", "organisation", "bio"]
    prepopulated_fields = {"slug": ["name"]}

    @admin.display(description=_("photo"), boolean=True)
    def has_photo(self, obj):
        return bool(obj.photo)


@admin.register(MaterialRequest)
class MaterialRequestAdmin(admin.ModelAdmin):
    form = SingleLineModelForm
    list_display = [
        "created_at",
        "name",
        "email",
        "organisation",
        "material_link",
        "status",
        "handled_by",
        "handled_at",
    ]
    list_filter = ["status", "material__event", "created_at"]
    search_fields = ["name", "email", "organisation", "purpose", "material__title"]
    list_select_related = ["material__event", "handled_by"]
    date_hierarchy = "created_at"
    actions = ["mark_sent", "mark_declined"]
    fields = [
        "material",
        "name",
        "email",
        "organisation",
        "purpose",
        "consent",
        "created_at",
        "status",
        "handled_by",
        "handled_at",
    ]
    # The requester's details are evidence of what was asked: staff read, not rewrite them.
    readonly_fields = [
        "material",
        "name",
        "email",
        "organisation",
        "purpose",
        "consent",
        "created_at",
        "handled_by",
        "handled_at",
    ]

    def has_add_permission(self, request):
        return permissions.can_add_material_request(request.user)

    @admin.display(description=_("material"), ordering="material__title")
    def material_link(self, obj):
        url = reverse("admin:events_event_change", args=[obj.material.event_id])
        return format_html('{} (<a href="{}">{}</a>)', obj.material, url, obj.material.event)

    def save_model(self, request, obj, form, change):
        if change and "status" in form.changed_data:
            obj.handled_by = request.user
            obj.handled_at = timezone.now()
        super().save_model(request, obj, form, change)

    def _mark(self, request, queryset, status, label):
        count = services.mark_requests(queryset, status=status, user=request.user)
        self.message_user(
            request,
            ngettext(
                "%(count)d request marked as %(label)s.",
                "%(count)d requests marked as %(label)s.",
                count,
            )
            % {"count": count, "label": label},
            messages.SUCCESS,
        )

    @admin.action(description=_("Mark as sent"), permissions=["change"])
    def mark_sent(self, request, queryset):
        self._mark(request, queryset, MaterialRequest.Status.SENT, _("sent"))

    @admin.action(description=_("Mark as declined"), permissions=["change"])
    def mark_declined(self, request, queryset):
        self._mark(request, queryset, MaterialRequest.Status.DECLINED, _("declined"))
