"""The organisers' view: programmes, the validation queue, requests, meetings per slot and
table (lock, move), the meeting plan export."""

from django import forms
from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.forms import SingleLineModelForm

from . import booking, exports, services
from .models import (
    Meeting,
    MeetingBlock,
    MeetingRequest,
    Opportunity,
    Organisation,
    Participant,
    Person,
    Programme,
    Slot,
    Table,
)


class ProgrammeFilter(admin.RelatedFieldListFilter):
    """The programme filter, named after each programme's event in one query (the default
    reads every programme's event one by one)."""

    def field_choices(self, field, request, model_admin):
        return [
            (programme.pk, str(programme))
            for programme in Programme.objects.select_related("event").order_by("-event__start")
        ]


class MeetingBlockInline(admin.TabularInline):
    model = MeetingBlock
    form = SingleLineModelForm
    extra = 1


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    form = SingleLineModelForm
    list_display = ["event", "registration_opens", "registration_closes", "on_site", "online"]
    list_select_related = ["event"]
    search_fields = ["event__title"]
    autocomplete_fields = ["event"]
    inlines = [MeetingBlockInline]
    actions = ["generate_slots", "export_meeting_plan"]

    @admin.action(description=_("Generate the slots and tables from the blocks"))
    def generate_slots(self, request, queryset):
        created = sum(services.generate_slots(programme) for programme in queryset)
        self.message_user(
            request,
            ngettext("%(count)d slot created.", "%(count)d slots created.", created)
            % {"count": created},
            messages.SUCCESS,
        )

    @admin.action(description=_("Export the meeting plan (XLSX)"))
    def export_meeting_plan(self, request, queryset):
        return exports.meeting_plan_response(list(queryset))


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    form = SingleLineModelForm
    list_display = ["name", "kind", "country", "company", "is_demo"]
    list_filter = ["kind", "is_demo"]
    search_fields = ["name"]
    autocomplete_fields = ["company"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    form = SingleLineModelForm
    list_display = ["full_name", "organisation", "user", "is_demo"]
    list_select_related = ["organisation", "user"]
    search_fields = ["full_name", "user__email", "organisation__name"]
    raw_id_fields = ["user", "organisation"]


class RejectionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (sent to the participant)"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    """The validation queue: filter "Waiting for validation", then validate or reject."""

    form = SingleLineModelForm
    list_display = ["person", "organisation", "country", "programme", "status", "created_at"]
    list_filter = ["status", ("programme", ProgrammeFilter), "is_demo"]
    list_select_related = ["person__organisation", "programme__event"]
    search_fields = ["person__full_name", "person__organisation__name", "person__user__email"]
    raw_id_fields = ["person"]
    filter_horizontal = ["offers", "looks_for"]
    readonly_fields = ["status", "rejection_reason", "validated_at", "validated_by", "created_at"]
    actions = ["validate", "reject"]

    @admin.display(description=_("organisation"), ordering="person__organisation__name")
    def organisation(self, participant):
        return participant.person.organisation

    @admin.display(description=_("country"))
    def country(self, participant):
        return participant.person.organisation.country.name

    @admin.action(description=_("Validate (the profile becomes visible)"))
    def validate(self, request, queryset):
        changed = services.validate_participants(queryset, by=request.user)
        self.message_user(
            request,
            ngettext(
                "%(count)d participant validated.", "%(count)d participants validated.", changed
            )
            % {"count": changed},
            messages.SUCCESS,
        )

    @admin.action(description=_("Reject, with a reason…"))
    def reject(self, request, queryset):
        form = RejectionForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            changed = services.reject_participants(
                queryset, reason=form.cleaned_data["reason"], by=request.user
            )
            self.message_user(
                request,
                ngettext(
                    "%(count)d participant rejected.", "%(count)d participants rejected.", changed
                )
                % {"count": changed},
                messages.SUCCESS,
            )
            return None
        return TemplateResponse(
            request,
            "admin/matchmaking/participant/reject.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Reject participants"),
                "opts": self.model._meta,
                "participants": queryset,
                "form": form,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )


@admin.register(MeetingRequest)
class MeetingRequestAdmin(admin.ModelAdmin):
    form = SingleLineModelForm
    list_display = ["sender", "recipient", "programme", "shown_status", "created_at", "expires_at"]
    list_filter = ["status", ("programme", ProgrammeFilter), "is_demo"]
    list_select_related = [
        "sender__person__organisation",
        "recipient__person__organisation",
        "programme__event",
    ]
    search_fields = [
        "sender__person__full_name",
        "sender__person__organisation__name",
        "recipient__person__full_name",
        "recipient__person__organisation__name",
    ]
    date_hierarchy = "created_at"
    # Requests change through the participants' answers (matchmaking.booking), not here.
    readonly_fields = [
        "programme",
        "sender",
        "recipient",
        "message",
        "opportunity",
        "status",
        "decline_reason",
        "cancelled_by",
        "created_at",
        "expires_at",
        "answered_at",
        "is_demo",
    ]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("status"), ordering="status")
    def shown_status(self, meeting_request):
        # Pending past its expiry is expired, before the expiry command marks it so.
        if booking.is_expired(meeting_request):
            return MeetingRequest.Status.EXPIRED.label
        return meeting_request.get_status_display()


class MeetingMoveForm(SingleLineModelForm):
    """Move a meeting: another slot of its programme, a table or online."""

    class Meta:
        model = Meeting
        fields = ["slot", "table", "video_link", "locked"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        programme_id = self.instance.programme_id
        self.fields["slot"].queryset = Slot.objects.filter(programme_id=programme_id)
        self.fields["table"].queryset = Table.objects.filter(programme_id=programme_id)

    def clean(self):
        data = super().clean()
        slot, table = data.get("slot"), data.get("table")
        meeting = self.instance
        moved = {"slot", "table", "video_link"} & set(self.changed_data)
        if moved and meeting.status != Meeting.Status.SCHEDULED:
            # A cancelled meeting is history: moving it would tell both sides a new time.
            raise forms.ValidationError(_("A cancelled meeting cannot be moved."))
        if slot is None:
            return data
        others = Meeting.objects.filter(slot=slot, status=Meeting.Status.SCHEDULED).exclude(
            pk=meeting.pk
        )
        if table is not None and others.filter(table=table).exists():
            self.add_error("table", _("Another meeting takes this table in this slot."))
        sides = [meeting.request.sender_id, meeting.request.recipient_id]
        if others.filter(seats__participant_id__in=sides, seats__is_active=True).exists():
            self.add_error("slot", _("One of the two sides has another meeting in this slot."))
        return data


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    """Meetings per slot and table. Changing the slot or table moves the meeting (both
    sides' calendars follow); locked meetings can only be changed here."""

    form = MeetingMoveForm
    list_display = ["slot", "table_or_online", "sender", "recipient", "status", "locked"]
    list_filter = [("programme", ProgrammeFilter), "status", "locked", "is_demo"]
    list_select_related = [
        "slot",
        "table",
        "request__sender__person__organisation",
        "request__recipient__person__organisation",
    ]
    ordering = ["slot__start", "table__number"]
    date_hierarchy = "slot__start"
    search_fields = [
        "request__sender__person__organisation__name",
        "request__recipient__person__organisation__name",
    ]
    readonly_fields = ["request", "programme", "status", "sequence", "uid", "cancelled_at"]
    actions = ["lock", "unlock", "export_meeting_plan"]

    def has_add_permission(self, request):
        # Meetings come from accepted requests (matchmaking.booking).
        return False

    @admin.display(description=_("table"), ordering="table__number")
    def table_or_online(self, meeting):
        return meeting.table or _("online")

    @admin.display(description=_("requested by"))
    def sender(self, meeting):
        return meeting.request.sender

    @admin.display(description=_("met by"))
    def recipient(self, meeting):
        return meeting.request.recipient

    def save_model(self, request, obj, form, change):
        moved = {"slot", "table", "video_link"} & set(form.changed_data)
        if "locked" in form.changed_data:
            services.set_meetings_locked([obj], locked=obj.locked)
        if moved:
            try:
                services.move_meeting(
                    obj, slot=obj.slot, table=obj.table, video_link=obj.video_link
                )
            except services.MoveRefused:
                self.message_user(
                    request,
                    _("The meeting was not moved: the slot or table was taken meanwhile."),
                    messages.ERROR,
                )
        obj.refresh_from_db()

    @admin.action(description=_("Lock (participants cannot move or cancel them)"))
    def lock(self, request, queryset):
        changed = services.set_meetings_locked(queryset, locked=True)
        self.message_user(request, _("%(count)d locked.") % {"count": changed}, messages.SUCCESS)

    @admin.action(description=_("Unlock"))
    def unlock(self, request, queryset):
        changed = services.set_meetings_locked(queryset, locked=False)
        self.message_user(request, _("%(count)d unlocked.") % {"count": changed}, messages.SUCCESS)

    @admin.action(description=_("Export the meeting plan of their programmes (XLSX)"))
    def export_meeting_plan(self, request, queryset):
        programmes = Programme.objects.filter(meetings__in=queryset).distinct()
        return exports.meeting_plan_response(list(programmes))


@admin.register(Opportunity)
class OpportunityAdmin(admin.ModelAdmin):
    form = SingleLineModelForm
    list_display = ["title", "kind", "participant", "created_at"]
    list_filter = ["kind", ("participant__programme", ProgrammeFilter)]
    list_select_related = ["participant__person__organisation"]
    search_fields = ["title", "participant__person__organisation__name"]
    raw_id_fields = ["participant"]
    filter_horizontal = ["competencies", "sectors"]


@admin.register(Slot)
class SlotAdmin(admin.ModelAdmin):
    form = SingleLineModelForm
    list_display = ["start", "end", "programme"]
    list_filter = [("programme", ProgrammeFilter)]
    list_select_related = ["programme__event"]
    ordering = ["start"]
