"""The fixed choices of worksheets: question kinds, the rating scale, how a board answers."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class QuestionKind(models.TextChoices):
    OPEN = "open", _("Åben refleksion")
    RATING = "rating", _("Selvevaluering på skala")
    NEXT_STEPS = "next_steps", _("Næste skridt")


class Rating(models.TextChoices):
    HIGH = "high", _("I høj grad")
    SOME = "some", _("I nogen grad")
    LITTLE = "little", _("I mindre grad")
    NONE = "none", _("Slet ikke")
    UNKNOWN = "unknown", _("Ved ikke")


class AgreedBy(models.TextChoices):
    EVERYONE = "everyone", _("Alle i bestyrelsen")
    CHAIRS = "chairs", _("Formanden og næstformanden")


class OthersVisible(models.TextChoices):
    ALWAYS = "always", _("Med det samme")
    AFTER_OWN = "after_own", _("Når man selv har svaret på spørgsmålet")
