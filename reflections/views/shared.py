"""What several worksheet views need: the page context, the done message, starting a session."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _

from .. import access, services, sessions


def done_message() -> str:
    return _("Arbejdsarket er markeret som færdigt. Formanden kan genåbne det.")


def chairs_only_message() -> str:
    return _("Formanden og næstformanden skriver bestyrelsens fælles svar på dette arbejdsark.")


def stale_link_message() -> str:
    return _(
        "Linket, du åbnede arbejdsarket med, er blevet fornyet af formanden, så dit svar er ikke "
        "gemt. Din tekst står stadig i feltet – kopiér den, og åbn det nye link."
    )


def role_label(role: str, name: str) -> str:
    """The visitor's role for the "Du deltager som …" line – unless their name already says it
    (a chair who joined as "Fie (formand)" is not "Fie (formand) · formand")."""
    labels = {
        access.Role.CHAIR: ("formand", _("formand")),
        access.Role.COCHAIR: ("næstformand", _("næstformand")),
    }
    if role not in labels:
        return ""
    danish, label = labels[role]
    mentioned = danish in name.casefold() or str(label).casefold() in name.casefold()
    return "" if mentioned else label


def board_context(acc: access.Access, request: HttpRequest, **extra) -> dict:
    """The context every board page has: the worksheet, who is looking, and the rest."""
    name = sessions.display_name(request, acc.worksheet.key) if acc.participant_id else ""
    return {
        "worksheet": acc.worksheet,
        "is_chair": acc.is_chair,
        "role": acc.role,
        "role_label": role_label(acc.role, name),
        "display_name": name,
        **extra,
    }


def start_session(request: HttpRequest, new: services.NewWorksheet) -> None:
    """The creator of a new worksheet (and so of its space) is its chair, and sees the space's two
    links once."""
    sessions.grant(request, new.worksheet.space, chair=True)
    if new.participant:
        sessions.remember_participant(request, new.worksheet, new.participant)
    sessions.show_links_once(
        request,
        new.worksheet.space,
        member=new.member_token,
        chair=new.chair_token,
        personal=new.personal_token,
    )


def wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")
