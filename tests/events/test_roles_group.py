import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command


@pytest.mark.django_db(transaction=True)
def test_event_editor_group_survives_a_flush_with_all_events_permissions():
    call_command("flush", interactive=False, verbosity=0)
    group = Group.objects.get(name="Event editor")
    labels = set(group.permissions.values_list("content_type__app_label", flat=True))
    assert labels == {"events"}
    assert group.permissions.filter(codename="change_event").exists()
