"""Site pages (about us, editorial policy, advisory board, contact, privacy):
reviewed like articles, read from their published versions only."""

import io

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from conditions.context_processors import FOOTER_CACHE_KEY
from conditions.models import SitePage, SitePageKind
from reviews.models import ReviewerProfile, ReviewState
from reviews.services import (
    MSG_OWN_WORK,
    TransitionRefused,
    review_approve,
    review_archive,
    review_record_edit,
    review_start,
    review_submit,
)
from tests.factories import (
    bring_to,
    make_site_page,
    make_user,
    publish,
    sign_in,
    sitemap_paths,
)

pytestmark = pytest.mark.django_db

HOSTILE_BODY = """# How we work

<script>alert("stolen")</script>
<img src="x" onerror="alert('img')">
<a href="javascript:alert('link')">click</a>
[also click](javascript:alert('md'))
<p onclick="alert('p')" style="color:red">Plain words stay.</p>
<iframe src="https://evil.example"></iframe>
"""


@pytest.fixture
def page(editor):
    return make_site_page(by=editor, body="# Who we are\n\nA small team.")


@pytest.fixture
def published(page, editor, reviewer):
    publish(page, editor=editor, reviewer=reviewer)
    page.refresh_from_db()
    return page


@pytest.fixture
def board(editor, reviewer, other_reviewer):
    """The advisory board page, approved, with one verified member."""
    page = make_site_page(
        by=editor, kind=SitePageKind.ADVISORY_BOARD, title="Advisory board"
    )
    publish(page, editor=editor, reviewer=reviewer)
    verifier = make_user("site_admin", is_superuser=True)
    ReviewerProfile.objects.create(
        user=reviewer,
        credentials="MD, FRCP",
        specialty="Clinical immunology",
        affiliation="Example Hospital",
        bio="Twenty years in allergy clinics.",
        verified_at=timezone.now(),
        verified_by=verifier,
    )
    ReviewerProfile.objects.create(user=other_reviewer, credentials="Unchecked MD")
    return page


def footer_of(client) -> str:
    page = client.get(reverse("conditions:home")).content.decode()
    return page[page.index('<footer class="site-footer">') :]


def test_published_page_shows_its_approved_text_and_review_dates(client, published):
    response = client.get(published.get_absolute_url())

    page = response.content.decode()
    assert response.status_code == 200
    assert "<h1>About us</h1>" in page
    assert "A summary of About us." in page
    assert '<h2 id="page-who-we-are">Who we are</h2>' in page  # under the h1
    assert "Page last reviewed" in page and "Next review due" in page


def test_body_headings_cannot_clash_with_the_layouts_ids(client, editor, reviewer):
    page = make_site_page(by=editor, body="# Main\n\nText.")
    publish(page, editor=editor, reviewer=reviewer)

    html = client.get(page.get_absolute_url()).content.decode()

    assert html.count('id="main"') == 1  # the skip link's target
    assert '<h2 id="page-main">Main</h2>' in html


def test_hostile_html_in_the_body_is_sanitised(client, editor, reviewer):
    page = make_site_page(by=editor, body=HOSTILE_BODY)
    publish(page, editor=editor, reviewer=reviewer)

    html = client.get(page.get_absolute_url()).content.decode()

    assert "Plain words stay." in html  # positive control: the text survives
    assert '<h2 id="page-how-we-work">' in html
    for hostile in ["<script>alert", "onerror", "onclick", "javascript:", "<iframe"]:
        assert hostile not in html, hostile
    assert 'style="color:red"' not in html


