"""The staff overview: content per framework and kind, drafts, recent changes, worksheet use."""

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reflections import services
from reflections.models import Answer, TemplateQuestion, TemplateSection, WorksheetTemplate
from tests.conftest import make_framework
from values.models import Item, Status

URL = "/admin/oversigt/"


@pytest.fixture
def templates(framework):
    """Two published templates built on the test framework's questions."""
    theme = framework.themes.order_by("position").first()
    popular = theme.questions.order_by("position").first()
    made = []
    for title in ("Værdier i samarbejdet", "Forældremødet"):
        template = WorksheetTemplate.objects.create(
            title=title, introduction="Om samarbejdet.", status=Status.PUBLISHED
        )
        section = TemplateSection.objects.create(template=template, title="Dialog", position=1)
        TemplateQuestion.objects.create(section=section, reflection_question=popular, position=1)
        made.append(template)
    return made, popular


def new_worksheet(template, school="Skovvejens Skole"):
    return services.create_from_template(
        template, school_name=school, board_name="Hemmelig Bestyrelse"
    ).worksheet


@pytest.mark.django_db
def test_the_admin_index_links_to_the_overview(editor_client):
    assert reverse("admin_dashboard") == URL
    assert URL in editor_client.get(reverse("admin:index")).content.decode()


@pytest.mark.django_db
def test_overview_counts_content_per_framework_kind_and_status(editor_client, framework):
    make_framework(title="Udkast fra Solrød", publisher="Solrød Kommune", status=Status.DRAFT)
    html = editor_client.get(URL).content.decode()
    assert "Indhold pr. ramme" in html
    assert framework.title in html and "Udkast fra Solrød" in html
    assert "Det kan vi se, når: 4" in html  # 2 indicators per theme × 2 themes
    assert "Kladde" in html
    row = html.split("Rammer</th>", 1)[1].split("</tr>", 1)[0]
    assert '<td class="number">1</td><td class="number">1</td>' in row.replace("\n", "")
    per_kind = Item.objects.filter(kind=Item.Kind.INDICATOR).count()
    assert f'<span class="figure">{per_kind}</span>' in html
    assert "<rect" in html  # the bars are server-rendered SVG, no script


@pytest.mark.django_db
def test_overview_shows_worksheet_use_without_any_board_data(editor_client, templates):
    (values_template, meeting_template), popular = templates
    done = new_worksheet(values_template)
    services.mark_done(done, True)
    new_worksheet(values_template, school="Bakkeskolen")
    new_worksheet(meeting_template, school="Engskolen")
    Answer.objects.create(
        worksheet=done, question=done.questions.first(), text="Hemmeligt svar fra bestyrelsen"
    )

    html = editor_client.get(URL).content.decode()

    assert "Værdier i samarbejdet" in html and "2 oprettet, 1 færdige" in html
    assert "Forældremødet" in html and "1 oprettet, 0 færdige" in html
    assert popular.text in html and '<span class="figure">3</span>' in html
    for private in ("Hemmeligt svar", "Hemmelig Bestyrelse", "Skovvejens Skole", "Bakkeskolen"):
        assert private not in html


@pytest.mark.django_db
def test_overview_lists_recent_changes_with_who(editor_client, framework):
    theme = framework.themes.first()
    editor_client.post(
        reverse("admin:values_theme_change", args=[theme.pk]),
        {
            "framework": framework.pk,
            "number": theme.number,
            "title": "Et nyt navn til temaet",
            "slug": theme.slug,
            "status": theme.status,
            "position": theme.position,
            "lead": theme.lead,
            "body": theme.body,
            "items-TOTAL_FORMS": "0",
            "items-INITIAL_FORMS": "0",
            "questions-TOTAL_FORMS": "0",
            "questions-INITIAL_FORMS": "0",
            "materials-TOTAL_FORMS": "0",
            "materials-INITIAL_FORMS": "0",
        },
    )
    html = editor_client.get(URL).content.decode()
    recent = html.split("Senest ændret", 1)[1]
    assert "Et nyt navn til temaet" in recent and "redaktoer" in recent
    assert reverse("admin:values_theme_change", args=[theme.pk]) in recent


@pytest.mark.django_db
def test_overview_queries_do_not_grow_with_content(editor_client, templates):
    (values_template, _), _ = templates
    editor_client.get(URL)
    with CaptureQueriesContext(connection) as few:
        editor_client.get(URL)
    for n in range(4):
        make_framework(title=f"Ramme {n}", publisher=f"Kommune {n}")
        services.mark_done(new_worksheet(values_template, school=f"Skole {n}"), True)
    with CaptureQueriesContext(connection) as many:
        editor_client.get(URL)
    # The editor's own drafts, content needing attention and change sets add a fixed few.
    assert len(many) == len(few) <= 30


@pytest.mark.django_db
def test_overview_is_for_staff_with_content_access_only(client):
    assert client.get(URL).status_code == 302  # to the login
    staff = User.objects.create_user("medarbejder", password="kode-medarbejder-123", is_staff=True)
    client.force_login(staff)
    assert client.get(URL).status_code == 403
    outsider = User.objects.create_user("borger", password="kode-borger-123")
    client.force_login(outsider)
    assert client.get(URL).status_code == 302
