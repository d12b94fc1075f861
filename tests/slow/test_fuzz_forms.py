"""Hypothesis against every public and board form: whatever arrives, never a server error.

Each form gets 200 generated submissions: its own fields with hostile values (empty, huge, NUL
and control characters, any Unicode, formula cells, CPR-like numbers, markup, numbers out of
range, repeated fields), fields left out, and fields it does not expect. Autosave also gets raw
bodies (nests deeper than the parser, lone surrogates, forms instead of JSON, any bytes), board
addresses any id, and admin lists any filter value. The test client does not
enforce CSRF, so the generated data reaches the form code itself. PostgreSQL only (it rejects NUL
characters that SQLite would store), with the slow tests.
"""

from __future__ import annotations

import json

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reflections import services
from reflections.models import QuestionKind, TemplateQuestion, TemplateSection, WorksheetTemplate
from tests.conftest import make_framework
from tests.slow.marks import slow_on_postgres
from values.models import ReflectionQuestion, Status

pytestmark = slow_on_postgres

FUZZ = settings(
    max_examples=200,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

SPECIAL = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\r\n",
    "\t=cmd|' /C calc'!A0",
    '=HYPERLINK("http://x")',
    "+1-1",
    "@SUM(A1)",
    "010190-1234",
    "0101901234",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ 7*7 }}{% debug %}",
    "'; DROP TABLE reflections_answer; --",
    "-1",
    "0",
    "99999999999999999999999",
    "1e309",
    "NaN",
    "../../../../etc/passwd",
    "%00%ff",
    "ø" * 5001,
    "x" * 70000,
    "\u202eevil",
    "🙂" * 50,
]
hostile = st.one_of(
    st.sampled_from(SPECIAL),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400),
    st.integers().map(str),
)


def form_data(fields: list[str]) -> st.SearchStrategy[dict]:
    """Some of the form's own fields (single or repeated values) plus unexpected ones."""
    value = st.one_of(hostile, st.lists(hostile, min_size=2, max_size=3))
    own = st.fixed_dictionaries({}, optional={name: value for name in fields})
    extra = st.dictionaries(
        st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=20),
        hostile,
        max_size=3,
    )
    return st.builds(lambda a, b: {**b, **a}, own, extra)


def assert_no_server_error(response, what: str) -> None:
    assert response.status_code < 500, f"{what} answered {response.status_code}"


@pytest.fixture
def portal(db):
    make_framework()
    template = WorksheetTemplate.objects.create(
        title="Værdier i samarbejdet", introduction="Om værdier.", status=Status.PUBLISHED
    )
    section = TemplateSection.objects.create(template=template, title="Dialog", position=1)
    question = ReflectionQuestion.objects.published().first()
    TemplateQuestion.objects.create(
        section=section, kind=QuestionKind.OPEN, reflection_question=question, position=1
    )
    picks = [services.Pick(q) for q in ReflectionQuestion.objects.published()[:3]]
    new = services.create_from_picks(
        picks,
        title="Fuzz",
        school_name="Skolen",
        board_name="Bestyrelsen",
        display_name="Formand",
        next_steps_title="Næste skridt",
        next_steps_question="Hvad gør vi?",
    )
    worksheet = new.worksheet
    questions = list(worksheet.questions.order_by("position"))
    step = services.add_next_step(
        worksheet, questions[-1], what="Skriv", who="Formanden", when="Marts"
    )
    return {
        "template": template,
        "worksheet": worksheet,
        "member_token": new.member_token,
        "chair_token": new.chair_token,
        "questions": questions,
        "section": questions[0].section,
        "step": step,
        "pick": f"q-{question.pk}",
    }


@pytest.fixture
def chair(portal) -> Client:
    """A browser that opened the chair link and gave a name."""
    client = Client()
    assert client.get(f"/arbejdsark/f/{portal['chair_token']}/").status_code == 302
    key = portal["worksheet"].key
    client.post(f"/arbejdsark/ark/{key}/navn/", {"display_name": "Formand"})
    return client