@pytest.mark.parametrize(
    "state",
    [
        ReviewState.DRAFT,
        ReviewState.SUBMITTED,
        ReviewState.UNDER_REVIEW,
        ReviewState.CHANGES_REQUESTED,
    ],
)
def test_never_approved_page_is_not_found(client, page, editor, reviewer, state):
    bring_to(state, page, editor=editor, reviewer=reviewer)

    assert client.get(page.get_absolute_url()).status_code == 404
    # Positive control: the same page, once approved, is public.
    if state == ReviewState.SUBMITTED:
        review_start(obj=page, by=reviewer)
    if state in (ReviewState.DRAFT, ReviewState.CHANGES_REQUESTED):
        review_submit(obj=page, by=editor)
        review_start(obj=page, by=reviewer)
    review_approve(obj=page, by=reviewer)
    assert client.get(page.get_absolute_url()).status_code == 200


def test_approved_text_stays_public_while_a_new_draft_is_edited(
    client, published, editor
):
    published.title = "About us, rewritten"
    published.body = "Unreviewed new text."
    published.save()
    review_record_edit(obj=published, by=editor)

    page = client.get(published.get_absolute_url()).content.decode()

    published.refresh_from_db()
    assert published.review_state == ReviewState.DRAFT
    assert "<h1>About us</h1>" in page and "A small team." in page
    assert "Unreviewed new text" not in page
    assert "rewritten" not in page


def test_archived_page_answers_withdrawn_with_the_reason(client, published, reviewer):
    review_archive(obj=published, by=reviewer, reason="Replaced by a new policy.")

    response = client.get(published.get_absolute_url())

    assert response.status_code == 410
    assert "Replaced by a new policy." in response.content.decode()
    assert client.get("/about/no-such-page/").status_code == 404


def test_page_costs_two_queries(client, published, django_assert_num_queries):
    # The publication generation, the page and its published version.
    with django_assert_num_queries(2):
        response = client.get(published.get_absolute_url())

    assert response.status_code == 200


@pytest.mark.parametrize("members", [1, 6])
def test_advisory_board_costs_three_queries_whatever_its_size(
    client, board, members, django_assert_num_queries
):
    verifier = make_user("verifier", is_superuser=True)
    for n in range(members - 1):
        ReviewerProfile.objects.create(
            user=make_user(f"member_{n}", "Reviewers"),
            verified_at=timezone.now(),
            verified_by=verifier,
        )

    # The publication generation, the page, the board with its users.
    with django_assert_num_queries(3):
        response = client.get(board.get_absolute_url())

    assert response.content.decode().count('data-testid="board-member"') == members


def test_advisory_board_lists_verified_profiles_only(client, board, other_reviewer):
    page = client.get(board.get_absolute_url()).content.decode()

    assert "Reviewer" in page and "MD, FRCP" in page  # verified: listed
    assert "Clinical immunology · Example Hospital" in page
    assert "Twenty years in allergy clinics." in page
    assert "Declared interests: none" in page
    assert "Unchecked MD" not in page and "Other_Reviewer" not in page
    assert page.count('data-testid="board-member"') == 1


def test_board_leaves_out_reviewers_who_left(client, board, reviewer):
    reviewer.is_active = False
    reviewer.save()

    page = client.get(board.get_absolute_url()).content.decode()

    assert 'data-testid="board-member"' not in page
    assert "being checked" in page


def test_board_profiles_are_escaped(client, board, reviewer):
    ReviewerProfile.objects.filter(user=reviewer).update(bio="<script>x()</script>")

    page = client.get(board.get_absolute_url()).content.decode()

    assert "<script>x()" not in page and "&lt;script&gt;x()" in page


def test_other_pages_do_not_list_the_board(client, board, published):
    page = client.get(published.get_absolute_url()).content.decode()

    assert "Members of the board" not in page
    assert (
        "Members of the board" in client.get(board.get_absolute_url()).content.decode()
    )


