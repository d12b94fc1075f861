"""Two stateless app servers on one PostgreSQL: a save made through one is read through the other.

This is the scale-out of docs/deployment.md in small: sessions and answers live in the database,
so the load balancer may send a board member's next request to any server.
"""

from tests.conftest import make_framework
from tests.servers import Browser, gunicorn
from tests.slow.boards import Member, make_board
from tests.slow.marks import slow_on_postgres

pytestmark = slow_on_postgres


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
