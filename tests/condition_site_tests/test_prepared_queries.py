"""A prepared query gives the rows its queryset gives, for any values, with
the SQL built once per shape (``condition_site/prepared_queries.py``)."""

import pytest

from condition_site.prepared_queries import PreparedQuery
from conditions.models import Article
from tests.factories import make_article, make_condition, publish

pytestmark = pytest.mark.django_db

COLUMNS = ("pk", "public_slug", "live_version__approved_at", "live_version__data")


def by_address(condition_slug, slug):
    return Article.objects.published().at(condition_slug, slug).values_list(*COLUMNS)


def by_ids(ids):
    return Article.objects.filter(pk__in=ids).order_by("pk").values_list(*COLUMNS)


@pytest.fixture
def articles(editor, reviewer):
    made = []
    for name, code in [("Mastocytosis", "D47.02"), ("Urticaria", "L50.9")]:
        condition = make_condition(name=name, code=code)
        for title in ["Overview", "Treatment guide"]:
            article = make_article(condition=condition, by=editor, title=title)
            made.append(publish(article, editor=editor, reviewer=reviewer))
    return made


def test_rows_and_python_values_are_the_querysets(articles):
    prepared = PreparedQuery(by_address)

    for article in articles:
        address = article.public_condition.public_slug, article.public_slug
        rows = prepared(condition_slug=address[0], slug=address[1])
        assert rows == list(by_address(*address))
        # Converted as the ORM converts them: a datetime, decoded JSON.
        assert rows[0][2].year >= 2026 and rows[0][3]["title"] == article.title
    assert prepared(condition_slug="nowhere", slug="overview") == []
    assert len(prepared.compiled) == 1


def test_a_list_compiles_once_per_length(articles):
    prepared = PreparedQuery(by_ids)
    ids = [article.pk for article in articles]

    assert prepared(ids=ids[:2]) == list(by_ids(ids[:2]))
    assert prepared(ids=ids[2:]) == list(by_ids(ids[2:]))
    assert prepared(ids=ids) == list(by_ids(ids))
    assert len(prepared.compiled) == 2


def test_a_value_a_lookup_rewrites_is_refused_at_once(articles):
    prepared = PreparedQuery(
        lambda words: Article.objects.filter(title__icontains=words).values_list("pk")
    )

    with pytest.raises(ValueError, match="words"):
        prepared(words="guide")


def test_a_list_of_every_length_keeps_no_more_sql_than_the_limit(articles, monkeypatch):
    monkeypatch.setattr("condition_site.prepared_queries.MAX_SHAPES", 2)
    prepared = PreparedQuery(by_ids)
    ids = [article.pk for article in articles]

    for length in range(1, len(ids) + 1):
        assert prepared(ids=ids[:length]) == list(by_ids(ids[:length]))
        assert len(prepared.compiled) <= 2
