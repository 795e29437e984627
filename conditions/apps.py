from django.apps import AppConfig


class ConditionsConfig(AppConfig):
    name = "conditions"
    verbose_name = "Conditions and articles"

    def ready(self):
        # Search indexing is a decoupled extra: it follows what is published.
        from django.db.models.signals import post_delete, post_save

        from conditions import search
        from conditions.models import Article, Condition
        from reviews import signals

        signals.published.connect(
            search.index_published, dispatch_uid="conditions.search.published"
        )
        signals.unpublished.connect(
            search.remove_unpublished, dispatch_uid="conditions.search.unpublished"
        )
        post_save.connect(
            search.reindex_condition,
            sender=Condition,
            dispatch_uid="conditions.search.condition_saved",
        )
        post_delete.connect(
            search.remove_deleted,
            sender=Article,
            dispatch_uid="conditions.search.article_deleted",
        )
