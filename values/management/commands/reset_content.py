from django.core.management import BaseCommand, CommandError, call_command

from values import shipped


class Command(BaseCommand):
    help = (
        "Put the shipped content (fixtures/*.json) back as shipped, OVERWRITING every change "
        "editors have made to shipped records. Records editors added are left alone. The "
        "history keeps what was overwritten, so it can be restored in the admin."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation (for scripts).",
        )

    def handle(self, *args, **options):
        if options["interactive"]:
            answer = input(
                "This overwrites every change editors have made to the shipped frameworks, "
                "themes, items, questions and concepts with the shipped text.\n"
                "Type 'yes' to continue, or anything else to cancel: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Cancelled; nothing was changed.")
        report = shipped.reset()
        for conflict in report.conflicts:
            self.stderr.write(f"Not reset: {conflict}")
        call_command("rebuild_search_index", verbosity=options["verbosity"])
        self.stdout.write(
            f"Shipped content reset: {report.updated} records overwritten, {report.added} added."
        )
