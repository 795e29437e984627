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
    # Reviewers who also give the pharmacist's approval (``STAGES``).
    "Pharmacists": [
        "review_content",
        "review_medicines",
        "view_reviewevent",
        "view_publishedversion",
    ],
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


def grant_after_migrate(
    app_config: AppConfig, grants: dict[str, list[str]], *, needs: str
) -> None:
    """Have every ``migrate`` give the editorial groups ``grants`` (group
    name → codenames of ``app_config``'s permissions), once the model
    ``needs`` ("app_label.Model") exists: how each app sets up its part of
    the Editors' and Reviewers' rights."""

    def receiver(app_config, using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs):
        try:
            apps.get_model("auth", "Group")
            apps.get_model(needs)
        except LookupError:
            return
        grant_group_permissions(app_config, grants, using=using, apps=apps)

    post_migrate.connect(
        receiver,
        sender=app_config,
        weak=False,
        dispatch_uid=f"{app_config.label}.grant_group_permissions",
    )


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = "Editorial review"

    def ready(self):
        from reviews import (
            checks,  # noqa: F401 - registers the system checks
            scheduling,
            signals,
        )
        from reviews.triggers import install_reviewable_guards

        signals.scheduled.connect(
            scheduling.queue_release, dispatch_uid="reviews.scheduling.queue_release"
        )

        # The editorial groups, with their workflow permissions.
        grant_after_migrate(self, GROUP_PERMISSIONS, needs="reviews.ReviewEvent")
        post_migrate.connect(
            install_reviewable_guards,
            sender=self,
            dispatch_uid="reviews.triggers.install_reviewable_guards",
        )
