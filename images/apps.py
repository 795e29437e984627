from django.apps import AppConfig
from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS
from django.db.models.signals import post_migrate

GROUP_PERMISSIONS = {
    "Editors": ["add_image", "change_image", "view_image"],
    "Reviewers": ["view_image"],
}


def grant_image_permissions(
    app_config, using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs
):
    """post_migrate receiver: Editors manage the library, Reviewers see it."""
    from reviews.apps import grant_group_permissions

    try:
        apps.get_model("auth", "Group")
        apps.get_model("images", "Image")
    except LookupError:
        return
    grant_group_permissions(app_config, GROUP_PERMISSIONS, using=using, apps=apps)


class ImagesConfig(AppConfig):
    name = "images"
    verbose_name = "Image library"

    def ready(self):
        post_migrate.connect(
            grant_image_permissions,
            sender=self,
            dispatch_uid="images.apps.grant_image_permissions",
        )
