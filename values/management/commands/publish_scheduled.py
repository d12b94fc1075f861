from django.core.management import BaseCommand

from values.models import publish_due


class Command(BaseCommand):
    help = (
        "Publish the scheduled draft changes whose time has come (including scheduled "
        "unpublishing: a draft that sets the status to draft). Run it every few minutes from "
        "cron or a systemd timer; see docs/deployment.md."
    )

    def add_arguments(self, parser):
        # For tests and for catching up: the moment to judge "due" by.
        parser.add_argument("--now", type=str, default=None, help=("An ISO date and time."))

    def handle(self, *args, now=None, **options):
        if isinstance(now, str):
            from django.utils.dateparse import parse_datetime

            now = parse_datetime(now)
        published = publish_due(now)
        if options["verbosity"]:
            self.stdout.write(f"{published} scheduled draft change(s) published.")
