"""Each comment resolved in place (``resolved_at``/``resolved_by`` on the
comment) gets its ``ReviewCommentResolution`` row, before migration 0009
drops those columns and 0010/0011 make the tables append-only."""

from django.db import migrations


def move_forward(apps, schema_editor):
    ReviewComment = apps.get_model("reviews", "ReviewComment")
    ReviewCommentResolution = apps.get_model("reviews", "ReviewCommentResolution")
    db = schema_editor.connection.alias
    ReviewCommentResolution.objects.using(db).bulk_create(
        ReviewCommentResolution(
            comment_id=comment.pk, by_id=comment.resolved_by_id, at=comment.resolved_at
        )
        for comment in ReviewComment.objects.using(db)
        .filter(resolved_at__isnull=False, resolved_by__isnull=False)
        .only("pk", "resolved_at", "resolved_by")
        .iterator()
    )


def move_back(apps, schema_editor):
    ReviewComment = apps.get_model("reviews", "ReviewComment")
    ReviewCommentResolution = apps.get_model("reviews", "ReviewCommentResolution")
    db = schema_editor.connection.alias
    for resolution in ReviewCommentResolution.objects.using(db).iterator():
        ReviewComment.objects.using(db).filter(pk=resolution.comment_id).update(
            resolved_at=resolution.at, resolved_by_id=resolution.by_id
        )


class Migration(migrations.Migration):
    dependencies = [("reviews", "0007_reviewcommentresolution")]

    operations = [migrations.RunPython(move_forward, move_back)]
