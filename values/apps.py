from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ValuesConfig(AppConfig):
    name = "values"
    verbose_name = _("Rammer for forældresamarbejde")

    def ready(self) -> None:
        import reversion
        from django.db.models.signals import pre_save

        from . import search
        from .models import Concept, Framework, Item, Publisher, ReflectionQuestion, School, Theme
        from .opendata import rebuild
        from .text import normalise_text_fields

        # Here, not in a module only the admin or a view imports, so that every process – the
        # server, `manage.py shell`, `load_content` – keeps history and the search index alike.
        search.connect_signals()
        rebuild.connect_signals()
        # Each model keeps its own history; a theme's items and questions edited in its inlines
        # are saved in the same revision as the theme. No `follow`, so reverting a framework does
        # not silently rewrite or delete every theme below it.
        for model in (Concept, Publisher, Framework, Theme, Item, ReflectionQuestion, School):
            if not reversion.is_registered(model):
                reversion.register(model)
            # Line endings and control characters, before history or the index see the text.
            pre_save.connect(normalise_text_fields, sender=model, dispatch_uid=f"text_{model}")
