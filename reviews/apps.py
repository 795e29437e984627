from django.apps import AppConfig
from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import DEFAULT_DB_ALIAS, router
from django.db.models.signals import post_migrate

# What each editorial group may do in the workflow. Content apps grant their
# own model permissions to these groups the same way.
GROUP_PERMISSIONS = {
    "Editors": ["submit_for_review", "view_reviewevent", "view_publishedversion"],
    "Reviewers": ["review_content", "view_reviewevent", "view_publishedversion"],
}


def grant_group_permissions(
    app_config: AppConfig,
    grants: dict[str, list[str]],
    *,
    using: str = DEFAULT_DB_ALIAS,
    apps=global_apps,
) -> None:
    """Make sure each group exists and holds ``app_config``'s permissions named
    in ``grants``; adds, never removes, so running it again changes nothing.

    Run after every migrate and every test flush, the way ``contrib.auth``
    makes permissions, so the groups are always there.
    """
    if not router.allow_migrate_model(using, apps.get_model("auth", "Group")):
        return
    # The permissions themselves come from contrib.auth's own post_migrate
    # receiver, which may not have run for this app yet.
    create_permissions(app_config, verbosity=0, using=using, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in grants.items():
        group, _ = Group.objects.using(using).get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.using(using).filter(
                content_type__app_label=app_config.label, codename__in=codenames
            )
        )


def create_editorial_groups(
    app_config, using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs
):
    """post_migrate receiver: the Editors and Reviewers groups, with their
    workflow permissions."""
    try:
        apps.get_model("auth", "Group")
        apps.get_model("reviews", "ReviewEvent")
    except LookupError:
        return
    grant_group_permissions(app_config, GROUP_PERMISSIONS, using=using, apps=apps)


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = "Editorial review"

    def ready(self):
        from reviews import checks  # noqa: F401 - registers the system checks
        from reviews.triggers import install_reviewable_guards

        post_migrate.connect(
            create_editorial_groups,
            sender=self,
            dispatch_uid="reviews.apps.create_editorial_groups",
        )
        post_migrate.connect(
            install_reviewable_guards,
            sender=self,
            dispatch_uid="reviews.triggers.install_reviewable_guards",
        )
