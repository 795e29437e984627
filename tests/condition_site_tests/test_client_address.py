"""The client's address behind trusted proxies: X-Forwarded-For is read only as
far as the site's own proxies wrote it."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from condition_site.client_address import client_address
from conditions.models import Enquiry

REMOTE = "10.0.0.1"  # the nearest proxy, or the client with no proxy


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "expected"),
    [
        (0, None, REMOTE),
        (0, "203.0.113.7", REMOTE),  # no proxy: the header is the client's own
        (1, "203.0.113.7", "203.0.113.7"),
        (1, "6.6.6.6, 203.0.113.7", "203.0.113.7"),  # forged entry on the left
        (2, "6.6.6.6, 203.0.113.7, 10.0.0.2", "203.0.113.7"),
        (1, " 2001:db8::1 ", "2001:db8::1"),
        (1, None, REMOTE),  # the proxy sent no header
        (2, "203.0.113.7", REMOTE),  # fewer entries than proxies
        (1, "not-an-address", REMOTE),
        (1, "203.0.113.7, ", REMOTE),
    ],
)
def test_client_address_takes_the_entry_the_trusted_proxies_wrote(
    settings, proxies, forwarded_for, expected
):
    settings.TRUSTED_PROXY_COUNT = proxies
    headers = {} if forwarded_for is None else {"X-Forwarded-For": forwarded_for}
    request = RequestFactory().get("/", REMOTE_ADDR=REMOTE, headers=headers)

    assert client_address(request) == expected


@pytest.mark.django_db
def test_enquiry_limit_counts_the_client_behind_the_proxy(client, published, settings):
    """Behind one proxy every request comes from the proxy's address: readers
    are told apart by the entry it appends, and a forged entry on the left
    does not reset the count."""
    settings.TRUSTED_PROXY_COUNT = 1
    settings.ENQUIRIES_PER_HOUR = 2
    url = reverse(
        "conditions:follow_up_question",
        args=[published.condition.slug, published.slug],
    )
    question = {
        "name": "Sam",
        "email": "sam@example.org",
        "question": "Is it inherited?",
        "consent": "on",
    }
    for forged in ("1.1.1.1", "2.2.2.2"):
        client.post(
            url, question, headers={"X-Forwarded-For": f"{forged}, 203.0.113.7"}
        )

    refused = client.post(
        url, question, headers={"X-Forwarded-For": "3.3.3.3, 203.0.113.7"}
    )
    other_reader = client.post(
        url, question, headers={"X-Forwarded-For": "198.51.100.9"}
    )

    assert refused.status_code == 429
    assert other_reader.status_code == 302
    assert Enquiry.objects.count() == 3
