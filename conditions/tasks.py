"""Background tasks (django-tasks), run by the task worker, never in a
request."""

from django_tasks import task

from conditions import frozen_pages
from conditions.models import Article


@task()
def keep_condition_pages(*, condition_id: int) -> int:
    """Keep the pages of a condition's published articles (after its new
    version went live); how many. A condition may have thousands, at about
    4 ms each: the reviewer who approved it does not wait for them, and until
    they are kept each is rendered for its readers."""
    articles = Article.objects.filter(public_condition=condition_id).published()
    return frozen_pages.keep_pages(articles)
