"""Migrations that move data: comments resolved in place before the record
became append-only keep who resolved them and when."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import migrated_back_to, migrated_to_the_latest

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("reviews", "0007_reviewcommentresolution")]


def test_resolved_comments_become_resolution_rows():
    old = migrated_back_to(BEFORE)
    user = old.get_model("auth", "User").objects.create(username="resolver")
    content_type = old.get_model("contenttypes", "ContentType").objects.get(
        app_label="auth", model="user"
    )
    ReviewComment = old.get_model("reviews", "ReviewComment")
    at = timezone.make_aware(datetime.datetime(2025, 3, 4, 5, 6))
    fields = {"content_type": content_type, "object_id": 1, "author": user}
    resolved = ReviewComment.objects.create(
        body="Fixed.", resolved_at=at, resolved_by=user, **fields
    )
    ReviewComment.objects.create(body="Still open.", **fields)

    migrated_to_the_latest()

    from reviews.models import ReviewComment as Comment
    from reviews.models import ReviewCommentResolution

    resolution = ReviewCommentResolution.objects.get()
    assert (resolution.comment_id, resolution.by_id, resolution.at) == (
        resolved.pk,
        user.pk,
        at,
    )
    assert [c.body for c in Comment.objects.open()] == ["Still open."]