# --- Public forms ------------------------------------------------------------------------------


@FUZZ
@given(data=form_data(["q"]))
def test_search_never_fails(client, portal, data):
    assert_no_server_error(client.get("/soeg/", data), "search")


@FUZZ
@given(data=form_data(["language", "next"]))
def test_language_switch_never_fails(client, portal, data):
    assert_no_server_error(client.post("/i18n/setlang/", data), "set language")


@FUZZ
@given(
    data=form_data(["action", "pick", "next"]),
    pick=st.sampled_from(["", "q-1", "i-1", "q-999999999", "q-0", "x-1"]),
    as_json=st.booleans(),
)
def test_collecting_questions_never_fails(client, portal, data, pick, as_json):
    data.setdefault("pick", portal["pick"] if pick == "" else pick)
    headers = {"Accept": "application/json"} if as_json else {}
    response = client.post("/arbejdsark/saml/", data, headers=headers)
    assert_no_server_error(response, "collect")


@FUZZ
@given(data=form_data(["title", "school_name", "board_name", "display_name", "next_steps"]))
def test_creating_an_own_worksheet_never_fails(client, portal, data):
    client.post("/arbejdsark/saml/", {"action": "add", "pick": portal["pick"]})
    assert_no_server_error(client.post("/arbejdsark/opret/", data), "create own")


@FUZZ
@given(data=form_data(["school_name", "board_name", "display_name"]))
def test_creating_from_a_template_never_fails(client, portal, data):
    url = portal["template"].get_absolute_url()
    assert_no_server_error(client.post(url, data), "create from template")


@FUZZ
@given(data=form_data(["username", "password", "next"]))
def test_admin_login_never_fails(client, portal, data):
    assert_no_server_error(client.post("/admin/login/", data), "admin login")


# --- Board forms ---------------------------------------------------------------------------------


@FUZZ
@given(data=form_data(["display_name"]))
def test_joining_never_fails(client, portal, data):
    client.get(f"/arbejdsark/m/{portal['member_token']}/")
    response = client.post(f"/arbejdsark/ark/{portal['worksheet'].key}/navn/", data)
    assert_no_server_error(response, "join")


def section_fields(portal) -> list[str]:
    fields = ["save_next", "delete_step"]
    for question in portal["questions"]:
        for prefix in ("own", "agreed", "step"):
            for name in ("text", "rating", "evidence", "version", "digest", "what", "who", "when"):
                fields.append(f"{prefix}-{question.pk}-{name}")
    return fields


@FUZZ
@given(data=st.data())
def test_saving_a_section_page_never_fails(chair, portal, data):
    values = data.draw(form_data(section_fields(portal)))
    url = f"/arbejdsark/ark/{portal['worksheet'].key}/afsnit/{portal['section'].pk}/"
    assert_no_server_error(chair.post(url, values), "section save")


json_value = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), hostile),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=10), children, max_size=3)
    ),
    max_leaves=8,
)


@FUZZ
@given(
    payload=st.one_of(
        st.fixed_dictionaries(
            {"scope": st.sampled_from(["own", "agreed", "x", ""])},
            optional={
                "text": json_value,
                "rating": st.one_of(st.sampled_from(["high", "some", "none", "bad"]), json_value),
                "evidence": json_value,
                "version": st.one_of(st.integers(), json_value),
            },
        ),
        json_value,
    ),
    question=st.integers(min_value=0, max_value=3),
    raw=st.one_of(st.none(), st.binary(max_size=200)),
)
def test_autosave_never_fails(chair, portal, payload, question, raw):
    questions = portal["questions"]
    question_id = questions[question].pk if question < len(questions) else 2**31
    url = f"/arbejdsark/ark/{portal['worksheet'].key}/gem/{question_id}/"
    body = raw if raw is not None else json.dumps(payload)
    response = chair.post(url, body, content_type="application/json")
    assert_no_server_error(response, "autosave")


