import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_reader_signs_up_and_is_logged_in_and_sent_back(client):
    response = client.post(
        reverse("signup"),
        {
            "username": "carer1",
            "email": "carer@example.org",
            "password1": "a-long-pass-phrase-42",
            "password2": "a-long-pass-phrase-42",
            "next": "/conditions/",
        },
    )

    assert response.status_code == 302
    assert response.url == "/conditions/"
    user = get_user_model().objects.get(username="carer1")
    assert not user.is_staff
    assert client.get("/").context["user"] == user


def test_sign_up_with_mismatched_passwords_keeps_what_was_typed(client):
    response = client.post(
        reverse("signup"),
        {
            "username": "carer1",
            "email": "carer@example.org",
            "password1": "a-long-pass-phrase-42",
            "password2": "different-phrase-42",
        },
    )

    assert response.status_code == 200
    assert "password fields didn’t match" in response.content.decode()
    assert 'value="carer@example.org"' in response.content.decode()
    assert not get_user_model().objects.exists()


def test_log_in_and_log_out(client, reader):
    response = client.post(
        reverse("login"), {"username": "reader", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert "Log out (reader)" in client.get("/").content.decode()

    client.post(reverse("logout"))
    assert "Log in" in client.get("/").content.decode()


def test_password_reset_sends_a_working_link(client, reader):
    reader.email = "reader@example.org"
    reader.save()

    client.post(reverse("password_reset"), {"email": "reader@example.org"})

    assert len(mail.outbox) == 1
    link = next(
        line for line in mail.outbox[0].body.splitlines() if "/accounts/reset/" in line
    )
    path = link.split("testserver", 1)[1]
    form_page = client.get(path, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    client.post(
        form_page.redirect_chain[-1][0],
        {
            "new_password1": "fresh-pass-phrase-77",
            "new_password2": "fresh-pass-phrase-77",
        },
    )
    client.post(
        reverse("login"), {"username": "reader", "password": "fresh-pass-phrase-77"}
    )
    assert client.get("/").context["user"] == reader
