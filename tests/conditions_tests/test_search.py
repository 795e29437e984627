"""Full-text search of published articles: same results on SQLite and PostgreSQL."""

import pytest
from django.urls import reverse
from django.utils.text import slugify

from conditions import icd10
from conditions.models import Article
from reviews import services
from reviews.services import review_record_edit
from tests.factories import make_condition, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def go_live(editor, reviewer, django_capture_on_commit_callbacks):
    """Publish an article the way a reviewer does, running after-commit work."""

    def go_live(article):
        with django_capture_on_commit_callbacks(execute=True):
            publish(article, editor=editor, reviewer=reviewer)
        article.refresh_from_db()
        return article

    return go_live


@pytest.fixture
def write(editor):
    """A draft article with one section, written by the editor."""

    def write(
        condition, *, title, summary="A plain summary.", body="Plain text.", **section
    ):
        article = Article.objects.create(
            condition=condition,
            title=title,
            slug=slugify(title),
            summary=summary,
            kind=section.pop("kind", "overview"),
        )
        article.sections.create(
            position=1, heading="About", kind="other", body=body, **section
        )
        review_record_edit(obj=article, by=editor)
        return article

    return write


def condition(name, code="D76.1", synonyms=""):
    return make_condition(name, code, synonyms=synonyms)


def titles(response):
    return [entry["article"].title for entry in response.context["entries"]]


def search(client, q="", **filters):
    return client.get(reverse("conditions:search"), {"q": q, **filters})


@pytest.fixture
def mas_and_hlh(write, go_live):
    mas = condition("Macrophage activation syndrome", synonyms="MAS, secondary HLH")
    hlh = condition("Hemophagocytic lymphohistiocytosis", synonyms="HLH, fHLH")
    return (
        go_live(write(mas, title="Macrophage activation syndrome")),
        go_live(write(hlh, title="Hemophagocytic lymphohistiocytosis")),
    )


def test_abbreviation_finds_the_condition_it_stands_for(client, mas_and_hlh):
    assert titles(search(client, "MAS")) == ["Macrophage activation syndrome"]
    assert titles(search(client, "hlh"))[0] == "Hemophagocytic lymphohistiocytosis"


def test_full_name_also_finds_pages_that_use_only_the_abbreviation(
    client, write, go_live
):
    condition("Macrophage activation syndrome", synonyms="MAS")
    other = condition("Still disease", code="M06.1")
    go_live(write(other, title="Still disease", body="About one in ten get MAS."))

    response = search(client, "macrophage activation syndrome")

    assert titles(response) == ["Still disease"]
    assert "<mark>MAS</mark>" in response.content.decode()


def test_a_name_typed_with_its_punctuation_also_finds_its_other_names(
    client, write, go_live
):
    condition("Sjögren's syndrome", code="M35.0", synonyms="sicca syndrome")
    other = condition("Dry eye disease", code="H04.12")
    go_live(write(other, title="Dry eye disease", body="Part of sicca syndrome."))

    assert titles(search(client, "Sjögren's syndrome")) == ["Dry eye disease"]


def test_a_phrase_in_thousands_of_names_stands_for_none_of_them(
    client, write, go_live, django_assert_max_num_queries, monkeypatch
):
    """Names that merely contain the words are never read: only a name or
    another name that is the phrase itself. (Reading the names that contain
    it, capped, missed the condition named exactly so behind them.)"""
    from conditions import search as searching
    from conditions.search import alternative_names

    monkeypatch.setattr(searching, "MAX_NAME_MATCHES", 2)
    for n in range(3):
        condition(f"A benchmark condition {n}", code="D76.1", synonyms=f"BC{n}")
    named = condition("Benchmark condition", code="D76.1", synonyms="BC")

    with django_assert_max_num_queries(1):
        found = alternative_names(["benchmark", "condition"])

    assert found == ["bc"]
    assert named.public_name == "Benchmark condition"


def test_title_match_ranks_above_summary_above_body(client, write, go_live):
    for n, kwargs in enumerate(
        [
            {"title": "Body only", "body": "Ferritin is very high."},
            {"title": "Summary one", "summary": "Ferritin is very high."},
            {"title": "Ferritin levels"},
        ]
    ):
        go_live(write(condition(f"Condition {n}"), **kwargs))

    assert titles(search(client, "ferritin")) == [
        "Ferritin levels",
        "Summary one",
        "Body only",
    ]


def test_every_word_must_match(client, write, go_live):
    go_live(write(condition("A"), title="Ferritin", body="Fever."))
    go_live(write(condition("B"), title="Fever only"))

    assert titles(search(client, "ferritin fever")) == ["Ferritin"]


