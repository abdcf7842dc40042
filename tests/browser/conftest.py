import pytest


@pytest.fixture
def site(live_server, demo_content):
    """The live server's base URL, with the demo content `make run` loads."""
    return live_server.url
