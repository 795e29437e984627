"""Record where today's published articles and site pages are public, as
``reviews.services._publish`` does at every approval from now on, so that
their URLs keep leading to them after their next move."""

from django.db import migrations
from django.urls import reverse

URLS = {
    "article": lambda article: reverse(
        "conditions:article_detail", args=[article.condition.slug, article.slug]
    ),
    "sitepage": lambda page: reverse("conditions:site_page", args=[page.slug]),
}


def record(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    PublicPath = apps.get_model("reviews", "PublicPath")
    for model_name, url in URLS.items():
        model = apps.get_model("conditions", model_name)
        items = model.objects.filter(live_version__isnull=False)
        if not items.exists():
            continue
        content_type, _ = ContentType.objects.get_or_create(
            app_label="conditions", model=model_name
        )
        for item in items:
            PublicPath.objects.update_or_create(
                path=url(item),
                defaults={"content_type": content_type, "object_id": item.pk},
            )


class Migration(migrations.Migration):
    dependencies = [
        ("conditions", "0007_reviewable_state_constraints"),
        ("reviews", "0012_public_path"),
    ]

    operations = [migrations.RunPython(record, migrations.RunPython.noop)]
