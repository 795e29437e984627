"""Every page carries the site's logo mark and favicon."""

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_pages_link_the_favicon_and_show_the_logo_beside_the_name(client, settings):
    page = client.get(reverse("conditions:condition_list")).content.decode()

    assert 'rel="icon" href="/static/img/favicon.svg" type="image/svg+xml"' in page
    assert 'href="/static/img/favicon-32.png" type="image/png"' in page
    assert 'href="data:,"' not in page
    assert (
        '<img src="/static/img/logo.svg" alt="" width="32" height="32"> '
        f"<span>{settings.SITE_NAME}</span>"
    ) in page
    for name in ("favicon.svg", "favicon-32.png", "apple-touch-icon.png", "logo.svg"):
        assert finders.find(f"img/{name}"), name
