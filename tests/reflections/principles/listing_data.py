"""Municipalities, their schools and boards with published principles, for the listing tests."""

from __future__ import annotations

import datetime

from reflections import services
from reflections.models import Principle, PrincipleArea, PrincipleListing
from reflections.principles import approval, drafting
from values.models import Publisher, School


def municipality(name: str = "Ballerup Kommune", listed: bool = True) -> Publisher:
    publisher = Publisher.objects.get_or_create(name=name)[0]
    PrincipleListing.objects.update_or_create(municipality=publisher, defaults={"listed": listed})
    return publisher


def school(publisher: Publisher, name: str, number: int) -> School:
    return School.objects.create(
        municipality=publisher, name=name, institution_number=f"{number:06d}"
    )


def published_principle(school: School | None, title: str, school_name: str = "") -> Principle:
    space, _member, _chair = services.new_space(
        school_name=school_name or (school.name if school else "Friskolen"),
        board_name="Skolebestyrelsen",
        school=school,
    )
    principle = drafting.start_principle(space, title=title, area=PrincipleArea.SCHOOL_HOME)
    line = principle.sections.first().lines.create(text="Vi mødes tidligt.", position=1)
    assert line.pk
    version = approval.approve(
        principle,
        approved_on=datetime.date(2027, 3, 10),
        review_by=datetime.date(2028, 3, 10),
    )
    approval.publish(principle, version)
    return principle


def schools_with_principles(publisher: Publisher, schools: int, per_school: int, start: int = 0):
    found = []
    for n in range(start, start + schools):
        place = school(publisher, f"Skole {n:02d}", 200000 + n)
        found += [published_principle(place, f"Princip {m} for {place}") for m in range(per_school)]
    return found
