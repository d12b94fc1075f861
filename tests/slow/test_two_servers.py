"""Two stateless app servers on one PostgreSQL: a save made through one is read through the other.

This is the scale-out of docs/deployment.md in small: sessions and answers live in the database,
so the load balancer may send a board member's next request to any server; with one Redis as
their shared cache (REDIS_URL) a content save reaches every server's page cache at once, and
login failures count wherever they are made.
"""

import os

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.contrib.auth.models import Permission, User

from tests.conftest import make_framework
from tests.servers import CSRF_INPUT, Browser, gunicorn
from tests.slow.boards import Member, make_board
from tests.slow.marks import slow_on_postgres

pytestmark = slow_on_postgres
PASSWORD = "en-lang-kode-til-redaktoeren"


def test_an_answer_saved_through_one_server_is_read_through_the_other(server_env, tmp_path):
    make_framework()
    board = make_board()
    question_id = board.open_question_ids()[0]
    env = server_env()
    with (
        gunicorn(env, tmp_path / "a.log", workers=1) as server_a,
        gunicorn(env, tmp_path / "b.log", workers=1) as server_b,
    ):
        assert server_a.port != server_b.port
        member = Member(Browser(server_a.port), board.key)
        member.join(board.member_token, "Åse")
        saved = member.autosave(question_id, "Gemt via server A – med æøå")
        assert member.acknowledged(saved), (saved.status, saved.text[:300])

        # The same browser (same session cookie) now lands on server B.
        on_b = Browser(server_b.port, cookies=dict(member.browser.cookies))
        section_id = board.worksheet.questions.get(pk=question_id).section_id
        page = on_b.get(f"/arbejdsark/ark/{board.key}/afsnit/{section_id}/")
        assert page.status == 200, page.text[:300]
        assert "Gemt via server A – med æøå" in page.text

        # And the other way round: B saves, A reads.
        member_b = Member(on_b, board.key)
        member_b.csrf, member_b.versions = member.csrf, member.versions
        assert member_b.acknowledged(member_b.autosave(question_id, "Rettet via server B"))
        page = member.browser.get(f"/arbejdsark/ark/{board.key}/afsnit/{section_id}/")
        assert "Rettet via server B" in page.text
        assert "Gemt via server A" not in page.text


# --- Two servers sharing one Redis cache (REDIS_URL), as docs/deployment.md scales out ----------

HOST = "localhost"  # the public host name both servers are reached by
REDIS_URL = os.environ.get("PORTAL_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def shared_cache():
    """A Redis database of the tests' own, emptied before and after."""
    try:
        import redis

        client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
        client.flushdb()
    except Exception as error:  # noqa: BLE001 - any reason Redis cannot be used
        if os.environ.get("CI") == "true":
            raise
        pytest.skip(f"Redis at {REDIS_URL} is not usable here ({error}); CI runs this")
    yield REDIS_URL
    client.flushdb()


def make_editor() -> User:
    # Hashed as the servers hash (the test settings' fast hasher is not theirs).
    password = PBKDF2PasswordHasher().encode(PASSWORD, PBKDF2PasswordHasher().salt())
    return User.objects.create(username="redaktoer", password=password, is_staff=True)


def admin_login(browser: Browser, username: str, password: str):
    page = browser.get("/admin/login/?next=/admin/")
    token = CSRF_INPUT.search(page.text).group(1)
    return browser.post(
        "/admin/login/?next=/admin/",
        {"csrfmiddlewaretoken": token, "username": username, "password": password},
    )


def test_a_content_save_through_one_server_shows_through_the_other_at_once(
    server_env, shared_cache, tmp_path
):
    framework = make_framework()
    editor = make_editor()
    editor.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="values", codename__in=["view_framework", "change_framework"]
        )
    )
    framework.publisher.editors.add(editor)
    env = server_env(REDIS_URL=shared_cache)
    url = framework.get_absolute_url()
    with (
        gunicorn(env, tmp_path / "a.log", workers=1) as server_a,
        gunicorn(env, tmp_path / "b.log", workers=1) as server_b,
    ):
        # One cache for both: a page rendered by B is served from the cache by A. (Behind the
        # load balancer both see the same host name, part of the cache key.)
        assert Browser(server_b.port).get(url, Host=HOST).status == 200
        from_a = Browser(server_a.port).get(url, Host=HOST)
        assert from_a.status == 200 and from_a.header("X-Page-Cache") == "hit"

        # The editor signs in through A and makes the framework a draft there ...
        editor_on_a = Browser(server_a.port)
        assert admin_login(editor_on_a, "redaktoer", PASSWORD).status == 302
        changelist = editor_on_a.get("/admin/values/framework/")
        assert changelist.status == 200, changelist.text[:300]
        done = editor_on_a.post(
            "/admin/values/framework/",
            {
                "csrfmiddlewaretoken": CSRF_INPUT.search(changelist.text).group(1),
                "action": "unpublish",
                "_selected_action": str(framework.pk),
                "index": "0",
            },
        )
        assert done.status == 302, done.text[:300]

        # ... and B, whose cached copy was fresh a moment ago, no longer shows it.
        assert Browser(server_b.port).get(url, Host=HOST).status == 404

        # The editor's session, made on A, is good on B too.
        editor_on_b = Browser(server_b.port, cookies=dict(editor_on_a.cookies))
        assert editor_on_b.get("/admin/values/framework/").status == 200


def test_login_failures_count_across_both_servers(server_env, shared_cache, tmp_path):
    make_editor()
    env = server_env(REDIS_URL=shared_cache, DJANGO_LOGIN_FAILURE_LIMIT="4")
    with (
        gunicorn(env, tmp_path / "a.log", workers=1) as server_a,
        gunicorn(env, tmp_path / "b.log", workers=1) as server_b,
    ):
        browsers = [Browser(server_a.port), Browser(server_b.port)]
        for attempt in range(4):  # two wrong passwords through each server
            wrong = admin_login(browsers[attempt % 2], "redaktoer", "forkert-kode")
            assert wrong.status in (200, 429), wrong.status
        # The right password is now refused through either server: the count was shared.
        for browser in browsers:
            refused = admin_login(browser, "redaktoer", PASSWORD)
            assert refused.status == 429, refused.status
