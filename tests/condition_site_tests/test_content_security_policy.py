"""Every response carries the Content-Security-Policy: our own scripts and
styles only, no plugins, no framing."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    ["/", "/admin/login/", "/accounts/login/", "/no-such-page/", "/healthz"],
)
def test_every_response_carries_the_policy(client, url):
    response = client.get(url)

    directives = {
        part.split()[0]: part.split()[1:]
        for part in response["Content-Security-Policy"].split(";")
        if part.strip()
    }
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "script-src" not in directives  # default-src: no 'unsafe-inline'
    assert "style-src" not in directives


def test_the_lockout_page_carries_it_too(client, reader):
    for _ in range(5):
        response = client.post(
            reverse("login"), {"username": "reader", "password": "wrong"}
        )

    assert response.status_code == 429
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_a_page_served_from_the_cache_keeps_it(
    client, settings, django_assert_num_queries
):
    settings.PAGE_CACHE_SECONDS = 600
    client.get("/")
    with django_assert_num_queries(1):  # the publication generation alone
        cached = client.get("/")

    assert "frame-ancestors 'none'" in cached["Content-Security-Policy"]
