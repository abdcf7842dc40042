"""Forms of the events archive: the public list filters, the material request form and
the admin forms (uploads checked by content, times entered in the event's time zone)."""

import zoneinfo

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clusters.filters import ChoiceFilter
from core.forms import HoneypotMixin, SingleLineMixin
from core.languages import country_name
from core.validators import DOCUMENT_TYPES, ImageUploadMixin, validate_document

from . import selectors
from .models import RESERVED_EVENT_SLUGS, Event, Material, Session, Speaker, Talk

ONLINE = "online"


class EventFilter(django_filters.FilterSet):
    """Year, kind, place (a country or online) and cluster. Bad values are ignored:
    django-filter drops invalid fields from cleaned_data, so they never reach the query.
    The form's copies of the fields share their choices (clusters.filters.ChoiceFilter)."""

    year = ChoiceFilter(label=_("Year"), method="filter_year", empty_label=_("Any year"))
    kind = ChoiceFilter(label=_("Kind"), choices=Event.Kind.choices, empty_label=_("Any kind"))
    place = ChoiceFilter(
        label=_("Country or online"), method="filter_place", empty_label=_("Anywhere")
    )
    cluster = ChoiceFilter(
        label=_("Cluster"), method="filter_cluster", empty_label=_("Any cluster")
    )

    class Meta:
        model = Event
        fields = ["year", "kind", "place", "cluster"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        options = selectors.filter_options()
        self.filters["year"].extra["choices"] = [
            (str(year), str(year)) for year in options["years"]
        ]
        self.filters["place"].extra["choices"] = [(ONLINE, _("Online"))] + [
            (code, country_name(code)) for code in options["countries"]
        ]
        self.filters["cluster"].extra["choices"] = list(options["clusters"])

    def filter_year(self, queryset, name, value):
        return queryset.filter(start__year=int(value))

    def filter_place(self, queryset, name, value):
        if value == ONLINE:
            return queryset.filter(is_online=True)
        return queryset.filter(country=value)

    def filter_cluster(self, queryset, name, value):
        matching = Event.objects.filter(
            Q(organiser__slug=value) | Q(partner_clusters__slug=value)
        ).values("pk")
        return queryset.filter(pk__in=matching)


class MaterialRequestForm(HoneypotMixin, forms.Form):
    """Ask the secretariat for a material that is available on request."""

    material = forms.TypedChoiceField(label=_("Material"), coerce=int)
    name = forms.CharField(label=_("Your name"), max_length=150)
    email = forms.EmailField(label=_("Email"), max_length=254)
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    purpose = forms.CharField(
        label=_("What will you use it for?"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the C2Future secretariat uses these details to answer this "
            "request, and for nothing else."
        ),
        required=True,
    )

    def __init__(self, *args, materials, chosen=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.materials = {material.pk: material for material in materials}
        # A required <select> starts with an empty choice (HTML: its first option must
        # have an empty value), so nobody sends the first material by mistake.
        self.fields["material"].choices = [("", _("Choose a material"))] + [
            (material.pk, material.title) for material in self.materials.values()
        ]
        if chosen in self.materials:
            self.fields["material"].initial = chosen
        elif len(self.materials) == 1:
            self.fields["material"].initial = next(iter(self.materials))
        for name in ("name", "email", "organisation", "purpose"):
            self.fields[name].widget.attrs["class"] = "form-control"
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["organisation"].widget.attrs["autocomplete"] = "organization"

    def clean_material(self):
        return self.materials[self.cleaned_data["material"]]


# ---- Admin forms -------------------------------------------------------------------------


class EventLocalTimesMixin:
    """Start and end are typed and shown in the event's own time zone, not the server's.

    The form field parses the wall-clock time in the current (server) time zone; clean()
    re-reads those same digits in the event's time zone before the model is validated.
    """

    local_time_fields = ("start", "end")

    def __init__(self, *args, parent=None, **kwargs):
        self.parent = parent
        super().__init__(*args, **kwargs)
        tz = self.event_time_zone()
        for name in self.local_time_fields:
            if name not in self.fields:
                continue
            self.fields[name].help_text = _("In the event's time zone.")
            value = getattr(self.instance, name, None)
            if tz and value and name not in self.data:
                self.initial[name] = timezone.localtime(value, tz).replace(tzinfo=None)

    def event_time_zone(self, cleaned_data=None):
        raise NotImplementedError

    def clean(self):
        cleaned_data = super().clean()
        tz = self.event_time_zone(cleaned_data)
        if tz:
            for name in self.local_time_fields:
                value = cleaned_data.get(name)
                if value:
                    wall_clock = timezone.make_naive(value)
                    cleaned_data[name] = wall_clock.replace(tzinfo=tz)
        return cleaned_data


def _zone(name):
    try:
        return zoneinfo.ZoneInfo(name) if name else None
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


class EventAdminForm(SingleLineMixin, EventLocalTimesMixin, ImageUploadMixin, forms.ModelForm):
    image_fields = ("cover_image",)

    class Meta:
        model = Event
        fields = [
            "title",
            "slug",
            "kind",
            "status",
            "summary",
            "description",
            "start",
            "end",
            "time_zone",
            "is_online",
            "venue_name",
            "venue_address",
            "city",
            "country",
            "latitude",
            "longitude",
            "organiser",
            "partner_clusters",
            "language",
            "attendance",
            "cover_image",
            "registration_url",
            "recording_url",
            "slides_url",
        ]

    def event_time_zone(self, cleaned_data=None):
        if cleaned_data is not None:
            return _zone(cleaned_data.get("time_zone"))
        return _zone(self.instance.time_zone) if self.instance.pk else None

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug in RESERVED_EVENT_SLUGS:
            raise forms.ValidationError(_("This slug is reserved; choose another one."))
        return slug


class SessionAdminForm(SingleLineMixin, EventLocalTimesMixin, forms.ModelForm):
    class Meta:
        model = Session
        fields = ["event", "title", "start", "end", "position"]

    def event_time_zone(self, cleaned_data=None):
        event = self.parent if isinstance(self.parent, Event) else None
        if event is None and self.instance.event_id:
            event = self.instance.event
        return _zone(event.time_zone) if event else None


class TalkAdminForm(SingleLineMixin, EventLocalTimesMixin, forms.ModelForm):
    class Meta:
        model = Talk
        fields = [
            "session",
            "title",
            "abstract",
            "start",
            "end",
            "speakers",
            "is_placeholder",
            "position",
        ]

    def event_time_zone(self, cleaned_data=None):
        session = self.parent if isinstance(self.parent, Session) else None
        if session is None and self.instance.session_id:
            session = self.instance.session
        return _zone(session.event.time_zone) if session and session.event_id else None


class ParentFormSet(forms.BaseInlineFormSet):
    """Hands each inline form its parent object (it may not be saved yet)."""

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "parent": self.instance}


class SpeakerAdminForm(SingleLineMixin, ImageUploadMixin, forms.ModelForm):
    image_fields = ("photo",)

    class Meta:
        model = Speaker
        fields = ["name", "slug", "role", "organisation", "country", "bio", "photo"]


class MaterialAdminForm(SingleLineMixin, forms.ModelForm):
    """Documents are checked by content (PDF, PPTX, ODP, DOCX, 50 MB at most); the detected
    type and the size are stored, so downloads never trust the uploaded name."""

    class Meta:
        model = Material
        fields = [
            "event",
            "session",
            "talk",
            "title",
            "kind",
            "file",
            "external_url",
            "on_request",
            "position",
        ]

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        # Only new uploads carry content_type; an existing file was checked already.
        if upload and hasattr(upload, "content_type"):
            kind = validate_document(upload)
            self.instance.content_type = DOCUMENT_TYPES[kind]
            self.instance.file_size = upload.size
        elif not upload:
            self.instance.content_type = ""
            self.instance.file_size = None
        return upload
