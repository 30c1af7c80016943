"""The page and the files: queries, headers, conditional requests, schema and DCAT-AP.de."""

import json
from datetime import date

import pytest
from django.urls import reverse

from wirportal.core.testing import assert_constant_queries
from wirportal.opendata import schema

pytestmark = pytest.mark.django_db


def _more_grants(world, count: int = 3):
    from wirportal.payments.tests.factories import accepted_grant, pay

    for n in range(count):
        decision = accepted_grant(
            organisation=world["org_b"],
            applicant=world.users["applicant_b"],
            case_worker=world.users["case_worker"],
            year_amounts={"2028": "1000.00", "2029": "500.00"},
            amount="1500.00",
        )
        pay(decision, "700.00", date(2028, 2, 1 + n))


def test_page_shows_licence_schema_downloads_and_stand(client, published):
    response = client.get(reverse("opendata:index"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Offene Daten" in page
    assert schema.LICENCE_URL in page and "dl-de/by-2-0" in page
    assert f"Version {schema.SCHEMA_VERSION}" in page
    for year in (2025, 2026, 2027):
        assert reverse("opendata:year-csv", kwargs={"year": year}) in page
        assert reverse("opendata:year-json", kwargs={"year": year}) in page
    assert reverse("opendata:all-csv") in page
    assert reverse("opendata:dcat") in page
    for field in schema.FIELDS:
        assert f"<code>{field.name}</code>" in page
    assert "<dt>Geförderte Projekte</dt>\n  <dd>2</dd>" in page  # A and Hanau


@pytest.mark.parametrize("role", ["anonymous", "programme_staff"])
def test_page_queries_stay_constant(client, world, published, django_assert_num_queries, role):
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    assert_constant_queries(
        django_assert_num_queries,
        lambda: client.get(reverse("opendata:index")),
        lambda: _more_grants(world),
    )


def test_download_queries_stay_constant(client, world, published, django_assert_num_queries):
    def download():
        response = client.get(reverse("opendata:all-csv"))
        b"".join(response.streaming_content)
        return response

    assert_constant_queries(django_assert_num_queries, download, lambda: _more_grants(world, 5))


def test_csv_headers(client, published):
    response = client.get(reverse("opendata:year-csv", kwargs={"year": 2026}))
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8; header=present"
    assert response["Content-Disposition"] == 'attachment; filename="wir-foerderungen-2026.csv"'
    assert response["ETag"].startswith('"') and len(response["ETag"]) == 34
    assert response["Last-Modified"].endswith("GMT")
    assert "public" in response["Cache-Control"] and "max-age=3600" in response["Cache-Control"]
    assert response["Access-Control-Allow-Origin"] == "*"


def test_json_headers(client, published):
    response = client.get(reverse("opendata:all-json"))
    assert response.streaming
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith("inline;")
    assert response["ETag"] and response["Last-Modified"]


def test_signed_in_people_get_private_responses(client, world, published):
    client.force_login(world.users["applicant_a"])
    response = client.get(reverse("opendata:all-csv"))
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_conditional_get_answers_not_modified_until_the_data_changes(client, world, published):
    url = reverse("opendata:all-csv")
    first = client.get(url)
    etag = first["ETag"]
    again = client.get(url, headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again["ETag"] == etag
    since = client.get(url, headers={"if-modified-since": first["Last-Modified"]})
    assert since.status_code == 304
    # a new payment changes the data: a new ETag, the full file
    from wirportal.payments.tests.factories import pay

    pay(published["a"], "10.00", date(2027, 5, 1))
    changed = client.get(url, headers={"if-none-match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert b"2010,00" in b"".join(changed.streaming_content)


def test_etags_differ_per_file(client, published):
    tags = {
        client.get(reverse(name, kwargs=kwargs))["ETag"]
        for name, kwargs in [
            ("opendata:all-csv", None),
            ("opendata:all-json", None),
            ("opendata:year-csv", {"year": 2026}),
            ("opendata:year-csv", {"year": 2027}),
        ]
    }
    assert len(tags) == 4


def test_datapackage_describes_every_file_with_a_versioned_schema(client, published):
    response = client.get(reverse("opendata:datapackage"))
    assert response.status_code == 200
    package = json.loads(response.content)
    assert package["version"] == schema.SCHEMA_VERSION
    assert package["licenses"][0]["name"] == "dl-de/by-2-0"
    assert package["licenses"][0]["path"] == schema.LICENCE_URL
    paths = {resource["path"].split("/offene-daten/")[1] for resource in package["resources"]}
    assert paths == {
        "foerderungen.csv",
        "foerderungen.json",
        *(f"foerderungen/{y}.{f}" for y in (2025, 2026, 2027) for f in ("csv", "json")),
    }
    for resource in package["resources"]:
        names = [field["name"] for field in resource["schema"]["fields"]]
        assert tuple(names) == schema.FIELD_NAMES
        if resource["format"] == "csv":
            assert resource["dialect"]["delimiter"] == ";"
            amount = next(
                f for f in resource["schema"]["fields"] if f["name"] == "betrag_bewilligt"
            )
            assert amount["decimalChar"] == ","


DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"


def _expand(document: dict) -> list[dict]:
    """A small JSON-LD reader for this document: prefixes of @context expanded, nodes by @id."""
    context = document["@context"]

    def iri(term: str) -> str:
        prefix, _, rest = term.partition(":")
        return context[prefix] + rest if prefix in context and rest else term

    def node(value):
        if isinstance(value, dict):
            return {iri(k) if not k.startswith("@") else k: node(v) for k, v in value.items()}
        if isinstance(value, list):
            return [node(v) for v in value]
        return value

    graph = [node(item) for item in document["@graph"]]
    for item in graph:
        item["@type"] = iri(item["@type"])
    return graph


def test_dcat_ap_de_catalog_dataset_and_a_distribution_per_format_and_year(client, published):
    response = client.get(reverse("opendata:dcat"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json; charset=utf-8"
    graph = _expand(json.loads(response.content))  # the syntax: it parses as JSON
    by_type: dict[str, list[dict]] = {}
    for item in graph:
        by_type.setdefault(item["@type"], []).append(item)
    (catalog,) = by_type[DCAT + "Catalog"]
    (dataset,) = by_type[DCAT + "Dataset"]
    distributions = by_type[DCAT + "Distribution"]
    assert catalog[DCAT + "dataset"]["@id"] == dataset["@id"]
    assert {d["@id"] for d in dataset[DCAT + "distribution"]} == {d["@id"] for d in distributions}
    assert len(distributions) == 2 * (1 + 3)  # CSV and JSON: all years, 2025, 2026, 2027
    dcatde = "http://dcat-ap.de/def/dcatde/"
    # what DCAT-AP.de requires or recommends for a dataset
    for prop in ("title", "description", "publisher", "modified", "license"):
        assert dataset[DCT + prop], prop
    assert dataset[DCAT + "contactPoint"]["http://www.w3.org/2006/vcard/ns#hasEmail"]["@id"]
    assert dataset[dcatde + "politicalGeocodingURI"]["@id"] == (
        "http://dcat-ap.de/def/politicalGeocoding/stateKey/06"
    )
    assert dataset[dcatde + "politicalGeocodingLevelURI"]["@id"].endswith("/Level/state")
    assert "Ministerium" in dataset[DCT + "publisher"]["http://xmlns.com/foaf/0.1/name"]
    for distribution in distributions:
        assert distribution[DCT + "license"]["@id"] == "http://dcat-ap.de/def/licenses/dl-by-de/2.0"
        assert distribution[DCAT + "accessURL"]["@id"].startswith("http")
        assert distribution[DCT + "format"]["@id"].rsplit("/", 1)[1] in ("CSV", "JSON")
        assert distribution[dcatde + "licenseAttributionByText"]
        assert distribution[DCT + "modified"]["@value"]
    urls = {d[DCAT + "downloadURL"]["@id"].split("/offene-daten/")[1] for d in distributions}
    assert "foerderungen/2026.csv" in urls and "foerderungen.json" in urls
    # every download URL answers
    for url in urls:
        assert client.get(f"/offene-daten/{url}").status_code == 200
