import uuid

from django.db import migrations, models


def give_existing_events_a_uid(apps, schema_editor):
    Event = apps.get_model("events", "Event")
    for event in Event.objects.filter(uid__isnull=True).only("pk"):
        Event.objects.filter(pk=event.pk).update(uid=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0002_event_editor_group"),
    ]

    operations = [
        migrations.AddField(
            model_name="event",
            name="uid",
            field=models.UUIDField(editable=False, null=True, verbose_name="calendar UID"),
        ),
        migrations.RunPython(give_existing_events_a_uid, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="event",
            name="uid",
            field=models.UUIDField(
                default=uuid.uuid4, editable=False, unique=True, verbose_name="calendar UID"
            ),
        ),
        migrations.AddField(
            model_name="event",
            name="sequence",
            field=models.PositiveIntegerField(default=0, editable=False, verbose_name="revision"),
        ),
        migrations.AddField(
            model_name="event",
            name="changed_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="last changed"
            ),
        ),
        migrations.AlterField(
            model_name="event",
            name="end",
            field=models.DateTimeField(
                help_text="The same as the start when the end time is not published.",
                verbose_name="end",
            ),
        ),
    ]
