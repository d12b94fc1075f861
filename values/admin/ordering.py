"""Ordering: up/down buttons in the changelists of themes, items and questions."""

from __future__ import annotations

import reversion
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from .drafts import is_live, needs_approval


class MoveMixin:
    """Up/down buttons in the changelist: real submit buttons, so keyboards and readers work.

    Buttons sit inside the changelist's own POST form (which carries the CSRF token) and post to
    their own address with `formaction`; the list's other fields are ignored there.
    """

    def siblings(self, obj):
        raise NotImplementedError

    def move(self, obj, up: bool) -> bool:
        return move(obj, self.siblings(obj), up=up)

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        urls = [
            path(
                "<path:object_id>/flyt/<str:direction>/",
                self.admin_site.admin_view(require_POST(self.move_view)),
                name=f"{info[0]}_{info[1]}_move",
            )
        ]
        return urls + super().get_urls()

    def move_view(self, request, object_id, direction):
        obj = self.get_object(request, object_id)
        if obj is None or direction not in ("op", "ned"):
            raise PermissionDenied
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        if is_live(obj) and needs_approval(obj):
            # A move changes the public page at once; there is no draft of an order.
            messages.error(
                request,
                gettext(
                    "Udgiveren kræver godkendelse, så rækkefølgen af offentliggjort indhold "
                    "ændres ikke her. Ret rækkefølgen i formularen som en kladdeændring."
                ),
            )
            return self._back(request)
        with transaction.atomic(), reversion.create_revision():
            reversion.set_user(request.user)
            moved = self.move(obj, up=direction == "op")
            if moved:
                reversion.set_comment(
                    gettext("Flyttet op.") if direction == "op" else gettext("Flyttet ned.")
                )
        if moved:
            messages.success(
                request,
                (
                    gettext("“%(obj)s” er flyttet op.")
                    if direction == "op"
                    else gettext("“%(obj)s” er flyttet ned.")
                )
                % {"obj": obj},
            )
        else:
            messages.info(request, gettext("“%(obj)s” står allerede yderst.") % {"obj": obj})
        return self._back(request)

    def _back(self, request) -> HttpResponseRedirect:
        referer = request.META.get("HTTP_REFERER", "")
        if not url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()}):
            referer = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
        return HttpResponseRedirect(referer)

    def get_list_display(self, request):
        fields = list(super().get_list_display(request))
        if not self.has_change_permission(request):
            fields = [f for f in fields if f != "move_controls"]
        return fields

    @admin.display(description=_("flyt"))
    def move_controls(self, obj):
        name = f"admin:{self.opts.app_label}_{self.opts.model_name}_move"
        up = reverse(name, args=[obj.pk, "op"])
        down = reverse(name, args=[obj.pk, "ned"])
        label = str(obj)[:60]
        return format_html(
            '<span class="move-controls">'
            '<button type="submit" class="button move-up" formaction="{}" formmethod="post" '
            'formnovalidate aria-label="{}" title="{}">↑</button> '
            '<button type="submit" class="button move-down" formaction="{}" formmethod="post" '
            'formnovalidate aria-label="{}" title="{}">↓</button></span>',
            up,
            gettext("Flyt “%(obj)s” op") % {"obj": label},
            gettext("Flyt op"),
            down,
            gettext("Flyt “%(obj)s” ned") % {"obj": label},
            gettext("Flyt ned"),
        )


def move(obj, siblings, up: bool) -> bool:
    """Swap `obj` with its neighbour among `siblings` (ordered by position, pk)."""
    ordered = list(siblings.select_for_update().order_by("position", "pk"))
    index = next((i for i, o in enumerate(ordered) if o.pk == obj.pk), None)
    if index is None:
        return False
    other = index - 1 if up else index + 1
    if other < 0 or other >= len(ordered):
        return False
    positions = [o.position for o in ordered]
    ordered[index], ordered[other] = ordered[other], ordered[index]
    if all(a < b for a, b in zip(positions, positions[1:], strict=False)):
        new_positions = positions  # keep the editor's numbers, only swap the two
    else:
        new_positions = [10 * (i + 1) for i in range(len(ordered))]
    for sibling, new_position in zip(ordered, new_positions, strict=True):
        if sibling.position != new_position:
            sibling.position = new_position
            sibling.save(update_fields=["position", "updated_at"])
    return True


def move_with_children(obj, siblings, family, up: bool) -> bool:
    """Like move(), but `obj` and its neighbour each take their descendants along (items under
    an example, steps under a spiral), so a parent never leaves its children behind.

    `family` is every object that may be a descendant (the theme's items). The two blocks swap
    within the positions they hold now, so anything else in the theme keeps its place. Where
    positions are not distinct (never numbered), only the two siblings move, as move() does.
    """
    ordered = list(siblings.select_for_update().order_by("position", "pk"))
    index = next((i for i, o in enumerate(ordered) if o.pk == obj.pk), None)
    if index is None:
        return False
    other = index - 1 if up else index + 1
    if other < 0 or other >= len(ordered):
        return False
    children: dict[int | None, list] = {}
    for member in family.order_by("position", "pk"):
        children.setdefault(member.parent_id, []).append(member)

    def block(root) -> list:
        found = [root]
        for child in children.get(root.pk, []):
            found.extend(block(child))
        return found

    first, second = (ordered[other], ordered[index]) if up else (ordered[index], ordered[other])
    members = block(first) + block(second)
    positions = sorted(m.position for m in members)
    if len(set(positions)) < len(positions) or len(members) == 2:
        return move(obj, siblings, up)
    for member, position in zip(block(second) + block(first), positions, strict=True):
        if member.position != position:
            member.position = position
            member.save(update_fields=["position", "updated_at"])
    return True
