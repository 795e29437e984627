"""Signal receivers: the search index, the footer's cached links and the
cached pages follow what readers can see.

Connected in ``ConditionsConfig.ready()``. The review workflow sends
``reviews.signals.published`` and ``unpublished`` after commit; a condition's
name and synonyms are part of its articles' title text.
"""

from django.db import transaction
from modelsearch import index

from conditions.context_processors import forget_footer_site_pages
from conditions.models import Article, PublicationGeneration


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


def refresh_footer(sender, **kwargs):
    """A site page went live, was archived, saved (its address may have
    changed) or deleted: the footer's cached links are forgotten once the
    change is committed, so that a request in between cannot cache the old
    list again."""
    transaction.on_commit(forget_footer_site_pages)


def retire_cached_pages(sender, **kwargs):
    """Something readers see changed: bump the publication generation once
    the change is committed, which retires every cached page on every app
    server. Connected after the receivers above, so that a page cached under
    the new generation is rendered from the new search index and footer."""
    transaction.on_commit(PublicationGeneration.bump)
