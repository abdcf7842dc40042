from django.http import Http404


def _stub(request, **kwargs):
    raise Http404


dashboard = agenda = revoke_calendar = calendar_feed = _stub
request_meeting = accept = decline = cancel = reschedule = _stub
