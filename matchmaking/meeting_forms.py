"""Forms of the meeting workflow: request, pick a slot (accept, reschedule), decline."""

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from core.languages import weekday_date_format

from .booking import ON_SITE, ONLINE
from .models import Opportunity

MODE_LABELS = {ON_SITE: _("on site, at a table"), ONLINE: _("online")}


class MeetingRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "class": "form-control"}),
        help_text=_("Say who you are and what you would like to discuss."),
    )
    opportunity = forms.ModelChoiceField(
        label=_("About an opportunity (optional)"),
        queryset=Opportunity.objects.none(),
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args, opportunities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opportunity"].queryset = opportunities


def slot_label(slot, *, zone, mode) -> str:
    """ "Tuesday 19 October 2021, 09:20–09:40 (Europe/Rome), on site, at a table"."""
    start = slot.start.astimezone(zone)
    end = slot.end.astimezone(zone)
    day = formats.date_format(start, weekday_date_format())
    return f"{day}, {start:%H:%M}–{end:%H:%M} ({zone.key}), {MODE_LABELS[mode]}"


class SlotForm(forms.Form):
    """One radio per slot and way of meeting; the times of an on-site meeting in the event's
    zone, of an online one in the viewer's own."""

    choice = forms.ChoiceField(label=_("When"), widget=forms.RadioSelect)
    video_link = forms.URLField(
        label=_("Video link (online meetings)"),
        required=False,
        max_length=200,
        help_text=_("Leave it empty to agree on one later."),
        widget=forms.URLInput(attrs={"class": "form-control"}),
    )

    def __init__(self, *args, choices, event_zone, viewer_zone, **kwargs):
        super().__init__(*args, **kwargs)
        options = []
        for choice in choices:
            for mode in choice.modes:
                zone = event_zone if mode == ON_SITE else viewer_zone
                options.append(
                    (f"{choice.slot.pk}:{mode}", slot_label(choice.slot, zone=zone, mode=mode))
                )
        self.fields["choice"].choices = options
        self.has_choices = bool(options)
        self.has_online = any(ONLINE in choice.modes for choice in choices)

    def picked(self) -> tuple[int, str]:
        slot, mode = self.cleaned_data["choice"].split(":")
        return int(slot), mode


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional, sent to them)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
    )


class AvailabilityForm(forms.Form):
    """One checkbox per meeting block, ticked when the participant can attend it."""

    blocks = forms.MultipleChoiceField(
        label=_("Blocks you can attend"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, blocks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["blocks"].choices = [
            (
                str(block.pk),
                f"{formats.date_format(block.date, weekday_date_format())}, "
                f"{block.start_time:%H:%M}–{block.end_time:%H:%M}",
            )
            for block in blocks
        ]

    def block_ids(self) -> list[int]:
        return [int(value) for value in self.cleaned_data["blocks"]]
