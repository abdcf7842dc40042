"""Other apps add sections to the event page without events importing them."""

from events import extensions


def test_registered_sections_are_shown_in_order_and_none_is_skipped(monkeypatch):
    monkeypatch.setattr(extensions, "_sections", [])

    def first(event, request):
        return {"title": "First", "url": "/first/", "text": "One"}

    def nothing(event, request):
        return None

    for func in (first, nothing, first):
        extensions.register_event_section(func)
    assert extensions._sections == [first, nothing]
    assert extensions.event_sections(object(), None) == [
        {"title": "First", "url": "/first/", "text": "One"}
    ]
