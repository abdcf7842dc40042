import io
import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.db.models.fields.files import FieldFile
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _lazy
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from clusters.admin import CompanyAdmin
from clusters.models import Company, CompanyCompetency, CompanyMarket, Offering
from clusters.permissions import CLUSTER_STAFF, CURATOR
from clusters.selectors.search import search

from .factories import (
    ClusterFactory,
    CompanyCompetencyFactory,
    CompanyFactory,
    CompanyMarketFactory,
    CompetencyFactory,
    OfferingFactory,
    SectorFactory,
    UserFactory,
    full_company,
)

CHANGELIST = reverse("admin:clusters_company_changelist")


def change_url(company):
    return reverse("admin:clusters_company_change", args=[company.pk])


def form_data(response):
    """The POST data a browser would send back for an admin change form as rendered."""
    data = {}

    def add(form, name):
        value = form[name].value()
        key = form.add_prefix(name)
        if value is None or value is False:
            return
        if value is True:
            data[key] = "on"
        elif isinstance(value, list | tuple):
            data[key] = [str(getattr(v, "pk", v)) for v in value]
        elif isinstance(value, FieldFile):
            return  # no upload: the admin keeps the current file
        else:
            data[key] = str(getattr(value, "pk", value))

    form = response.context["adminform"].form
    for name in form.fields:
        add(form, name)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for name in formset.management_form.fields:
            data[f"{formset.prefix}-{name}"] = formset.management_form[name].value()
        for inline_form in formset.forms:
            for name in inline_form.fields:
                add(inline_form, name)
    return data


@pytest.fixture
def curator(db):
    user = UserFactory(username="curator")
    user.groups.add(Group.objects.get(name=CURATOR))
    return user


@pytest.fixture
def clm_staff(world):
    user = UserFactory(username="clm-staff")
    user.groups.add(Group.objects.get(name=CLUSTER_STAFF))
    world["clm"].staff.add(user)
    return user


@pytest.fixture
def members(world):
    return {
        "clm": full_company(name="CLM Member Srl", clusters=[world["clm"]]),
        "dti": full_company(name="DTI Member EOOD", clusters=[world["dti"]]),
    }


def test_groups_exist_with_permissions(db):
    curator = Group.objects.get(name=CURATOR)
    staff = Group.objects.get(name=CLUSTER_STAFF)
    assert curator.permissions.filter(codename="change_competency").exists()
    assert curator.permissions.filter(codename="delete_company").exists()
    assert staff.permissions.filter(codename="change_company").exists()
    assert not staff.permissions.filter(codename="change_competency").exists()
    assert not staff.permissions.filter(codename="delete_company").exists()


def test_curator_sees_every_company(client, curator, members):
    client.force_login(curator)
    response = client.get(CHANGELIST)
    assert response.status_code == 200
    assert {c.name for c in response.context["cl"].result_list} == {
        "CLM Member Srl",
        "DTI Member EOOD",
    }
    assert client.get(change_url(members["dti"])).status_code == 200


def test_cluster_staff_sees_only_their_members(client, clm_staff, members):
    client.force_login(clm_staff)
    response = client.get(CHANGELIST)
    assert [c.name for c in response.context["cl"].result_list] == ["CLM Member Srl"]
    assert client.get(change_url(members["clm"])).status_code == 200


def test_cluster_staff_cannot_open_another_clusters_company(client, clm_staff, members):
    client.force_login(clm_staff)
    other = members["dti"]
    response = client.get(change_url(other))
    # Django's admin redirects a missing object to the index with a message.
    assert response.status_code == 302
    assert response.url == reverse("admin:index")
    history = reverse("admin:clusters_company_history", args=[other.pk])
    assert client.get(history).status_code in (302, 403, 404)
    response = client.post(change_url(other), {"name": "Hijacked"})
    assert response.status_code == 302
    other.refresh_from_db()
    assert other.name == "DTI Member EOOD"
    delete = reverse("admin:clusters_company_delete", args=[other.pk])
    assert client.post(delete, {"post": "yes"}).status_code in (302, 403)
    assert Company.objects.filter(pk=other.pk).exists()


