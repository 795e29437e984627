"""Article pages carry schema.org JSON-LD, a canonical URL and Open Graph tags."""

import json
import re

import pytest
from django.urls import reverse

from reviews.services import review_record_edit
from tests.factories import make_article, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(draft, editor, reviewer):
    first, second = draft.sections.all()
    second.audience = "professionals"
    second.save()
    review_record_edit(obj=draft, by=editor)
    return publish(draft, editor=editor, reviewer=reviewer)


def json_ld(page: str) -> dict:
    [script] = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', page, re.S
    )
    return json.loads(script)


def test_article_page_describes_itself_as_a_medical_web_page(
    client, published, settings
):
    page = client.get(published.get_absolute_url()).content.decode()

    data = json_ld(page)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "MedicalWebPage"
    assert data["name"] == "Overview"
    # At the site's public address, whatever host the request named.
    assert data["url"] == f"{settings.SITE_URL}{published.get_absolute_url()}"
    assert data["lastReviewed"] == published.live_version.approved_at.date().isoformat()
    assert data["reviewedBy"] == {"@type": "Person", "name": "Reviewer"}
    assert {"@type": "MedicalAudience", "audienceType": "Clinician"} in data["audience"]
    condition = data["about"]
    assert condition["@type"] == "MedicalCondition"
    assert condition["name"] == "Monoclonal mast cell activation syndrome"
    assert condition["alternateName"] == ["MMAS"]
    assert condition["code"] == [
        {
            "@type": "MedicalCode",
            "codeValue": "D89.41",
            "codingSystem": "ICD-10-CM",
            "name": "Monoclonal mast cell activation syndrome",
        }
    ]


def test_article_page_has_canonical_url_and_open_graph_tags(
    client, published, settings
):
    page = client.get(published.get_absolute_url()).content.decode()
    url = f"{settings.SITE_URL}{published.get_absolute_url()}"

    assert f'<link rel="canonical" href="{url}">' in page
    assert '<meta property="og:type" content="article">' in page
    assert '<meta property="og:title" content="Overview">' in page
    assert f'<meta property="og:url" content="{url}">' in page
    assert '<meta property="og:description" content="A summary of Overview.">' in page


def test_script_breaking_text_is_escaped_inside_json_ld(
    client, condition, editor, reviewer
):
    article = make_article(condition=condition, by=editor, title="Tricky")
    article.summary = "Ends </script><script>alert(1)</script> here."
    article.save()
    review_record_edit(obj=article, by=editor)
    publish(article, editor=editor, reviewer=reviewer)

    page = client.get(article.get_absolute_url()).content.decode()

    assert "<script>alert(1)" not in page
    assert json_ld(page)["description"].startswith("Ends </script>")


def test_preview_has_no_structured_data(admin_client, draft):
    page = admin_client.get(
        reverse("conditions:article_preview", args=[draft.pk])
    ).content.decode()

    assert "Section 2" in page  # the draft is shown
    assert 'name="robots" content="noindex"' in page
    assert "application/ld+json" not in page
