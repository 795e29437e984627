"""Import editors' documents as draft articles, printing each import report."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from conditions.importing.service import ImportRefused, format_report, import_document
from conditions.models import ArticleKind, Condition


class Command(BaseCommand):
    help = "Make one draft article per file (.docx, .html, .htm, .md, .txt)."

    def add_arguments(self, parser):
        parser.add_argument("--condition", required=True, metavar="SLUG")
        parser.add_argument("--kind", required=True, choices=ArticleKind.values)
        parser.add_argument("--editor", required=True, metavar="USERNAME")
        parser.add_argument("files", nargs="+", metavar="FILE")

    def handle(self, *args, condition, kind, editor, files, **options):
        try:
            condition = Condition.objects.get(slug=condition)
        except Condition.DoesNotExist as error:
            raise CommandError(f"No condition with the slug “{condition}”.") from error
        try:
            editor = get_user_model().objects.get(username=editor)
        except get_user_model().DoesNotExist as error:
            raise CommandError(f"No user named “{editor}”.") from error
        refused = 0
        for name in files:
            path = Path(name)
            try:
                result = import_document(
                    path.name,
                    path.read_bytes(),
                    condition=condition,
                    kind=kind,
                    editor=editor,
                )
            except (ImportRefused, OSError) as error:
                refused += 1
                self.stderr.write(str(error))
                continue
            self.stdout.write(f"Draft “{result.article}” (id {result.article.pk})")
            self.stdout.write(format_report(result.report))
        if refused:
            raise CommandError(f"{refused} of {len(files)} files were refused.")
