"""core.pagination: forgiving page numbers, bounded depth."""

import pytest
from django.test import RequestFactory

from core.pagination import BoundedPaginator, paginate


@pytest.mark.parametrize(
    ("asked", "number"),
    [("abc", 1), ("", 1), ("0", 1), ("-3", 1), ("2", 2), ("99999", 5), ("1e9", 1), ("\x00", 1)],
)
def test_any_page_parameter_gives_a_page(asked, number):
    request = RequestFactory().get("/", {"page": asked})
    assert paginate(request, list(range(50)), 10).number == number


def test_bounded_lists_stop_at_max_pages_and_archives_do_not(monkeypatch):
    monkeypatch.setattr(BoundedPaginator, "max_pages", 2)
    request = RequestFactory().get("/", {"page": "4"})
    capped = paginate(request, list(range(50)), 10)
    assert capped.number == 2 and capped.paginator.is_capped
    assert paginate(request, list(range(50)), 10, bounded=False).number == 4