@FUZZ
@given(data=form_data(["what", "who", "when", "version"]))
def test_editing_a_next_step_never_fails(chair, portal, data):
    url = f"/arbejdsark/ark/{portal['worksheet'].key}/skridt/{portal['step'].pk}/"
    assert_no_server_error(chair.post(url, data), "next step")


@FUZZ
@given(data=form_data(["link", "done"]))
def test_chair_forms_never_fail(chair, portal, data):
    key = portal["worksheet"].key
    assert_no_server_error(chair.post(f"/arbejdsark/ark/{key}/formand/status/", data), "status")
    assert_no_server_error(chair.post(f"/arbejdsark/ark/{key}/formand/nyt-link/", data), "rotate")


# --- Raw bodies and addresses --------------------------------------------------------------------

nested = st.builds(
    lambda opener, depth, tail: opener * depth + tail,
    st.sampled_from(["[", '{"a":', '[{"text":']),
    st.integers(min_value=1, max_value=200_000),
    st.sampled_from(["", "]", "1", '"x"']),
)
surrogate_json = st.builds(
    lambda field, code: f'{{"scope": "own", "{field}": "a\\u{code:04x}b"}}',
    st.sampled_from(["text", "evidence", "rating", "scope"]),
    st.integers(min_value=0xD800, max_value=0xDFFF),
)
raw_body = st.one_of(nested, surrogate_json, st.binary(max_size=300))
content_type = st.sampled_from(
    [
        "application/json",
        "multipart/form-data; boundary=BoUnDaRy",
        "application/x-www-form-urlencoded",
        "text/plain",
        "application/json; charset=latin-1",
        "",
    ]
)


@FUZZ
@given(body=raw_body, kind=content_type)
def test_autosave_never_fails_on_raw_bodies(chair, portal, body, kind):
    url = f"/arbejdsark/ark/{portal['worksheet'].key}/gem/{portal['questions'][0].pk}/"
    if isinstance(body, str):
        body = body.encode("utf-8", "surrogatepass")
    response = chair.generic("POST", url, body, content_type=kind)
    assert_no_server_error(response, "autosave raw")


@FUZZ
@given(
    fields=st.dictionaries(st.sampled_from(["scope", "text", "csrfmiddlewaretoken"]), hostile),
)
def test_autosave_never_fails_on_a_multipart_form(portal, fields):
    client = Client(enforce_csrf_checks=True)
    client.get(f"/arbejdsark/m/{portal['member_token']}/")
    client.get(f"/arbejdsark/ark/{portal['worksheet'].key}/")
    token = client.cookies["csrftoken"].value
    url = f"/arbejdsark/ark/{portal['worksheet'].key}/gem/{portal['questions'][0].pk}/"
    response = client.post(url, {**fields, "csrfmiddlewaretoken": token}, HTTP_X_CSRFTOKEN=token)
    assert_no_server_error(response, "autosave multipart")


@FUZZ
@given(
    number=st.one_of(st.integers(min_value=0), st.integers(min_value=2**62, max_value=2**80)),
    kind=st.sampled_from(["afsnit", "gem", "skridt"]),
)
def test_board_addresses_never_fail_on_any_id(chair, portal, number, kind):
    url = f"/arbejdsark/ark/{portal['worksheet'].key}/{kind}/{number}/"
    response = chair.post(url) if kind == "gem" else chair.get(url)
    assert_no_server_error(response, f"board {kind}")


@FUZZ
@given(
    name=st.sampled_from(
        ["q", "template__id__exact", "done_at__isnull", "o", "p", "created_at__gte"]
    ),
    value=hostile,
)
def test_admin_lists_never_fail_on_filter_values(client, portal, superuser, name, value):
    client.force_login(superuser)
    for url in ("/admin/reflections/worksheet/", "/admin/values/item/"):
        response = client.get(url, {name: value})
        assert_no_server_error(response, f"admin list {url}")
