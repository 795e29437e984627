from django.apps import AppConfig


class ConditionsConfig(AppConfig):
    name = "conditions"
    verbose_name = "Conditions and articles"

    def ready(self):
        # Search indexing and the footer's cache are decoupled extras: they
        # follow what is published.
        from django.db.models.signals import post_delete, post_save

        from conditions import receivers
        from conditions.models import Article, Condition, SitePage
        from reviews import signals

        signals.published.connect(
            receivers.index_published, dispatch_uid="conditions.receivers.published"
        )
        signals.unpublished.connect(
            receivers.remove_unpublished,
            dispatch_uid="conditions.receivers.unpublished",
        )
        post_save.connect(
            receivers.reindex_condition,
            sender=Condition,
            dispatch_uid="conditions.receivers.condition_saved",
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
