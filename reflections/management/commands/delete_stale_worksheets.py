"""Delete board spaces nobody has touched for a long time (default 24 months), with everything in
them: worksheets, answers, principles – published ones too.

Run it daily from cron or a systemd timer:  manage.py delete_stale_worksheets
"""

import calendar

from django.conf import settings
from django.core.management import BaseCommand, CommandError
from django.utils import timezone

from reflections.deletion import delete_stale_spaces

DEFAULT_MONTHS = 24


def months_ago(months: int):
    """The moment `months` calendar months ago (clamped to the month's last day)."""
    now = timezone.localtime()
    month_index = now.year * 12 + (now.month - 1) - months
    year, month = divmod(month_index, 12)
    day = min(now.day, calendar.monthrange(year, month + 1)[1])
    return now.replace(year=year, month=month + 1, day=day)


class Command(BaseCommand):
    help = (
        "Hard-delete board spaces (and every worksheet, answer, participant, next step and "
        "principle in them) whose last activity is older than --months (default: "
        "settings.WORKSHEET_RETENTION_MONTHS or 24)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--months",
            type=int,
            default=getattr(settings, "WORKSHEET_RETENTION_MONTHS", DEFAULT_MONTHS),
            help="Delete board spaces untouched for this many months.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count what would be deleted."
        )

    def handle(self, *args, months: int, dry_run: bool, **options):
        if months < 1:
            raise CommandError("--months must be at least 1")
        cutoff = months_ago(months)
        count = delete_stale_spaces(cutoff, dry_run=dry_run)
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(f"{verb} {count} board space(s) untouched since {cutoff:%Y-%m-%d}.")
