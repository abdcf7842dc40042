import pytest


@pytest.fixture
def site(live_server, demo_content, settings):
    """The live server's base URL, with the demo content `make run` loads.

    It is also SITE_URL, as in a deployment: emailed links point to the live server.
    """
    settings.SITE_URL = live_server.url
    return live_server.url