def test_drafts_and_unapproved_edits_are_never_found(client, write, go_live, editor):
    live = go_live(write(condition("A"), title="Approved page", body="Tryptase."))
    write(condition("B"), title="Draft page", body="Tryptase.")
    section = live.sections.get()
    section.body = "Unreviewed words about zanubrutinib."
    section.save()
    review_record_edit(obj=live, by=editor)

    assert titles(search(client, "tryptase")) == ["Approved page"]
    assert titles(search(client, "zanubrutinib")) == []


def test_approving_a_new_version_updates_what_is_found(client, write, go_live, editor):
    article = go_live(write(condition("A"), title="Page", body="Old wording."))
    section = article.sections.get()
    section.body = "New wording with omalizumab."
    section.save()
    review_record_edit(obj=article, by=editor)
    go_live(article)

    assert titles(search(client, "omalizumab")) == ["Page"]
    assert titles(search(client, "old")) == []


def test_archived_article_is_no_longer_found(
    client, write, go_live, reviewer, django_capture_on_commit_callbacks
):
    article = go_live(write(condition("A"), title="Page", body="Tryptase."))
    assert titles(search(client, "tryptase")) == ["Page"]

    with django_capture_on_commit_callbacks(execute=True):
        services.review_archive(obj=article, by=reviewer, reason="Superseded.")

    assert titles(search(client, "tryptase")) == []


def test_members_only_sections_are_not_searchable(client, write, go_live):
    go_live(
        write(
            condition("A"),
            title="Page",
            summary="About midostaurin.",
            body="Dosing of imatinib.",
            visibility="members",
        )
    )

    assert titles(search(client, "midostaurin")) == ["Page"]  # the public summary
    assert titles(search(client, "imatinib")) == []


def test_snippet_highlights_matches_and_escapes_text(client, write, go_live):
    go_live(
        write(
            condition("A"),
            title="Page",
            summary="Levels of <b>serum</b> tryptase rise.",
        )
    )

    page = search(client, "tryptase").content.decode()

    assert "<mark>tryptase</mark> rise" in page
    assert "&lt;b&gt;serum&lt;/b&gt;" in page


@pytest.mark.parametrize("typed", ["D89.41", "d8941", " D89.41 "])
def test_typed_icd_code_goes_straight_to_its_look_up(client, typed):
    response = search(client, typed)

    assert response.status_code == 302
    assert response["Location"] == reverse("conditions:icd10_lookup", args=["D89.41"])


@pytest.mark.parametrize("query", ['"', "a\"b' OR (", "*", "NEAR(x y)", "-"])
def test_punctuation_never_breaks_the_search(client, mas_and_hlh, query):
    assert search(client, query).status_code == 200


def test_results_are_paginated_and_keep_the_query(client, write, go_live):
    for n in range(12):
        go_live(write(condition(f"Condition {n}"), title=f"Tryptase {n:02}"))

    first = search(client, "tryptase")
    second = search(client, "tryptase", page=2)

    assert len(titles(first)) == 10 and len(titles(second)) == 2
    assert "q=tryptase&amp;page=2" in first.content.decode()
    assert "12 results" in first.content.decode()
    assert "12 results" in second.content.decode()
    assert "Page 2 of 2" in search(client, "tryptase", page="last").content.decode()
    for bad in ["3", "0", "x", "-1", "9" * 30]:
        assert search(client, "tryptase", page=bad).status_code == 404
    assert "0 results" in search(client, "zzyzx").content.decode()


def test_filters_by_kind_chapter_category_and_audience(client, write, go_live):
    blood = condition("Blood thing", code="D76.1")
    lung = condition("Lung thing", code="J45.40")
    go_live(write(blood, title="Tryptase overview"))
    go_live(write(blood, title="Tryptase question", kind="question"))
    go_live(write(lung, title="Tryptase for clinicians", audience="professionals"))

    assert titles(search(client, "tryptase", kind="question")) == ["Tryptase question"]
    assert set(titles(search(client, "tryptase", chapter="10"))) == {
        "Tryptase for clinicians"
    }
    assert set(titles(search(client, "tryptase", category="D76"))) == {
        "Tryptase overview",
        "Tryptase question",
    }
    assert titles(search(client, "tryptase", audience="professionals")) == [
        "Tryptase for clinicians"
    ]
    assert set(titles(search(client, "", kind="overview"))) == {
        "Tryptase overview",
        "Tryptase for clinicians",
    }


def test_invalid_category_filter_says_so(client, mas_and_hlh):
    page = search(client, "mas", category="nonsense").content.decode()

    assert icd10.MSG_UNKNOWN_CODE.format(code="NONSENSE") in page


