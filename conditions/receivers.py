"""Signal receivers: the search index follows what readers can see.

Connected in ``ConditionsConfig.ready()``. The review workflow sends
``reviews.signals.published`` and ``unpublished`` after commit; a condition's
name and synonyms are part of its articles' title text.
"""

from modelsearch import index

from conditions.models import Article


def index_published(sender, item, **kwargs):
    """A version went live: (re-)index the article from it."""
    if isinstance(item, Article):
        for article in Article.objects.published().filter(pk=item.pk):
            index.insert_or_update_object(article)


def remove_unpublished(sender, item, **kwargs):
    """An article was archived: readers can no longer find it."""
    if isinstance(item, Article):
        index.remove_object(item)


def reindex_condition(sender, instance, **kwargs):
    """A condition's name or synonyms changed: they are part of the title text."""
    for article in Article.objects.published().filter(condition=instance):
        index.insert_or_update_object(article)


def remove_deleted(sender, instance, **kwargs):
    index.remove_object(instance)
