import pytest

from .factories import ClusterFactory, CompetencyAreaFactory, CompetencyFactory, SectorFactory


@pytest.fixture
def world(db):
    """Two clusters, two sectors, three competencies in two areas."""
    mobility = CompetencyAreaFactory(name="Test mobility", slug="t-mobility", position=0)
    digital = CompetencyAreaFactory(name="Test digital", slug="t-digital", position=1)
    return {
        "clm": ClusterFactory(acronym="TCLM", name="Test Lombardy cluster", slug="t-clm"),
        "dti": ClusterFactory(
            acronym="TDTI", name="Test digital cluster", slug="t-dti", country="BG"
        ),
        "mobility": SectorFactory(name="Test Mobility", slug="t-mobility"),
        "ict": SectorFactory(name="Test ICT", slug="t-ict"),
        "ev": CompetencyFactory(
            area=mobility, name="Test EV charging infrastructure", slug="t-ev-charging"
        ),
        "traffic": CompetencyFactory(area=mobility, name="Test traffic", slug="t-traffic"),
        "iot": CompetencyFactory(area=digital, name="Test IoT platforms", slug="t-iot"),
    }
