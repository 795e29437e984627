"""django-axes on both log-ins: five wrong passwords for one username from
one client address pause that pair for 15 minutes, and the log says so."""

import datetime
import logging

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from condition_site.totp import current_code
from tests.factories import PASSWORD, totp_device

pytestmark = pytest.mark.django_db

LOCKED = "Log-in paused"


def log_in(client, url, username, password, **headers):
    return client.post(
        url, {"username": username, "password": password}, headers=headers
    )


def signed_in_user(client):
    return client.get(reverse("conditions:home")).context["user"]


def test_thirty_wrong_passwords_with_rotating_forwarded_for_lock_the_reader_out(
    client, reader
):
    url = reverse("login")
    for n in range(30):
        log_in(client, url, "reader", "wrong", **{"X-Forwarded-For": f"6.6.{n}.1"})

    response = log_in(client, url, "reader", PASSWORD, **{"X-Forwarded-For": "7.7.7.7"})

    assert response.status_code == 429
    page = response.content.decode()
    assert LOCKED in page
    assert "5 failed log-ins" in page
    assert "paused for 15 minutes" in page
    assert not signed_in_user(client).is_authenticated


def test_the_lock_hits_at_the_fifth_failure_and_lifts_after_fifteen_minutes(
    client, reader
):
    url = reverse("login")
    for _ in range(4):
        assert log_in(client, url, "reader", "wrong").status_code == 200
    assert LOCKED in log_in(client, url, "reader", "wrong").content.decode()
    assert log_in(client, url, "reader", PASSWORD).status_code == 429

    AccessAttempt.objects.update(
        attempt_time=datetime.datetime.now(datetime.UTC)
        - datetime.timedelta(minutes=15, seconds=1)
    )

    assert log_in(client, url, "reader", PASSWORD).status_code == 302
    assert signed_in_user(client) == reader


def test_a_successful_log_in_clears_the_count(client, reader):
    url = reverse("login")
    for _ in range(4):
        log_in(client, url, "reader", "wrong")
    log_in(client, url, "reader", PASSWORD)
    client.logout()

    for _ in range(4):
        log_in(client, url, "reader", "wrong")

    assert log_in(client, url, "reader", PASSWORD).status_code == 302


def test_the_lock_is_per_client_address_behind_the_proxy(client, reader, settings):
    """Behind one trusted proxy, forged entries on the left of X-Forwarded-For
    do not help the attacker, and another reader is not locked out with them."""
    settings.TRUSTED_PROXY_COUNT = 1
    url = reverse("login")
    for n in range(10):
        log_in(
            client,
            url,
            "reader",
            "wrong",
            **{"X-Forwarded-For": f"6.6.{n}.1, 203.0.113.7"},
        )

    attacker = log_in(
        client, url, "reader", PASSWORD, **{"X-Forwarded-For": "203.0.113.7"}
    )
    reader_elsewhere = log_in(
        client, url, "reader", PASSWORD, **{"X-Forwarded-For": "198.51.100.9"}
    )

    assert attacker.status_code == 429
    assert reader_elsewhere.status_code == 302


def test_the_admin_log_in_locks_out_too(client, editor):
    url = reverse("admin:login")
    code = current_code(totp_device(editor))
    for _ in range(5):
        client.post(url, {"username": "editor", "password": "wrong", "otp_token": code})

    response = client.post(
        url, {"username": "editor", "password": PASSWORD, "otp_token": code}
    )

    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert client.get(reverse("admin:index")).status_code == 302


def test_failed_log_ins_are_logged_without_the_password(client, reader, caplog):
    caplog.set_level(logging.INFO, logger="axes")
    for _ in range(5):
        log_in(client, reverse("login"), "reader", "wrong-Secret-99")

    failures = [
        r.getMessage() for r in caplog.records if "login failure by" in r.getMessage()
    ]
    assert len(failures) == 5
    assert 'username: "reader"' in failures[0]
    assert 'ip_address: "127.0.0.1"' in failures[0]
    assert any("Locking out" in r.getMessage() for r in caplog.records)
    assert "wrong-Secret-99" not in caplog.text
