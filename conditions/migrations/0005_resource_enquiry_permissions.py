"""Editors manage resources and enquiries; Reviewers can read them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Editors": [
        "add_resource",
        "change_resource",
        "delete_resource",
        "view_resource",
        "change_enquiry",
        "delete_enquiry",
        "view_enquiry",
    ],
    "Reviewers": ["view_resource", "view_enquiry"],
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("conditions")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        Group.objects.get(name=name).permissions.add(
            *Permission.objects.filter(
                content_type__app_label="conditions", codename__in=codenames
            )
        )


class Migration(migrations.Migration):
    dependencies = [("conditions", "0004_resources_and_enquiries")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
