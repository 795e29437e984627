"""Signal receivers: the search index, the kept article pages, the footer's
cached links and the cached pages follow what readers can see.

Connected in ``ConditionsConfig.ready()``. The review workflow sends
``reviews.signals.published`` and ``unpublished`` after commit; a condition's
approved name and synonyms are part of its articles' title text.
"""

import logging

from django.db import transaction
from modelsearch import index

from conditions import frozen_pages, tasks
from conditions.context_processors import forget_footer_site_pages
from conditions.models import Article, Condition, PublicationGeneration

logger = logging.getLogger(__name__)


def _articles_of(item):
    """The articles whose index entries show ``item``: itself, or a
    condition's articles."""
    if isinstance(item, Article):
        return Article.objects.filter(pk=item.pk)
    if isinstance(item, Condition):
        return Article.objects.filter(public_condition=item)
    return Article.objects.none()


def index_published(sender, item, **kwargs):
    """A version went live: (re-)index the article, or a condition's articles
    (its approved name, synonyms and codes are part of their text)."""
    articles = _articles_of(item)
    published = articles.published()
    for article in published:
        index.insert_or_update_object(article)
    # An article approved before its condition is not public yet.
    for article in articles.exclude(pk__in=published.values("pk")):
        index.remove_object(article)


def keep_published_pages(sender, item, **kwargs):
    """A version went live: keep the article's page as most readers get it,
    or have the task worker keep the pages of a condition's articles (they
    show its approved name, address and codes). The approval has committed:
    a page that cannot be kept (say, static files not collected) is logged,
    and rendered for each reader until ``manage.py keep_pages`` keeps it."""
    try:
        if isinstance(item, Condition):
            tasks.keep_condition_pages.enqueue(condition_id=item.pk)
        else:
            frozen_pages.keep_pages(_articles_of(item).published())
    except Exception:
        logger.exception("Could not keep the pages of %r", item)


def remove_unpublished(sender, item, **kwargs):
    """An article or a condition was archived: readers can no longer find
    the article, nor the condition's articles."""
    for article in _articles_of(item):
        index.remove_object(article)


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
