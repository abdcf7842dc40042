"""Admin inline rows without a query per row for their related fields (issue #17).

An inline of nine rows asked the database, for every row, for the options of each of its
plain foreign-key selects (the same ten sectors each time) and for the label of its
autocomplete select's value (the row's own competency, already loaded with the row). These
helpers keep what each row shows and how a submitted row is validated: choices are read once
per formset, labels come from the row's instance, and anything else is asked as before.
"""

from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.forms.models import BaseInlineFormSet


class RowAutocompleteSelect(AutocompleteSelect):
    """An autocomplete select that renders its row's own value without a query.

    Django's widget looks up the label of the selected value on every render. Its row's
    formset gives it the value and label of the row's instance (`known_choice`); for any
    other value (a submitted row shown again with an error) it asks the database as before.
    """

    known_choice = None  # (value, label) of the row's saved instance

    def optgroups(self, name, value, attr=None):
        selected = {str(v) for v in value if str(v) not in self.choices.field.empty_values}
        known = self.known_choice
        if known is None or self.allow_multiple_selected or selected != {str(known[0])}:
            return super().optgroups(name, value, attr)
        # The structure Django's optgroups builds for one selected value.
        default = (None, [], 0)
        if not self.is_required:
            default[1].append(self.create_option(name, "", "", False, 0))
        default[1].append(self.create_option(name, known[0], known[1], selected, len(default[1])))
        return [default]


class KnownChoicesFormSet(BaseInlineFormSet):
    """Gives each row's RowAutocompleteSelect its instance's value and label."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        for name, field in form.fields.items():
            widget = getattr(field.widget, "widget", field.widget)  # inside the admin's wrapper
            if not isinstance(widget, RowAutocompleteSelect):
                continue
            related = form.instance._meta.get_field(name)
            if getattr(form.instance, related.attname, None) is None:
                continue
            # Loaded with the rows (the inline's select_related), else one query as before.
            instance = getattr(form.instance, name)
            widget.known_choice = (instance.pk, field.label_from_instance(instance))


class SharedRelatedChoicesInline(admin.TabularInline):
    """A tabular inline whose rows share what their related fields need to render.

    `shared_choice_fields`: foreign keys rendered as plain selects, their options read once
    per formset instead of once per row. `autocomplete_fields` render their row's own value
    without a query (list those relations in `get_queryset`'s select_related).
    """

    formset = KnownChoicesFormSet
    shared_choice_fields: tuple[str, ...] = ()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if (
            "widget" not in kwargs
            and db_field.name in self.get_autocomplete_fields(request)
            # A limited relation may not offer the row's value: Django's lookup decides.
            and not db_field.remote_field.limit_choices_to
        ):
            kwargs["widget"] = RowAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if field is not None and db_field.name in self.shared_choice_fields:
            # Every row's copy of the field shares this list (a copy keeps the choices a
            # field was given); validation still reads the queryset. Iterated, not len()-ed:
            # the iterator's length is a COUNT query.
            field.choices = list(iter(field.choices))
        return field
