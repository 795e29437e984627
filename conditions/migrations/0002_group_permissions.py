"""Let Editors write content and Reviewers read it, in the admin."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTENT_MODELS = ["condition", "conditioncode", "article", "section", "reference"]
GROUP_ACTIONS = {
    "Editors": ["add", "change", "delete", "view"],
    "Reviewers": ["view"],
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("conditions")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, actions in GROUP_ACTIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        codenames = [f"{a}_{m}" for a in actions for m in CONTENT_MODELS]
        if name == "Editors":
            # Editors may not delete whole articles or conditions: only the
            # rows inside them that the admin's inlines remove.
            codenames.remove("delete_article")
            codenames.remove("delete_condition")
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="conditions", codename__in=codenames
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("conditions", "0001_initial"),
        ("reviews", "0002_editorial_groups"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
