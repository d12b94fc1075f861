"""Staff who sign in with a password give a second factor: a code from an app or a backup code."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission, User
from django.test import Client
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db

PASSWORD = "en-lang-kode-2026"


@pytest.fixture(autouse=True)
def required(settings):
    settings.SECOND_FACTOR_REQUIRED = True


def code_for(device: TOTPDevice, drift: int = 0) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, drift=drift):06d}"


def log_in(client: Client, username: str, otp_token: str = "", ip: str = "10.0.0.5"):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": PASSWORD, "otp_token": otp_token},
        REMOTE_ADDR=ip,
    )


def enrol(client: Client) -> tuple[TOTPDevice, list[str]]:
    """What a staff member does on the set-up page: scan, type the code, keep the backup codes."""
    page = client.get("/admin/to-trins-login/app/")
    assert page.status_code == 200
    assert 'src="data:image/svg+xml' in page.content.decode()
    device = TOTPDevice.objects.get(confirmed=False)
    done = client.post("/admin/to-trins-login/app/", {"code": code_for(device)})
    assert done.status_code == 200
    codes = re.findall(r"<li><code>([a-z0-9]{10})</code></li>", done.content.decode())
    assert len(codes) == 10
    return TOTPDevice.objects.get(pk=device.pk), codes


@pytest.fixture
def admin_user():
    return User.objects.create_superuser("drift", "drift@example.dk", PASSWORD)


@pytest.fixture
def reader():
    """Staff who may read boards' answers."""
    user = User.objects.create_user("laeser", password=PASSWORD, is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(codename="read_answers"),
        Permission.objects.get(codename="view_answer"),
    )
    return user


@pytest.fixture
def plain_editor():
    return User.objects.create_user("skribent", password=PASSWORD, is_staff=True)


@pytest.mark.parametrize("who", ["admin_user", "reader"])
def test_staff_who_must_have_it_set_it_up_before_anything_else(request, client, who):
    user = request.getfixturevalue(who)
    assert log_in(client, user.username).status_code == 302
    for path in ("/admin/", "/admin/reflections/answer/", "/admin/auth/user/"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"] == "/admin/to-trins-login/app/"
    device, _codes = enrol(client)
    assert device.confirmed
    assert client.get("/admin/").status_code == 200


def test_with_an_app_the_password_alone_is_not_enough(client, admin_user):
    log_in(client, "drift")
    device, _codes = enrol(client)
    client.post("/admin/logout/")
    fresh = Client()
    without = log_in(fresh, "drift")
    assert without.status_code == 200
    assert "Skriv koden fra din godkendelses-app" in without.content.decode()
    assert "_auth_user_id" not in fresh.session
    # The app's next code (30 seconds on): a code once used is not accepted twice.
    assert log_in(fresh, "drift", code_for(device, drift=1)).status_code == 302
    assert fresh.get("/admin/").status_code == 200
    guesser = Client()
    wrong = log_in(guesser, "drift", "000000" if code_for(device) != "000000" else "111111")
    assert "Koden er forkert" in wrong.content.decode()
    assert "_auth_user_id" not in guesser.session
    # Right after a wrong code even the right one waits: guessing is slowed down.
    assert log_in(guesser, "drift", code_for(device, drift=2)).status_code == 200


def test_a_backup_code_works_once_instead_of_the_app(client, admin_user):
    log_in(client, "drift")
    _device, codes = enrol(client)
    first = Client()
    assert log_in(first, "drift", codes[0].upper()).status_code == 302
    assert first.get("/admin/").status_code == 200
    again = Client()
    assert log_in(again, "drift", codes[0]).status_code == 200
    assert StaticToken.objects.count() == 9


def test_new_backup_codes_replace_the_old_ones(client, admin_user):
    log_in(client, "drift")
    _device, old = enrol(client)
    status = client.get("/admin/to-trins-login/").content.decode()
    assert "Du har 10 ubrugte reservekoder" in status
    new_page = client.post("/admin/to-trins-login/").content.decode()
    new = re.findall(r"<li><code>([a-z0-9]{10})</code></li>", new_page)
    assert len(new) == 10 and not set(new) & set(old)
    assert log_in(Client(), "drift", new[1]).status_code == 302
    assert log_in(Client(), "drift", old[1]).status_code == 200


def test_an_editor_may_choose_it_and_then_needs_it(client, plain_editor):
    assert log_in(client, "skribent").status_code == 302
    assert client.get("/admin/").status_code == 200  # not required for plain editors
    assert "To-trins-login" in client.get("/admin/").content.decode()
    enrol(client)
    assert log_in(Client(), "skribent").status_code == 200  # now the code is needed


def test_wrong_codes_count_towards_the_login_limit(client, admin_user, settings):
    log_in(client, "drift")
    device, _codes = enrol(client)
    attacker = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(
            attacker, "drift", "999999" if code_for(device) != "999999" else "888888", "10.9.9.9"
        )
    assert log_in(attacker, "drift", code_for(device, drift=1), "10.9.9.9").status_code == 429


def test_nobody_changes_a_second_factor_they_did_not_just_use(admin_user):
    TOTPDevice.objects.create(user=admin_user, name="app", confirmed=True)
    client = Client()
    client.force_login(admin_user)  # a session without the second factor
    assert client.get("/admin/to-trins-login/app/").status_code == 403
    assert client.post("/admin/to-trins-login/").status_code == 403


def test_staff_sessions_end_after_a_working_day_and_board_sessions_keep_two_weeks(
    client, plain_editor, settings, board_session
):
    settings.STAFF_SESSION_HOURS = 9
    log_in(client, "skribent")
    assert client.session.get_expiry_age() == 9 * 3600
    assert board_session.session.get_expiry_age() == settings.SESSION_COOKIE_AGE
    assert settings.SESSION_COOKIE_AGE == 14 * 24 * 3600
    expiry = client.session.get_expiry_date()
    assert expiry < timezone.now() + timedelta(hours=9, minutes=1)


@pytest.fixture
def board_session(framework):
    from reflections import services
    from values.models import ReflectionQuestion

    picks = [services.Pick(q) for q in ReflectionQuestion.objects.published()[:1]]
    new = services.create_from_picks(
        picks,
        title="Ark",
        school_name="Skolen",
        board_name="Bestyrelsen",
        display_name="Formand",
        next_steps_title="Næste skridt",
        next_steps_question="Hvad gør vi?",
    )
    client = Client()
    client.get(f"/arbejdsark/m/{new.member_token}/")
    return client


def test_a_superuser_deletes_a_lost_app_and_the_colleague_sets_up_a_new_one(reader, admin_user):
    colleague = Client()
    log_in(colleague, "laeser")
    device, _codes = enrol(colleague)
    boss = Client()
    log_in(boss, "drift")
    enrol(boss)
    listing = boss.get("/admin/otp_totp/totpdevice/").content.decode()
    assert "laeser" in listing and "To-trins-login" in listing
    change = boss.get(f"/admin/otp_totp/totpdevice/{device.pk}/change/").content.decode()
    assert device.key not in change  # nobody sees a secret again
    response = boss.post(f"/admin/otp_totp/totpdevice/{device.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()
    codes = StaticDevice.objects.get(user=reader)
    boss.post(f"/admin/otp_static/staticdevice/{codes.pk}/delete/", {"post": "yes"})
    again = Client()
    log_in(again, "laeser")
    assert again.get("/admin/")["Location"] == "/admin/to-trins-login/app/"
