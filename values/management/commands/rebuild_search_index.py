from django.core.management import BaseCommand

from values.search import rebuild_index


class Command(BaseCommand):
    help = (
        "Rebuild the search index from the content. Saving in the admin keeps it in sync; run this "
        "after loading fixtures or changing content with bulk updates."
    )

    def handle(self, *args, **options):
        count = rebuild_index()
        if options["verbosity"]:
            self.stdout.write(f"Search index rebuilt: {count} entries.")
