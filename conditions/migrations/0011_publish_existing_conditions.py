"""Give today's public conditions an approved first version, so that nothing
public disappears when readers' pages start reading only approved condition
data; give approved articles their public address and condition.

Until now a condition was public as soon as one of its articles was: its
page, name and codes showed with that article. So each condition with a
published article gets version 1, approved by the reviewer who approved the
most recent of its published articles (the last person who signed off a page
showing this condition), with a review event saying it was migrated. A
condition without a published article was never public and stays a draft.
Approved articles keep the address readers reach today. On a fresh database
there is nothing to do.
"""

from django.conf import settings
from django.db import migrations
from django.urls import reverse
from django.utils import timezone

MSG_MIGRATED = (
    "First version, published when condition data came under review: "
    "approved on the strength of the article approved by this reviewer."
)


def publish_existing(apps, schema_editor):
    # The same snapshot and rendering as Condition.review_data() and
    # render_review(), so that the stored hash matches the next edit's.
    from conditions.models import condition_review_data, render_condition
    from reviews.models import content_hash
    from reviews.services import add_months

    Article = apps.get_model("conditions", "Article")
    Condition = apps.get_model("conditions", "Condition")
    PublishedConditionCode = apps.get_model("conditions", "PublishedConditionCode")
    PublishedVersion = apps.get_model("reviews", "PublishedVersion")
    ReviewEvent = apps.get_model("reviews", "ReviewEvent")
    PublicPath = apps.get_model("reviews", "PublicPath")
    ContentType = apps.get_model("contenttypes", "ContentType")

    live = Article.objects.filter(live_version__isnull=False)
    for article in live:
        Article.objects.filter(pk=article.pk).update(
            public_slug=article.slug, public_condition=article.condition_id
        )
    if not live.exists():
        return
    content_type, _ = ContentType.objects.get_or_create(
        app_label="conditions", model="condition"
    )
    now = timezone.now()
    today = timezone.localdate(now)
    for condition in Condition.objects.filter(
        pk__in=live.values("condition")
    ).order_by("pk"):
        approver = (
            live.filter(condition=condition)
            .order_by("-live_version__approved_at")
            .first()
            .live_version.approved_by
        )
        data = condition_review_data(condition)
        fingerprint = content_hash(data)
        version = PublishedVersion.objects.create(
            content_type=content_type,
            object_id=condition.pk,
            number=1,
            data=data,
            html=render_condition(data),
            fragments={},
            content_hash=fingerprint,
            approved_by=approver,
            approved_at=now,
            next_review_due=add_months(today, settings.REVIEW_INTERVAL_MONTHS),
            reviewer_name=f"{approver.first_name} {approver.last_name}".strip()
            or approver.username,
            last_reviewed_on=today,
            edited_at=condition.updated_at,
            is_live=True,
        )
        ReviewEvent.objects.create(
            content_type=content_type,
            object_id=condition.pk,
            actor=approver,
            from_state=condition.review_state,
            to_state="approved",
            comment=MSG_MIGRATED,
            content_hash=fingerprint,
        )
        PublishedConditionCode.objects.bulk_create(
            PublishedConditionCode(condition=condition, position=position, **code)
            for position, code in enumerate(data["codes"], start=1)
        )
        # Its address, so that it keeps leading here after a rename (as
        # reviews.services._publish records at every approval from now on).
        PublicPath.objects.update_or_create(
            path=reverse("conditions:condition_detail", args=[condition.slug]),
            defaults={"content_type": content_type, "object_id": condition.pk},
        )
        Condition.objects.filter(pk=condition.pk).update(
            review_state="approved",
            revision_hash=fingerprint,
            live_version=version,
            public_name=condition.name,
            public_slug=condition.slug,
            public_synonyms=condition.synonyms,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("conditions", "0010_condition_reviewable_and_published_projection"),
        ("reviews", "0013_published_version_editors"),
    ]

    operations = [migrations.RunPython(publish_existing, migrations.RunPython.noop)]
