"""Admin login is rate-limited per username and address together (django-axes)."""

import pytest
from django.contrib.auth.models import User


def attempt(client, username, password, ip):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password},
        REMOTE_ADDR=ip,
    )


@pytest.fixture
def teacher(db):
    return User.objects.create_user("laerer", password="laerer-kode-123", is_staff=True)


@pytest.mark.django_db
def test_repeated_wrong_passwords_lock_that_username_from_that_address(client, teacher, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, "laerer", "forkert", "10.0.0.7").status_code == 200
    assert attempt(client, "laerer", "forkert", "10.0.0.7").status_code == 429
    locked = attempt(client, "laerer", "laerer-kode-123", "10.0.0.7")
    assert locked.status_code == 429
    html = locked.content.decode()
    assert "For mange forkerte login-forsøg" in html and '<html lang="da">' in html
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_colleague_on_the_same_school_network_can_still_log_in(client, teacher, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT + 2):
        attempt(client, "laerer", "forkert", "10.0.0.7")
    response = attempt(client, editor.username, "redaktoer-kode-123", "10.0.0.7")
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


@pytest.mark.django_db
def test_the_locked_username_can_still_log_in_from_elsewhere(client, teacher, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT + 2):
        attempt(client, "laerer", "forkert", "10.0.0.7")
    assert attempt(client, "laerer", "laerer-kode-123", "192.0.2.10").status_code == 302


@pytest.mark.django_db
def test_a_success_before_the_limit_resets_the_count(client, teacher, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "laerer", "forkert", "10.0.0.7")
    assert attempt(client, "laerer", "laerer-kode-123", "10.0.0.7").status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "laerer", "forkert", "10.0.0.7")
    assert attempt(client, "laerer", "laerer-kode-123", "10.0.0.7").status_code == 302


@pytest.mark.django_db
def test_the_test_client_login_still_works_without_a_request(client, teacher):
    assert client.login(username="laerer", password="laerer-kode-123")


@pytest.mark.django_db
def test_forwarded_addresses_are_trusted_only_as_far_as_our_own_proxies(rf, settings):
    from portal.security import client_ip

    request = rf.get("/", REMOTE_ADDR="10.1.1.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "10.1.1.1"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "203.0.113.9"


@pytest.mark.django_db
def test_a_huge_username_gets_the_normal_login_error_not_a_server_error(client, settings):
    # Found by the fuzz test: django-axes' username column holds 255 characters.
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        response = attempt(client, "ø" * 10_000, "forkert", "10.0.0.8")
        assert response.status_code in {200, 429}


@pytest.mark.django_db
def test_a_forwarded_address_that_is_not_an_address_is_ignored(rf, settings):
    from portal.security import client_ip

    settings.TRUSTED_PROXY_COUNT = 1
    request = rf.get("/", REMOTE_ADDR="10.1.1.1", HTTP_X_FORWARDED_FOR="unknown")
    assert client_ip(request) == "10.1.1.1"


@pytest.mark.django_db
def test_one_address_trying_many_usernames_is_locked_out(client, teacher, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 6
    for number in range(6):
        attempt(client, f"gaet-{number}", "forkert", "10.0.0.9")
    response = attempt(client, "laerer", "laerer-kode-123", "10.0.0.9")
    assert response.status_code == 429
    assert "For mange forkerte login-forsøg" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # The same person from another address is not affected.
    assert attempt(client, "laerer", "laerer-kode-123", "192.0.2.10").status_code == 302


@pytest.mark.django_db
def test_failures_below_the_address_limit_leave_colleagues_alone(client, teacher, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 6
    for number in range(5):
        attempt(client, f"gaet-{number}", "forkert", "10.0.0.9")
    assert attempt(client, "laerer", "laerer-kode-123", "10.0.0.9").status_code == 302