def test_cluster_staff_can_edit_their_member(client, clm_staff, members):
    client.force_login(clm_staff)
    company = members["clm"]
    data = form_data(client.get(change_url(company)))
    data["city"] = "Bergamo"
    response = client.post(change_url(company), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    company.refresh_from_db()
    assert company.city == "Bergamo"


def test_cluster_staff_cannot_move_a_company_out_of_their_clusters(
    client, clm_staff, members, world
):
    client.force_login(clm_staff)
    company = members["clm"]
    data = form_data(client.get(change_url(company)))
    data["clusters"] = [str(world["dti"].pk)]
    response = client.post(change_url(company), data)
    assert response.status_code == 200
    assert list(company.clusters.all()) == [world["clm"]]


def test_saving_a_shared_company_keeps_the_other_clusters_memberships(client, clm_staff, world):
    shared = full_company(name="Shared Member Srl", clusters=[world["clm"], world["dti"]])
    client.force_login(clm_staff)
    page = client.get(change_url(shared))
    # Only their own cluster is offered; the other membership is named as kept.
    offered = page.context["adminform"].form.fields["clusters"].queryset
    assert list(offered) == [world["clm"]]
    assert "TDTI" in page.content.decode()
    data = form_data(page)
    data["city"] = "Bergamo"
    response = client.post(change_url(shared), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    shared.refresh_from_db()
    assert shared.city == "Bergamo"
    assert set(shared.clusters.all()) == {world["clm"], world["dti"]}


def test_cluster_staff_add_their_second_cluster_and_keep_the_others(client, clm_staff, world):
    from tests.clusters.factories import ClusterFactory

    own_second = ClusterFactory(acronym="TOWN2", slug="t-own-2")
    own_second.staff.add(clm_staff)
    shared = full_company(name="Shared Member Srl", clusters=[world["clm"], world["dti"]])
    client.force_login(clm_staff)
    data = form_data(client.get(change_url(shared)))
    data["clusters"] = [str(world["clm"].pk), str(own_second.pk)]
    assert client.post(change_url(shared), data).status_code == 302
    assert set(shared.clusters.all()) == {world["clm"], own_second, world["dti"]}
    # Leaving one of their own clusters is theirs to do; the other cluster's stays.
    data = form_data(client.get(change_url(shared)))
    data["clusters"] = [str(own_second.pk)]
    assert client.post(change_url(shared), data).status_code == 302
    assert set(shared.clusters.all()) == {own_second, world["dti"]}


def test_curators_edit_every_membership(client, curator, world):
    shared = full_company(name="Shared Member Srl", clusters=[world["clm"], world["dti"]])
    client.force_login(curator)
    data = form_data(client.get(change_url(shared)))
    data["clusters"] = [str(world["dti"].pk)]
    assert client.post(change_url(shared), data).status_code == 302
    assert list(shared.clusters.all()) == [world["dti"]]


def test_cluster_staff_cannot_import_or_merge(client, clm_staff, members):
    client.force_login(clm_staff)
    assert client.get(reverse("admin:clusters_company_import")).status_code == 403
    response = client.get(CHANGELIST)
    actions = dict(response.context["action_form"].fields["action"].choices)
    assert "publish_selected" in actions
    assert "merge_selected" not in actions


# ---- Optimistic locking ------------------------------------------------------------------


def test_second_concurrent_save_is_refused(client, curator, members):
    company = members["clm"]
    client.force_login(curator)
    first = form_data(client.get(change_url(company)))
    second = dict(first)  # a second curator opened the same version

    first["city"] = "Como"
    assert client.post(change_url(company), first).status_code == 302

    second["city"] = "Lecco"
    response = client.post(change_url(company), second)
    assert response.status_code == 200
    assert b"changed by someone else since you opened it" in response.content
    company.refresh_from_db()
    assert company.city == "Como"

    # Reopening shows the current version, which saves fine.
    fresh = form_data(client.get(change_url(company)))
    fresh["city"] = "Lecco"
    assert client.post(change_url(company), fresh).status_code == 302
    company.refresh_from_db()
    assert company.city == "Lecco"


def test_version_bumps_on_every_save(world):
    company = CompanyFactory()
    version = company.version
    company.save()
    company.refresh_from_db()
    assert company.version == version + 1


# ---- Bulk actions ------------------------------------------------------------------------


def test_bulk_publish_unpublish_archive(client, curator, world):
    drafts = [CompanyFactory(status=Company.Status.DRAFT) for _ in range(3)]
    client.force_login(curator)
    ids = [str(c.pk) for c in drafts]
    home_before = client.get("/").context["counters"]["published_companies"]

    response = client.post(
        CHANGELIST, {"action": "publish_selected", "_selected_action": ids}, follow=True
    )
    assert b"3 companies published." in response.content
    assert Company.objects.published().count() == 3
    assert all(c.published_at for c in Company.objects.filter(pk__in=ids))
    # Home counters are invalidated although the action uses a bulk update.
    assert client.get("/").context["counters"]["published_companies"] == home_before + 3
    latest = Company.history.filter(id=drafts[0].pk).first()
    assert latest.history_user == curator
    assert latest.status == Company.Status.PUBLISHED

    client.post(CHANGELIST, {"action": "unpublish_selected", "_selected_action": ids[:1]})
    assert Company.objects.published().count() == 2
    client.post(CHANGELIST, {"action": "archive_selected", "_selected_action": ids[1:]})
    assert Company.objects.filter(status=Company.Status.ARCHIVED).count() == 2


# ---- Merge -------------------------------------------------------------------------------


def test_merge_action_asks_which_to_keep_then_folds(client, curator, world):
    keep = CompanyFactory(name="Keep Srl", clusters=[world["clm"]])
    duplicate = CompanyFactory(name="Keep S.r.l.", clusters=[world["dti"]])
    OfferingFactory(company=duplicate, name="Moved offering")
    client.force_login(curator)
    ids = [str(keep.pk), str(duplicate.pk)]
    confirm = client.post(CHANGELIST, {"action": "merge_selected", "_selected_action": ids})
    assert confirm.status_code == 200
    assert b"Merge duplicate companies" in confirm.content
    done = client.post(
        CHANGELIST,
        {"action": "merge_selected", "_selected_action": ids, "apply": "1", "keep": keep.pk},
        follow=True,
    )
    assert b"Merged 1 companies into Keep Srl." in done.content
    assert keep.offerings.get().name == "Moved offering"
    assert set(keep.clusters.all()) == {world["clm"], world["dti"]}
    duplicate.refresh_from_db()
    assert duplicate.status == Company.Status.ARCHIVED


def test_merge_needs_two_companies(client, curator, world):
    company = CompanyFactory()
    client.force_login(curator)
    response = client.post(
        CHANGELIST,
        {"action": "merge_selected", "_selected_action": [company.pk]},
        follow=True,
    )
    assert b"Select at least two companies to merge." in response.content


# ---- Import / export, history, taxonomy --------------------------------------------------


def test_export_csv_and_xlsx(client, curator, members):
    client.force_login(curator)
    url = reverse("admin:clusters_company_export")
    response = client.post(url, {"format": "0", "resource": "0", **_export_fields()})
    assert response.status_code == 200
    assert b"CLM Member Srl" in response.content and b"t-clm" in response.content

    formats = {
        label: value for value, label in client.get(url).context["form"].fields["format"].choices
    }
    xlsx = formats["xlsx"]
    response = client.post(url, {"format": xlsx, "resource": "0", **_export_fields()})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert "DTI Member EOOD" in values


def _export_fields():
    from clusters.admin import CompanyResource

    return {f"companyresource_{name}": "on" for name in CompanyResource.Meta.fields}


def test_import_csv_creates_and_updates_companies(client, curator, world):
    existing = CompanyFactory(slug="import-me", name="Old name")
    client.force_login(curator)
    csv_text = (
        "slug,name,status,clusters,sectors,country,city,size\n"
        "import-me,New name,published,t-clm,t-mobility,IT,Milan,small\n"
        "imported-new,Imported New Srl,published,t-clm|t-dti,t-ict,BG,Sofia,micro\n"
    )
    upload = io.BytesIO(csv_text.encode())
    upload.name = "companies.csv"
    url = reverse("admin:clusters_company_import")
    formats = {
        label: value for value, label in client.get(url).context["form"].fields["format"].choices
    }
    response = client.post(url, {"import_file": upload, "format": formats["csv"], "resource": "0"})
    assert response.status_code == 200
    confirm = response.context["confirm_form"]
    response = client.post(
        reverse("admin:clusters_company_process_import"),
        {name: confirm[name].value() for name in confirm.fields},
        follow=True,
    )
    assert response.status_code == 200
    existing.refresh_from_db()
    assert existing.name == "New name"
    new = Company.objects.get(slug="imported-new")
    assert set(new.clusters.values_list("slug", flat=True)) == {"t-clm", "t-dti"}
    assert new.published_at is not None  # publishing by import dates it like the admin
    # Imported companies are searchable at once (the importer rebuilds their search text).
    assert "Imported New Srl" in new.search_document


def test_history_records_who_changed_what(client, curator, members):
    company = members["clm"]
    client.force_login(curator)
    data = form_data(client.get(change_url(company)))
    data["name"] = "CLM Member Renamed Srl"
    client.post(change_url(company), data)
    record = company.history.first()
    assert record.history_user == curator
    assert record.name == "CLM Member Renamed Srl"
    response = client.get(reverse("admin:clusters_company_history", args=[company.pk]))
    assert response.status_code == 200
    assert b"curator" in response.content


def test_curator_can_extend_the_taxonomy(client, curator, world):
    client.force_login(curator)
    response = client.post(
        reverse("admin:clusters_competency_add"),
        {
            "area": world["ev"].area_id,
            # The English columns (the admin shows every language side by side).
            "name_en": "Hydrogen refuelling",
            "slug": "hydrogen-refuelling",
            "description_en": "Hydrogen stations for buses and trucks.",
            "position": 9,
        },
    )
    assert response.status_code == 302
    autocomplete = client.get(
        reverse("admin:autocomplete"),
        {
            "term": "hydrogen",
            "app_label": "clusters",
            "model_name": "companycompetency",
            "field_name": "competency",
        },
    )
    assert [r["text"] for r in autocomplete.json()["results"]] == ["Hydrogen refuelling"]


def test_inline_edits_keep_links_and_markets(client, curator, world):
    company = full_company(clusters=[world["clm"]], competencies=[world["ev"]])
    CompanyMarketFactory(company=company, country="CA", kind=CompanyMarket.Kind.CURRENT)
    client.force_login(curator)
    data = form_data(client.get(change_url(company)))
    assert client.post(change_url(company), data).status_code == 302
    assert CompanyCompetency.objects.filter(company=company).count() == 1
    assert Offering.objects.filter(company=company).count() == 1
    assert company.markets.count() == 2
    assert CompanyCompetencyFactory  # factories module stays importable for other tests


# ---- Search text after admin saves -------------------------------------------------------


def found(text):
    return set(search(Company.objects.all(), text).values_list("slug", flat=True))


def _with_new_competency_rows(data, company, competencies):
    prefix = "competency_links"
    start = int(data[f"{prefix}-TOTAL_FORMS"])
    for offset, competency in enumerate(competencies):
        row = f"{prefix}-{start + offset}"
        data[f"{row}-company"] = str(company.pk)
        data[f"{row}-competency"] = str(competency.pk)
        data[f"{row}-level"] = CompanyCompetency.Level.EXPERT
    data[f"{prefix}-TOTAL_FORMS"] = str(start + len(competencies))
    return data


def _post_new_rows(client, company, competencies):
    data = _with_new_competency_rows(
        form_data(client.get(change_url(company))), company, competencies
    )
    with CaptureQueriesContext(connection) as queries:
        response = client.post(change_url(company), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    return len(queries)


def test_inline_competency_rows_rebuild_the_search_text_once(client, curator, world):
    one = full_company(slug="one-row", clusters=[world["clm"]])
    three = full_company(slug="three-rows", clusters=[world["clm"]])
    new = [CompetencyFactory(area=world["ev"].area, name=f"Zeppelin docking {n}") for n in "abcd"]
    client.force_login(curator)
    three_rows = _post_new_rows(client, three, new[1:])
    one_row = _post_new_rows(client, one, new[:1])
    assert three_rows <= 45
    # Each row costs only its own form's queries (the competency lookup, the unique check,
    # the INSERT): the search text is rebuilt once per save, not once per row.
    assert three_rows - one_row <= 2 * 3
    assert found("zeppelin docking") == {"one-row", "three-rows"}
    assert set(
        CompanyCompetency.objects.filter(company=three).values_list("competency__name", flat=True)
    ) == {"Zeppelin docking b", "Zeppelin docking c", "Zeppelin docking d"}


def test_removing_a_competency_inline_drops_it_from_the_search_text(client, curator, world):
    company = full_company(clusters=[world["clm"]], competencies=[world["ev"], world["iot"]])
    assert "Test IoT platforms" in Company.objects.get(pk=company.pk).search_document
    client.force_login(curator)
    data = form_data(client.get(change_url(company)))
    prefix = "competency_links"
    row = next(
        i
        for i in range(int(data[f"{prefix}-TOTAL_FORMS"]))
        if data[f"{prefix}-{i}-competency"] == str(world["iot"].pk)
    )
    data[f"{prefix}-{row}-DELETE"] = "on"
    assert client.post(change_url(company), data).status_code == 302
    assert "Test IoT platforms" not in Company.objects.get(pk=company.pk).search_document


@pytest.mark.parametrize(
    ("model", "term"),
    [("competency", "ev"), ("sector", "mobility"), ("competencyarea", "mobility-area")],
)
def test_renaming_a_term_in_the_admin_updates_the_search(client, curator, world, model, term):
    terms = {**world, "mobility-area": world["ev"].area}
    company = full_company(
        slug="named",
        clusters=[world["clm"]],
        sectors=[world["mobility"]],
        competencies=[world["ev"]],
    )
    full_company(slug="other", clusters=[world["clm"]], competencies=[world["iot"]])
    url = reverse(f"admin:clusters_{model}_change", args=[terms[term].pk])
    client.force_login(curator)
    data = form_data(client.get(url))
    data["name_en"] = "Wombat logistics"
    assert client.post(url, data).status_code == 302
    assert found("wombat logistics") == {company.slug}


def test_renaming_a_competency_inline_in_its_area_updates_the_search(client, curator, world):
    company = full_company(slug="named", clusters=[world["clm"]], competencies=[world["traffic"]])
    url = reverse("admin:clusters_competencyarea_change", args=[world["traffic"].area_id])
    client.force_login(curator)
    data = form_data(client.get(url))
    row = next(
        key.removesuffix("-name_en")
        for key, value in data.items()
        if key.endswith("-name_en") and value == "Test traffic"
    )
    data[f"{row}-name_en"] = "Platypus routing"
    assert client.post(url, data).status_code == 302
    assert found("platypus routing") == {company.slug}


def test_an_offering_saved_in_its_own_admin_is_searchable(client, curator, world):
    company = full_company(slug="offers", clusters=[world["clm"]])
    client.force_login(curator)
    response = client.post(
        reverse("admin:clusters_offering_add"),
        {
            "company": company.pk,
            "kind": Offering.Kind.SERVICE,
            "name": "Narwhal charging",
            "description": "",
        },
    )
    assert response.status_code == 302
    assert found("narwhal charging") == {"offers"}


def _cluster_filter_choices(response):
    spec = next(s for s in response.context["cl"].filter_specs if s.field_path == "clusters")
    return {title for _pk, title in spec.lookup_choices}


def test_the_cluster_filter_offers_each_user_the_clusters_they_may_see(
    client, curator, clm_staff, members, world
):
    ClusterFactory(acronym="TEMPTY", name="Cluster without members", slug="t-empty")
    client.force_login(curator)
    everything = _cluster_filter_choices(client.get(CHANGELIST))
    assert {
        "TCLM – Test Lombardy cluster",
        "TDTI – Test digital cluster",
        "TEMPTY – Cluster without members",
    } <= everything
    client.force_login(clm_staff)
    response = client.get(CHANGELIST)
    assert _cluster_filter_choices(response) == {"TCLM – Test Lombardy cluster"}
    filtered = client.get(CHANGELIST, {"clusters__id__exact": world["clm"].pk})
    assert [c.name for c in filtered.context["cl"].result_list] == ["CLM Member Srl"]


def test_the_country_column_shows_the_name_and_sorts(client, curator, members):
    members["clm"].country, members["dti"].country = "IT", "BG"
    members["clm"].save()
    members["dti"].save()
    Company.objects.filter(pk=members["dti"].pk).update(country="")
    client.force_login(curator)
    columns = list(CompanyAdmin.list_display)
    response = client.get(CHANGELIST, {"o": str(columns.index("country_name") + 2)})
    body = response.content.decode()
    assert '<td class="field-country_name">Italy</td>' in body
    assert '<td class="field-country_name">-</td>' in body
    assert [c.name for c in response.context["cl"].result_list] == [
        "DTI Member EOOD",
        "CLM Member Srl",
    ]


def test_the_country_filter_offers_the_countries_companies_are_in(client, curator, members):
    members["clm"].country, members["dti"].country = "IT", "BG"
    members["clm"].save()
    members["dti"].save()
    client.force_login(curator)
    response = client.get(CHANGELIST)
    spec = next(s for s in response.context["cl"].filter_specs if s.title == "country")
    assert list(spec.lookup_choices) == [("BG", "Bulgaria"), ("IT", "Italy")]
    filtered = client.get(CHANGELIST, {"country__exact": "IT"})
    assert [c.name for c in filtered.context["cl"].result_list] == ["CLM Member Srl"]

    CompanyFactory(name="Spanish Newcomer SL", country="ES")  # a write: the list follows
    CompanyFactory(name="Second Italian Srl", country="IT")  # each country once
    again = client.get(CHANGELIST)
    spec = next(s for s in again.context["cl"].filter_specs if s.title == "country")
    assert [code for code, _name in spec.lookup_choices] == ["BG", "IT", "ES"]


def test_the_change_page_writes_each_country_select_with_its_own_choice(admin_client):
    company = CompanyFactory(country="IT")
    CompanyMarket.objects.create(company=company, kind="current", country="ES")
    CompanyMarket.objects.create(company=company, kind="target", country="GR")
    page = admin_client.get(f"/admin/clusters/company/{company.pk}/change/").content.decode()
    assert "&lt;select" not in page  # markup, not text
    selects = re.findall(r'<select name="([^"]*country)".*?</select>', page, re.S)
    assert {"country", "markets-0-country", "markets-1-country"} <= set(selects)
    for name, code in [("country", "IT"), ("markets-0-country", "ES"), ("markets-1-country", "GR")]:
        select = re.search(rf'<select name="{name}".*?</select>', page, re.S)[0]
        assert re.findall(r'<option value="(\w*)" selected>', select) == [code]


# ---- Inline rows without a query per row (core.admin_rows) -------------------------------


def _company_with_rows(rows, world):
    sector = SectorFactory()
    company = CompanyFactory(country="IT", clusters=[world["clm"]])
    for country in ["CA", "US", "MX", "CO", "ES", "GR"][:rows]:
        OfferingFactory(company=company, sector=sector)
        CompanyCompetencyFactory(company=company, competency=CompetencyFactory())
        CompanyMarketFactory(company=company, country=country)
    return company


def _without_token(page):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page.decode())


def test_the_change_page_runs_the_same_queries_for_one_row_or_six(
    admin_client, world, django_assert_max_num_queries
):
    counts = []
    for rows in (1, 6):
        company = _company_with_rows(rows, world)
        admin_client.get(change_url(company))  # warm: the session, the admin's caches
        with (
            django_assert_max_num_queries(11),
            CaptureQueriesContext(connection) as queries,
        ):
            assert admin_client.get(change_url(company)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_the_rows_markup_is_what_plain_inlines_write(admin_client, world, monkeypatch):
    """Shared sector options and the competency's label from its row: the page is the one
    Django's own inlines (a query per row) write, byte for byte but for the CSRF token."""
    from django.contrib import admin

    from clusters import admin as clusters_admin

    company = _company_with_rows(3, world)
    ours = admin_client.get(change_url(company))
    assert 'name="competency_links-2-competency"' in ours.content.decode()

    def plain(inline):
        attributes = {
            name: getattr(inline, name)
            for name in ("model", "form", "extra", "fields", "autocomplete_fields")
            if name in vars(inline)
        }
        attributes.update(
            verbose_name=inline.verbose_name, verbose_name_plural=inline.verbose_name_plural
        )
        return type(f"Plain{inline.__name__}", (admin.TabularInline,), attributes)

    company_admin = admin.site._registry[Company]
    monkeypatch.setattr(
        company_admin, "inlines", [plain(inline) for inline in clusters_admin.CompanyAdmin.inlines]
    )
    theirs = admin_client.get(change_url(company))
    assert _without_token(ours.content) == _without_token(theirs.content)


def test_a_row_sent_back_with_another_competency_shows_that_one(admin_client, world):
    company = _company_with_rows(2, world)
    data = form_data(admin_client.get(change_url(company)))
    other = CompetencyFactory(name="Replacement competency")
    data["competency_links-1-competency"] = str(other.pk)
    data["name"] = ""  # an error: the page is shown again with what was sent
    response = admin_client.post(change_url(company), data)
    assert response.status_code == 200
    select = re.search(
        r'<select name="competency_links-1-competency".*?</select>', response.content.decode(), re.S
    )[0]
    assert re.findall(r'<option value="(\d+)" selected>([^<]*)</option>', select) == [
        (str(other.pk), "Replacement competency")
    ]


def test_the_company_list_runs_the_same_queries_for_few_or_many_rows_and_clusters(
    client, curator, world, django_assert_max_num_queries
):
    client.force_login(curator)
    counts = []
    for extra in (1, 12):
        clusters = [ClusterFactory() for _number in range(extra)]
        for number in range(extra):
            CompanyFactory(name=f"Techno {extra}-{number}", clusters=[clusters[number]])
        client.get(CHANGELIST, {"q": "techno"})  # warm: the session and the cached choices
        with (
            django_assert_max_num_queries(9),
            CaptureQueriesContext(connection) as queries,
        ):
            response = client.get(CHANGELIST, {"q": "techno", "status__exact": "published"})
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    # The cluster filter's choices come from the cache, not a query of every cluster.
    assert not [q for q in queries if 'FROM "clusters_cluster" ORDER BY' in q["sql"]]


def test_a_renamed_cluster_shows_in_the_filter_at_once(client, curator, members, world):
    client.force_login(curator)
    assert "TCLM – Test Lombardy cluster" in _cluster_filter_choices(client.get(CHANGELIST))
    with translation.override("en"):
        world["clm"].name = "Renamed Lombardy cluster"
        world["clm"].save()
    choices = _cluster_filter_choices(client.get(CHANGELIST))
    assert "TCLM – Renamed Lombardy cluster" in choices
    assert "TCLM – Test Lombardy cluster" not in choices


# Parameters the company list accepts; "_popup" sorts before the cluster's parameter.
LIST_PARAMETERS = {
    "q": st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=6),
    "o": st.sampled_from(["1", "-2", "1.3"]),
    "status__exact": st.sampled_from(["published", "draft"]),
    "size__exact": st.sampled_from(["micro", "small"]),
    "clusters__id__exact": st.sampled_from(["clm", "dti"]),
    "clusters__isnull": st.sampled_from(["True", "False"]),
    "country__exact": st.sampled_from(["IT", "BG"]),
    "_popup": st.just("1"),
}


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    params=st.fixed_dictionaries(
        {},
        optional={
            name: st.lists(values, min_size=1, max_size=2)
            for name, values in LIST_PARAMETERS.items()
        },
    ),
    facets=st.booleans(),
)
@example(params={"q": ["tech co"], "_popup": ["1"], "status__exact": ["published"]}, facets=False)
def test_the_cluster_filters_links_are_djangos(admin_client, members, world, params, facets):
    """Each cluster's link keeps the list's other parameters exactly as Django's own filter
    writes it (get_query_string per cluster), whatever the parameters."""
    from django.contrib import admin

    query = dict(params)
    if "clusters__id__exact" in query:
        query["clusters__id__exact"] = [world[k].pk for k in query["clusters__id__exact"]]
    if facets:
        query["_facets"] = ["True"]
    response = admin_client.get(CHANGELIST, query)
    assert response.status_code == 200
    changelist = response.context["cl"]
    spec = next(s for s in changelist.filter_specs if s.field_path == "clusters")
    ours = list(spec.choices(changelist))
    djangos = list(admin.RelatedFieldListFilter.choices(spec, changelist))
    assert ours == djangos
    assert len(ours) >= 3  # "All" and the two clusters


def _list_count(client, **query):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(CHANGELIST, query)
    counts = [q for q in queries if q["sql"].startswith('SELECT COUNT(*) AS "__count"')]
    return response.context["cl"].result_count, len(counts)


def test_the_lists_count_is_kept_until_a_company_changes(client, curator, clm_staff, world):
    for number in range(3):
        full_company(name=f"Counted {number}", clusters=[world["clm" if number else "dti"]])
    client.force_login(curator)
    assert _list_count(client, q="counted") == (3, 1)
    assert _list_count(client, q="counted") == (3, 0)  # kept: no COUNT
    assert _list_count(client, q="counted", status__exact="draft") == (0, 1)  # another query
    # Each user's visibility is part of the query: cluster staff count their members only.
    client.force_login(clm_staff)
    assert _list_count(client, q="counted") == (2, 1)
    client.force_login(curator)
    CompanyFactory(name="Counted 3")
    assert _list_count(client, q="counted") == (4, 1)  # the write retired it
    Company.objects.filter(name="Counted 3").delete()
    assert _list_count(client, q="counted") == (3, 1)


@pytest.mark.parametrize("language", ["en", "it"])
def test_the_admin_pages_are_what_djangos_templates_write(
    client, curator, clm_staff, world, settings, language
):
    """Labels, empty error lists and the related-field wrappers written in Python
    (core.form_rendering): the change, add and list pages are the templates' own."""
    company = _company_with_rows(2, world)
    company.clusters.add(world["clm"])
    prefix = "" if language == "en" else f"/{language}"
    urls = [change_url(company), reverse("admin:clusters_company_add"), CHANGELIST]

    def pages():
        rendered = []
        for user in (curator, clm_staff):
            client.force_login(user)
            for url in urls:
                response = client.get(prefix + url)
                assert response.status_code == 200, (user, url)
                rendered.append(_without_token(response.content))
        return rendered

    fast = pages()
    settings.FORM_RENDERER = "django.forms.renderers.DjangoTemplates"
    assert fast == pages()
    assert "related-widget-wrapper" in fast[0]


@settings(max_examples=50, deadline=None)
@given(
    choices=st.lists(
        st.fixed_dictionaries(
            {
                "selected": st.booleans(),
                "query_string": st.text(max_size=12).map(lambda text: f"?q={text}"),
                "display": st.one_of(st.text(max_size=12), st.just(_lazy("All"))),
            }
        ),
        max_size=5,
    ),
    title=st.sampled_from(["cluster", _lazy("cluster"), "a <b> & c"]),
    language=st.sampled_from(["en", "it", "el"]),
)
@example(
    choices=[
        {"selected": True, "query_string": "?q=a&b='c'<d>", "display": "<All> & 'co'"},
        {"selected": False, "query_string": "?q=é ü", "display": _lazy("All")},
    ],
    title="cluster",
    language="en",
)
def test_the_cluster_filters_template_writes_djangos_filter_markup(choices, title, language):
    from django.template.loader import get_template

    context = {"title": title, "choices": choices, "spec": None}
    with translation.override(language):
        ours = get_template("admin/clusters/company/cluster_filter.html").render(context)
        djangos = get_template("admin/filter.html").render(context)
    assert ours == djangos


def test_the_list_page_with_the_cluster_filters_template_is_djangos(
    client, curator, members, monkeypatch
):
    from clusters.admin import VisibleClustersFilter

    client.force_login(curator)
    query = {"q": "member", "status__exact": "published"}
    ours = _without_token(client.get(CHANGELIST, query).content)
    assert "TCLM – Test Lombardy cluster</a></li>" in ours
    monkeypatch.setattr(VisibleClustersFilter, "template", "admin/filter.html")
    assert ours == _without_token(client.get(CHANGELIST, query).content)
