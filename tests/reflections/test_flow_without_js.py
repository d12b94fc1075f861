"""The whole board flow through plain HTML forms, as a browser without JavaScript uses it."""

import csv
import io
import re

import pytest
from django.test import Client
from django.urls import reverse

from reflections.models import Answer, NextStep, Worksheet

from .html_forms import form_fields

pytestmark = pytest.mark.django_db


def links_on(html: str) -> tuple[str, str]:
    member = re.search(r'id="member-link"[^>]*value="([^"]+)"', html).group(1)
    chair = re.search(r'id="chair-link"[^>]*value="([^"]+)"', html).group(1)
    return member, chair


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def test_a_board_creates_answers_agrees_and_downloads_without_javascript(template):
    chair = Client()
    html = chair.get(reverse("reflections:index")).content.decode()
    assert template.title in html

    response = chair.get(template.get_absolute_url())
    assert "Hvilke næste skridt aftaler vi?" in response.content.decode()
    response = chair.post(
        template.get_absolute_url(),
        {
            "school_name": "Skovvejens Skole",
            "board_name": "Skolebestyrelsen",
            "display_name": "Fie",
        },
    )
    assert response.status_code == 302
    manage = chair.get(response["Location"])
    member_link, chair_link = links_on(manage.content.decode())
    worksheet = Worksheet.objects.get()
    assert worksheet.key in response["Location"]
    # Links are shown once only.
    assert "member-link" not in chair.get(response["Location"]).content.decode()

    # A member opens the shared link, lands on a URL without the token and gives a name once.
    member = Client()
    response = member.get(path_of(member_link))
    assert response.status_code == 302
    assert response["Location"] == worksheet.get_absolute_url()
    assert path_of(member_link).split("/")[-2] not in response["Location"]
    join_page = member.get(response["Location"]).content.decode()
    assert "Hvem er du?" in join_page
    member.post(reverse("reflections:join", args=[worksheet.key]), {"display_name": "Mads"})
    overview = member.get(worksheet.get_absolute_url()).content.decode()
    assert "0 af 2 besvaret" in overview

    first, last = list(worksheet.sections.order_by("position"))
    question, indicator = list(first.questions.order_by("position"))

    # The member writes an own answer and rates the indicator with evidence.
    page = member.get(first.get_absolute_url()).content.decode()
    fields = form_fields(page, "data-autosave-form")
    fields[f"own-{question.pk}-text"] = "Vi mødes ofte – æøå."
    fields[f"own-{indicator.pk}-rating"] = "some"
    fields[f"own-{indicator.pk}-evidence"] = "Forældremødet i august"
    response = member.post(first.get_absolute_url(), fields)
    assert response.status_code == 302
    own = Answer.objects.get(question=question, participant__display_name="Mads")
    assert own.text == "Vi mødes ofte – æøå."
    assert Answer.objects.get(question=indicator, participant__isnull=False).rating == "some"

    # The chair sees the member's answer beside the agreed field and both open the page.
    chair_page = chair.get(first.get_absolute_url()).content.decode()
    assert "Vi mødes ofte – æøå." in chair_page
    chair_fields = form_fields(chair_page, "data-autosave-form")
    member_fields = form_fields(
        member.get(first.get_absolute_url()).content.decode(), "data-autosave-form"
    )

    # The chair saves the agreed answer first …
    chair_fields[f"agreed-{question.pk}-text"] = "Vi holder dialogmøder hver måned."
    chair_fields[f"agreed-{indicator.pk}-rating"] = "high"
    assert chair.post(first.get_absolute_url(), chair_fields).status_code == 302

    # … the member's save from the stale page meets a conflict showing both texts, merged.
    member_fields[f"agreed-{question.pk}-text"] = "Vi inviterer forældre til morgenkaffe."
    response = member.post(first.get_absolute_url(), member_fields)
    assert response.status_code == 409
    page = response.content.decode()
    assert "har ændret fællessvaret" in page
    assert "Vi holder dialogmøder hver måned." in page
    assert "Vi inviterer forældre til morgenkaffe." in page
    agreed = Answer.objects.get(question=question, participant__isnull=True)
    assert agreed.text == "Vi holder dialogmøder hver måned."  # nothing overwritten
    merged = form_fields(page, "data-autosave-form")
    assert merged[f"agreed-{question.pk}-text"] == (
        "Vi holder dialogmøder hver måned.\n\nVi inviterer forældre til morgenkaffe."
    )
    # The chair's rating on the indicator was not touched by the member's stale page.
    assert Answer.objects.get(question=indicator, participant__isnull=True).rating == "high"
    assert member.post(first.get_absolute_url(), merged).status_code == 302
    agreed.refresh_from_db()
    assert "morgenkaffe" in agreed.text and "dialogmøder" in agreed.text

    # Next steps: what, who, by when.
    (steps_question,) = last.questions.all()
    fields = form_fields(chair.get(last.get_absolute_url()).content.decode(), "data-autosave-form")
    fields.update(
        {
            f"step-{steps_question.pk}-what": "Invitere til fællesmøde",
            f"step-{steps_question.pk}-who": "Fie og Mads",
            f"step-{steps_question.pk}-when": "Inden jul",
        }
    )
    assert chair.post(last.get_absolute_url(), fields).status_code == 302
    step = NextStep.objects.get()
    assert (step.what, step.who, step.when) == (
        "Invitere til fællesmøde",
        "Fie og Mads",
        "Inden jul",
    )
    overview = member.get(worksheet.get_absolute_url()).content.decode()
    assert "2 af 2 besvaret" in overview and "1 af 1 besvaret" in overview

    # Done: the chair marks it, the member can no longer change answers, the result is complete.
    chair.post(reverse("reflections:status", args=[worksheet.key]), {"done": "1"})
    fields = form_fields(chair_page, "data-autosave-form")
    fields[f"own-{question.pk}-text"] = "For sent"
    member.post(first.get_absolute_url(), fields)
    assert not Answer.objects.filter(text="For sent").exists()
    result = member.get(reverse("reflections:result", args=[worksheet.key])).content.decode()
    assert "morgenkaffe" in result
    assert "<svg" in result and "Vurderinger i tal" in result
    assert "Invitere til fællesmøde" in result
    assert "Mads" in result  # members' answers on demand (in <details>)

    # Downloads keep the Danish letters.
    csv_bytes = member.get(reverse("reflections:export_csv", args=[worksheet.key])).content
    assert csv_bytes.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(csv_bytes.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Afsnit"
    assert any("Vi mødes ofte – æøå." in row for row in rows)
    pdf = member.get(reverse("reflections:result_pdf", args=[worksheet.key]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")

    # The chair reopens; answers are editable again.
    chair.post(reverse("reflections:status", args=[worksheet.key]), {"done": "0"})
    member_page = member.get(first.get_absolute_url()).content.decode()
    fields = form_fields(member_page, "data-autosave-form")
    fields[f"own-{question.pk}-text"] = "For sent"
    member.post(first.get_absolute_url(), fields)
    assert Answer.objects.filter(text="For sent").exists()
