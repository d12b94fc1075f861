from django.core.management import BaseCommand

from values.opendata.dump import build_dump


class Command(BaseCommand):
    help = (
        "Build the open-data zip of all published content (JSON and CSV per kind) where "
        "/api/v1/data/foraeldresamarbejde.zip serves it. Saving content rebuilds it by itself; "
        "run this after load_content or a restore."
    )

    def handle(self, *args, **options):
        path = build_dump()
        self.stdout.write(f"Open data written to {path} ({path.stat().st_size} bytes).")
