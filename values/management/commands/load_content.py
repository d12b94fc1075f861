from django.core.management import BaseCommand, call_command

from values import shipped


class Command(BaseCommand):
    help = (
        "Load the shipped content (fixtures/*.json) into the database: every record the database "
        "has never had is added (all of them into an empty database), and a record that is there "
        "– perhaps edited in the admin – or was deleted there is never touched. Each record "
        "added gets its first version in the history. To put the shipped content back over the "
        "editors' changes, use reset_content."
    )

    def handle(self, *args, **options):
        if not shipped.fixture_paths():
            self.stdout.write("No fixtures to load.")
            return
        report = shipped.load_new()
        for conflict in report.conflicts:
            self.stderr.write(f"Not added: {conflict}")
        if report.added:
            # The records were saved raw, so the search index signals stayed quiet.
            call_command("rebuild_search_index", verbosity=options["verbosity"])
        if options["verbosity"]:
            self.stdout.write(
                f"Shipped content: {report.added} records added, {report.kept} already there "
                "left as they are."
            )
