from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ValuesConfig(AppConfig):
    name = "values"
    verbose_name = _("Rammer for forældresamarbejde")

    def ready(self) -> None:
        import reversion
        from django.db.models.signals import post_delete, post_init, pre_save

        from . import search
        from .models import Concept, Framework, Item, Publisher, ReflectionQuestion, School, Theme
        from .opendata import rebuild
        from .text import normalise_text_fields
        from .visibility import show_previewed_draft

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
        for model in (Framework, Theme, Item, ReflectionQuestion):
            # A draft change being previewed shows over the live object; a deleted object's
            # draft changes go with it.
            post_init.connect(show_previewed_draft, sender=model, dispatch_uid=f"draft_{model}")
            post_delete.connect(
                delete_draft_changes, sender=model, dispatch_uid=f"draft_delete_{model}"
            )


def delete_draft_changes(sender, instance, **kwargs) -> None:
    from django.contrib.contenttypes.models import ContentType

    from .models import DraftChange

    DraftChange.objects.filter(
        content_type=ContentType.objects.get_for_model(sender), object_id=instance.pk
    ).delete()
