from pathlib import Path

from django.conf import settings
from django.core.management import BaseCommand, call_command


class Command(BaseCommand):
    help = (
        "Load the shipped content (fixtures/*.json, in file-name order). Records carry fixed "
        "primary keys, so loading again updates them in place instead of duplicating them."
    )

    def handle(self, *args, **options):
        fixtures = sorted(Path(settings.BASE_DIR, "fixtures").glob("*.json"))
        if not fixtures:
            self.stdout.write("No fixtures to load.")
            return
        call_command("loaddata", *[str(path) for path in fixtures], verbosity=options["verbosity"])
        # loaddata saves raw, so the search index signals stay quiet: index everything once.
        call_command("rebuild_search_index", verbosity=options["verbosity"])
