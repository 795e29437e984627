from django.apps import AppConfig

_CONTENT = ["condition", "conditioncode", "article", "section", "reference"]
# What the editorial groups may do with content in the admin. Editors may not
# delete whole articles or conditions: only the rows inside them that the
# admin's inlines remove.
GROUP_PERMISSIONS = {
    "Editors": [
        *(
            f"{action}_{model}"
            for action in ("add", "change", "view")
            for model in _CONTENT
        ),
        "delete_conditioncode",
        "delete_section",
        "delete_reference",
        "add_resource",
        "change_resource",
        "delete_resource",
        "view_resource",
        "change_enquiry",
        "delete_enquiry",
        "view_enquiry",
        # As for articles: Editors may not delete a page (the workflow
        # archives it).
        "add_sitepage",
        "change_sitepage",
        "view_sitepage",
    ],
    "Reviewers": [
        *(f"view_{model}" for model in _CONTENT),
        "view_resource",
        "view_enquiry",
        "view_sitepage",
    ],
}
# Pharmacists give treatment guides their second approval: they read what
# Reviewers read.
GROUP_PERMISSIONS["Pharmacists"] = GROUP_PERMISSIONS["Reviewers"]


class ConditionsConfig(AppConfig):
    name = "conditions"
    verbose_name = "Conditions and articles"

    def ready(self):
        from reviews.apps import grant_after_migrate

        grant_after_migrate(self, GROUP_PERMISSIONS, needs="conditions.Article")
        # Search indexing, kept article pages and the footer's cache are
        # decoupled extras: they follow what is published.
        from django.db.models.signals import post_delete, post_save

        from conditions import receivers
        from conditions.models import (
            Article,
            Condition,
            ConditionCode,
            Resource,
            SitePage,
        )
        from reviews import signals
        from reviews.models import ReviewerProfile

        signals.published.connect(
            receivers.index_published, dispatch_uid="conditions.receivers.published"
        )
        signals.unpublished.connect(
            receivers.remove_unpublished,
            dispatch_uid="conditions.receivers.unpublished",
        )
        signals.published.connect(
            receivers.keep_published_pages,
            dispatch_uid="conditions.receivers.keep_published_pages",
        )
        post_delete.connect(
            receivers.remove_deleted,
            sender=Article,
            dispatch_uid="conditions.receivers.article_deleted",
        )
        for signal in [signals.published, signals.unpublished, post_save, post_delete]:
            signal.connect(
                receivers.refresh_footer,
                sender=SitePage,
                dispatch_uid="conditions.receivers.refresh_footer",
            )
        # Last: cached pages are retired after the index and the footer have
        # followed. Publication and archival of anything reviewable, and saves
        # of the rows public pages read as they are (names, codes, resources,
        # slugs, the advisory board).
        for signal in [signals.published, signals.unpublished]:
            signal.connect(
                receivers.retire_cached_pages,
                dispatch_uid="conditions.receivers.retire_cached_pages",
            )
        for model in [
            Article,
            Condition,
            ConditionCode,
            Resource,
            SitePage,
            ReviewerProfile,
        ]:
            for signal in [post_save, post_delete]:
                signal.connect(
                    receivers.retire_cached_pages,
                    sender=model,
                    dispatch_uid="conditions.receivers.retire_cached_pages",
                )
