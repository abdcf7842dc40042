"""The organisers' meeting plan (XLSX): slot, table, both sides, their languages, and a flag
on pairs that share no language (they need an interpreter)."""

import io

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from core.spreadsheets import safe_cell

from .models import Meeting

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def shared_languages(first, second) -> list[str]:
    return sorted(set(first.person.languages or []) & set(second.person.languages or []))


def plan_meetings(programmes):
    return (
        Meeting.objects.filter(programme__in=programmes, status=Meeting.Status.SCHEDULED)
        .select_related(
            "programme__event",
            "slot",
            "table",
            "request__sender__person__organisation",
            "request__recipient__person__organisation",
        )
        .order_by("programme_id", "slot__start", "table__number", "id")
    )


def plan_rows(meetings):
    header = [
        _("Event"),
        _("Date"),
        _("Start"),
        _("End"),
        _("Table"),
        _("Requested by"),
        _("Organisation"),
        _("Languages"),
        _("Met by"),
        _("Organisation"),
        _("Languages"),
        _("Shared languages"),
        _("Interpreter needed"),
        _("Video link"),
        _("Locked"),
    ]
    rows = []
    for meeting in meetings:
        tzinfo = meeting.programme.tzinfo
        start = timezone.localtime(meeting.slot.start, tzinfo)
        end = timezone.localtime(meeting.slot.end, tzinfo)
        sender, recipient = meeting.request.sender, meeting.request.recipient
        shared = shared_languages(sender, recipient)
        rows.append(
            [
                safe_cell(value)
                for value in (
                    meeting.programme.event.title,
                    start.strftime("%Y-%m-%d"),
                    start.strftime("%H:%M"),
                    end.strftime("%H:%M"),
                    meeting.table.number if meeting.table else _("online"),
                    sender.person.full_name,
                    sender.person.organisation.name,
                    ", ".join(sender.person.languages or []),
                    recipient.person.full_name,
                    recipient.person.organisation.name,
                    ", ".join(recipient.person.languages or []),
                    ", ".join(shared),
                    _("yes") if not shared else "",
                    meeting.video_link,
                    _("yes") if meeting.locked else "",
                )
            ]
        )
    return header, rows


def meeting_plan_response(programmes) -> HttpResponse:
    header, rows = plan_rows(plan_meetings(programmes))
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Meeting plan")[:31])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = 'attachment; filename="b2b-meeting-plan.xlsx"'
    return response