def test_footer_links_published_pages_only(
    client, editor, reviewer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        about = make_site_page(by=editor, kind=SitePageKind.ABOUT, title="About us")
        policy = make_site_page(
            by=editor, kind=SitePageKind.EDITORIAL_POLICY, title="Editorial policy"
        )
        make_site_page(by=editor, kind=SitePageKind.PRIVACY, title="Privacy")
        publish(policy, editor=editor, reviewer=reviewer)
        publish(about, editor=editor, reviewer=reviewer)

    footer = footer_of(client)

    assert '<nav aria-label="About this site">' in footer
    assert footer.index(about.get_absolute_url()) < footer.index(
        policy.get_absolute_url()
    )
    assert "/about/privacy/" not in footer


def test_footer_follows_archiving(
    client, published, reviewer, django_capture_on_commit_callbacks
):
    cache.delete(FOOTER_CACHE_KEY)
    assert published.get_absolute_url() in footer_of(client)

    with django_capture_on_commit_callbacks(execute=True):
        review_archive(obj=published, by=reviewer, reason="Out of date.")

    assert published.get_absolute_url() not in footer_of(client)


def test_footer_costs_one_query_when_cold_and_none_after(
    client, published, django_assert_num_queries
):
    cache.delete(FOOTER_CACHE_KEY)
    # The publication generation, the page, the footer's links.
    with django_assert_num_queries(3):
        client.get(published.get_absolute_url())

    with django_assert_num_queries(2):
        page = client.get(published.get_absolute_url()).content.decode()

    assert 'href="/about/about-us/">About us</a>' in page


def test_new_address_reaches_the_footer_after_commit(
    client, published, editor, django_capture_on_commit_callbacks
):
    cache.delete(FOOTER_CACHE_KEY)
    assert "/about/about-us/" in footer_of(client)

    with django_capture_on_commit_callbacks(execute=True):
        published.slug = "who-we-are"
        published.save()

    footer = footer_of(client)
    assert "/about/who-we-are/" in footer and "/about/about-us/" not in footer


def test_sitemap_lists_published_pages_only(client, published, editor):
    make_site_page(by=editor, title="Draft page")

    listed = sitemap_paths(client)

    assert published.get_absolute_url() in listed
    assert "/about/draft-page/" not in listed


def test_one_page_of_each_kind_but_any_number_of_others(editor):
    make_site_page(by=editor, kind=SitePageKind.OTHER, title="Accessibility")
    make_site_page(by=editor, kind=SitePageKind.OTHER, title="Terms of use")
    make_site_page(by=editor, kind=SitePageKind.PRIVACY, title="Privacy")

    with pytest.raises(IntegrityError), transaction.atomic():
        make_site_page(by=editor, kind=SitePageKind.PRIVACY, title="Privacy two")
    assert SitePage.objects.count() == 3


def test_editor_who_reviews_cannot_approve_their_own_page(editor, reviewer):
    both = make_user("editor_reviewer", "Editors")
    both.user_permissions.add(Permission.objects.get(codename="review_content"))
    page = make_site_page(by=both)
    review_submit(obj=page, by=both)
    review_start(obj=page, by=both)

    with pytest.raises(TransitionRefused) as refused:
        review_approve(obj=page, by=both)

    assert refused.value.message == MSG_OWN_WORK.format(title=page.title)
    page.refresh_from_db()
    assert page.review_state == ReviewState.UNDER_REVIEW
    assert page.live_version is None


def test_admin_refuses_approval_by_the_pages_own_editor(client, editor, reviewer):
    both = make_user("editor_reviewer", "Editors")
    both.user_permissions.add(Permission.objects.get(codename="review_content"))
    page = make_site_page(by=both)
    review_submit(obj=page, by=both)
    review_start(obj=page, by=both)
    sign_in(client, both)

    response = client.post(
        reverse("admin:conditions_sitepage_review", args=[page.pk, "approve"]),
        {"kind": "full"},
        follow=True,
    )

    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert MSG_OWN_WORK.format(title=page.title) in messages
    assert client.get(page.get_absolute_url()).status_code == 404


def test_editor_writes_a_page_in_the_admin_and_a_reviewer_approves_it(
    client, editor, reviewer
):
    sign_in(client, editor)
    response = client.post(
        reverse("admin:conditions_sitepage_add"),
        {
            "kind": "contact",
            "title": "Contact us",
            "slug": "contact",
            "summary": "How to reach the editorial team.",
            "body": "Write to editors@example.org.",
        },
    )
    assert response.status_code == 302
    page = SitePage.objects.get(slug="contact")
    assert page.created_by == editor
    client.post(reverse("admin:conditions_sitepage_review", args=[page.pk, "submit"]))
    sign_in(client, reviewer)
    for action in ["start_review", "approve"]:
        client.post(
            reverse("admin:conditions_sitepage_review", args=[page.pk, action]),
            {"kind": "full"},
        )

    page.refresh_from_db()
    assert page.review_state == ReviewState.APPROVED
    assert "editors@example.org" in client.get("/about/contact/").content.decode()


def test_staff_preview_the_draft_readers_do_not(client, published, editor):
    published.body = "Draft words."
    published.save()
    review_record_edit(obj=published, by=editor)
    url = reverse("conditions:site_page_preview", args=[published.pk])

    anonymous = client.get(url)
    sign_in(client, editor)
    preview = client.get(url).content.decode()

    assert anonymous.status_code == 302  # to the login page
    assert "Draft words." in preview and "Preview — not published" in preview


def test_demo_publishes_the_five_pages_and_lists_its_reviewer(
    client, django_capture_on_commit_callbacks
):
    from django.core.management import call_command

    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", allow_production=True, stdout=io.StringIO())
    first = sorted(SitePage.objects.values_list("slug", "review_state"))
    call_command("load_demo", allow_production=True, stdout=io.StringIO())

    assert sorted(SitePage.objects.values_list("slug", "review_state")) == first
    assert set(SitePage.objects.values_list("kind", flat=True)) == (
        set(SitePageKind.values) - {SitePageKind.OTHER}
    )
    footer = footer_of(client)
    for page in SitePage.objects.all():
        assert page.review_state == ReviewState.APPROVED
        assert page.live_version.approved_by.username == "reviewer"
        assert page.get_absolute_url() in footer
        assert client.get(page.get_absolute_url()).status_code == 200
    board = client.get("/about/advisory-board/").content.decode()
    assert board.count('data-testid="board-member"') == 1
    assert "Priya Raman" in board and "Clinical immunology and allergy" in board


@pytest.mark.parametrize(
    ("role", "may_add", "may_change", "may_delete"),
    [("editor", True, True, False), ("reviewer", False, False, False)],
)
def test_groups_hold_the_site_page_permissions_articles_have(
    request, role, may_add, may_change, may_delete
):
    user = request.getfixturevalue(role)

    assert user.has_perm("conditions.view_sitepage")
    assert user.has_perm("conditions.add_sitepage") is may_add
    assert user.has_perm("conditions.change_sitepage") is may_change
    assert user.has_perm("conditions.delete_sitepage") is may_delete
    # The same as for articles.
    assert user.has_perm("conditions.add_article") is may_add


def test_admin_shows_the_workflow_panel_diff_and_versions(client, published, editor):
    published.body = "A revised body."
    published.save()
    review_record_edit(obj=published, by=editor)
    sign_in(client, editor)

    change = client.get(
        reverse("admin:conditions_sitepage_change", args=[published.pk])
    )
    diff = client.get(
        reverse("admin:conditions_sitepage_review_diff", args=[published.pk])
    )
    versions = client.get(
        reverse("admin:conditions_sitepage_review_versions", args=[published.pk])
    )

    page = change.content.decode()
    assert change.status_code == 200
    assert "Save and submit for review" in page
    assert reverse("conditions:site_page_preview", args=[published.pk]) in page
    assert diff.status_code == 200 and "revised" in diff.content.decode()
    assert versions.status_code == 200
