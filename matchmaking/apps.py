from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchmakingConfig(AppConfig):
    name = "matchmaking"
    verbose_name = _("B2B matchmaking")
    # Shown on public pages (programme page, participant list, marketplace): core retires
    # the page cache when they change.
    public_models = (
        "Programme",
        "MeetingBlock",
        "Organisation",
        "Person",
        "Participant",
        "Opportunity",
    )

    def ready(self):
        from events.extensions import register_event_section

        from .views.programme import event_section

        register_event_section(event_section)
