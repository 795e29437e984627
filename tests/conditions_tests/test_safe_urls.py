"""URLs from data reach a page only with an http, https or mailto scheme."""

import pytest

from conditions.models import Reference, Resource, ResourceKind
from conditions.rendering import safe_url
from tests.factories import approve_condition, publish

HOSTILE_URL = "javascript:alert(1)"


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/guide",
        "http://example.org/",
        "mailto:help@example.org",
        "HTTPS://EXAMPLE.ORG/",
    ],
)
def test_web_and_mail_urls_are_kept(url):
    assert safe_url(url) == url


@pytest.mark.parametrize(
    "url",
    [
        HOSTILE_URL,
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox(1)",
        "https:alert(1)",
        "//evil.example/",
        "/relative/path",
        "",
        None,
    ],
)
def test_other_urls_become_empty(url):
    assert safe_url(url) == ""


@pytest.mark.django_db
def test_orm_set_javascript_reference_url_is_not_linked(
    client, draft, editor, reviewer
):
    Reference.objects.filter(article=draft).update(url=HOSTILE_URL)
    publish(draft, editor=editor, reviewer=reviewer)
    draft.refresh_from_db()

    page = client.get(draft.get_absolute_url()).content.decode()

    assert "javascript:" not in page
    assert "Study 1" in page


@pytest.mark.django_db
def test_orm_set_javascript_resource_url_is_not_linked(client, published):
    resource = Resource.objects.create(
        condition=published.condition,
        kind=ResourceKind.SUPPORT_GROUP,
        name="Mast cell support",
        url="https://example.org/support",
    )
    Resource.objects.filter(pk=resource.pk).update(url=HOSTILE_URL)
    approve_condition(published.condition)

    page = client.get(published.condition.get_absolute_url()).content.decode()

    assert "Mast cell support" in page
    assert "javascript:" not in page