def test_search_page_costs_the_same_queries_for_two_or_many_results(
    client, write, go_live, django_assert_num_queries
):
    for n in range(2):
        go_live(write(condition(f"Few {n}"), title=f"Tryptase {n}"))
    # The publication generation, the other names, the chapters (kept with
    # the generation), and the page of results with their number.
    with django_assert_num_queries(4):
        few = search(client, "tryptase", kind="overview")
    for n in range(10):
        go_live(write(condition(f"Many {n}"), title=f"Tryptase many {n}"))
    with django_assert_num_queries(4):
        many = search(client, "tryptase", kind="overview")

    assert len(titles(few)) == 2 and len(titles(many)) == 10
    assert "12 results" in many.content.decode()


def test_each_chapter_is_offered_once_however_many_conditions_it_has(
    client, write, go_live
):
    for name, code in [("Liver one", "K76.1"), ("Liver two", "K76.0")]:
        go_live(write(condition(name, code=code), title=name))
    go_live(write(condition("Lung", code="J45.40"), title="Lung"))

    choices = search(client, "liver").context["filterset"].form["chapter"]
    labels = [label for value, label in choices.field.choices if value]

    assert labels == [
        "Chapter 10: Diseases of the respiratory system (J00-J99)",
        "Chapter 11: Diseases of the digestive system (K00-K95)",
    ]


def test_snippet_is_cut_at_word_boundaries(client, write, go_live):
    words = " ".join(f"word{n}" for n in range(200))
    go_live(write(condition("Long"), title="Long", body=f"{words} tryptase {words}"))

    [entry] = search(client, "tryptase").context["entries"]
    text = str(entry["snippet"]).removeprefix("… ").removesuffix(" …")

    assert "<mark>tryptase</mark>" in text
    assert all(
        w.startswith("word") or w == "<mark>tryptase</mark>" for w in text.split()
    )
    assert text.split()[-1] in {f"word{n}" for n in range(200)}


@pytest.mark.postgres
def test_postgresql_has_an_index_on_the_text_a_search_matches(mas_and_hlh):
    """modelsearch matches ``(title || body) @@ query``: a GIN index on that
    very expression serves it (at 100,000 articles a word found nowhere took
    130 ms without it, 0.3 ms with it), so a search never reads every entry."""
    from django.db import connection

    from conditions.search import search_published

    results = search_published(Article.objects.published(), ["zzyzx"], [])
    sql, _ = results.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = %s",
            ["modelsearch_indexentry_text_gin"],
        )
        (definition,) = cursor.fetchone()

    matched = '("modelsearch_indexentry"."title" || "modelsearch_indexentry"."body") @@'
    assert matched in sql
    assert "USING gin (((title || body)))" in definition


@pytest.mark.postgres
def test_a_search_with_more_matches_than_it_ranks_keeps_the_title_match(
    client, write, go_live, monkeypatch
):
    """On PostgreSQL a search ranks a bounded number of matches: those whose
    title holds the words are always among them, however many other pages
    mention the words first, and the page says there are more."""
    from conditions import search as searching

    for n in range(4):
        go_live(
            write(
                condition(f"Condition {n}"),
                title=f"Condition {n} overview",
                body="Tryptase is measured in the blood.",
            )
        )
    go_live(write(condition("Mastocytosis"), title="Tryptase testing"))
    monkeypatch.setattr(searching, "MAX_RANKED", 2)

    response = search(client, "tryptase")
    page = response.content.decode()

    assert titles(response)[0] == "Tryptase testing"
    assert len(titles(response)) == 3  # the title match and two others
    assert "More than 3 results" in page
    assert 'data-testid="search-capped"' in page
    monkeypatch.setattr(searching, "MAX_RANKED", 200)
    uncapped = search(client, "tryptase").content.decode()
    assert "5 results" in uncapped and "search-capped" not in uncapped


@pytest.mark.postgres
def test_filters_narrow_the_matches_a_capped_search_ranks(
    client, write, go_live, monkeypatch
):
    """The filters choose among the matches before the cap: a filtered search
    ranks the filters' best matches, not what is left of the best of all."""
    from conditions import search as searching

    blood = condition("Blood thing", code="D76.1")
    lung = condition("Lung thing", code="J45.40")
    for n in range(3):
        go_live(write(blood, title=f"Tryptase {n}", body="Tryptase again."))
    go_live(write(lung, title="Lung tests", body="Tryptase is measured too."))
    go_live(write(lung, title="Lung question", kind="question", body="Tryptase?"))
    monkeypatch.setattr(searching, "MAX_RANKED", 1)

    lung_found = titles(search(client, "tryptase", chapter="10"))
    assert len(lung_found) == 1 and lung_found[0] in {"Lung tests", "Lung question"}
    both = search(client, "tryptase", chapter="10", kind="question")
    assert titles(both) == ["Lung question"]
    assert titles(search(client, "tryptase", chapter="3"))[0].startswith("Tryptase")
