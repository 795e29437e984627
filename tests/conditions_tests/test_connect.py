"""/connect/: HL7 Infobutton requests, answered as MedlinePlus Connect does."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from tests.factories import make_article, make_condition

pytestmark = pytest.mark.django_db

ICD10CM = "2.16.840.1.113883.6.90"
ATOM = "{http://www.w3.org/2005/Atom}"


def connect(client, code="D89.41", **extra):
    params = {"mainSearchCriteria.v.cs": ICD10CM, "mainSearchCriteria.v.c": code}
    params.update(extra)
    return client.get(reverse("conditions:connect"), params)


def test_json_response_has_medlineplus_connect_feed_shape(client, published):
    response = connect(client, knowledgeResponseType="application/json")

    feed = response.json()["feed"]
    assert response.status_code == 200
    assert feed["lang"] == "en"
    assert {"scheme": "mainSearchCriteria.v.c", "term": "D89.41"} in feed["category"]
    assert "ICD-10-CM D89.41" in feed["subtitle"]["_value"]
    [entry] = feed["entry"]
    assert entry["title"] == {"_value": "Overview", "type": "text"}
    assert entry["link"][0]["href"] == (
        f"http://testserver{published.get_absolute_url()}"
    )
    assert entry["link"][0]["rel"] == "alternate"
    assert entry["summary"]["type"] == "html"
    assert "A summary of Overview." in entry["summary"]["_value"]


def test_atom_xml_is_the_default_response(client, published):
    response = connect(client)

    assert response["Content-Type"] == "application/atom+xml"
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    [entry] = feed.findall(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == "Overview"
    assert entry.find(f"{ATOM}link").get("href").endswith(published.get_absolute_url())
    assert "A summary of Overview." in entry.find(f"{ATOM}summary").text


def test_code_without_its_own_article_gets_nearest_broader_codes_articles(
    client, published
):
    feed = connect(client, "D89.49", knowledgeResponseType="application/json").json()

    assert titles(feed) == ["Overview"]


def titles(feed):
    return [entry["title"]["_value"] for entry in feed["feed"]["entry"]]


def test_drafts_never_appear(client, published, condition, editor):
    make_article(condition=condition, by=editor, title="Unapproved")

    feed = connect(client, knowledgeResponseType="application/json").json()

    assert titles(feed) == ["Overview"]


def test_code_in_another_chapter_gets_no_entries(client, published):
    other = make_condition(name="Asthma", code="J45.40")
    assert other

    feed = connect(client, "J45.40", knowledgeResponseType="application/json").json()
    own = connect(client, "D89.41", knowledgeResponseType="application/json").json()

    assert titles(feed) == []
    assert titles(own) == ["Overview"]


def test_language_we_do_not_publish_in_gets_an_empty_feed(client, published):
    response = connect(
        client,
        knowledgeResponseType="application/json",
        **{"informationRecipient.languageCode.c": "es"},
    )

    english = connect(
        client,
        knowledgeResponseType="application/json",
        **{"informationRecipient.languageCode.c": "en"},
    )

    assert response.json()["feed"]["lang"] == "es"
    assert titles(response.json()) == []
    assert titles(english.json()) == ["Overview"]


def test_unknown_code_is_a_404_json_error(client):
    response = connect(client, "Z99.9", knowledgeResponseType="application/json")

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "unknown_code"


def test_unknown_code_in_atom_mode_is_a_plain_404(client):
    response = connect(client, "not-a-code")

    assert response.status_code == 404
    assert "is not an ICD-10-CM code" in response.content.decode()


def test_other_code_systems_are_refused(client):
    response = client.get(
        reverse("conditions:connect"),
        {
            "mainSearchCriteria.v.cs": "2.16.840.1.113883.6.96",
            "mainSearchCriteria.v.c": "40733004",
            "knowledgeResponseType": "application/json",
        },
    )

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "unsupported_code_system"


def test_missing_code_is_a_400(client):
    response = client.get(
        reverse("conditions:connect"), {"knowledgeResponseType": "application/json"}
    )

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "missing_code"
