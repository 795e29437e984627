"""In a browser, an editor's working day at the desk, and its reviewers': the
dashboard, an edit whose live preview shows a problem until it is fixed,
saved and submitted in one step, a changed code on the condition; the
reviewer's field diff (a changed audience, a changed code), a comment on a
section, each problem acknowledged, the clinical approval of the treatment
guide, then the pharmacist's, and the condition's approval. The clicks are
counted, for comparison with the 61 of the flow before the desk."""

import pytest

from conditions.models import Article, Condition
from reviews.models import ReviewComment, ReviewEvent, ReviewState
from reviews.services import review_record_edit
from tests.factories import log_in, make_article, make_condition, make_user, publish

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


class Clicks:
    """Every click, choice and key press a person makes, counted."""

    def __init__(self):
        self.count = 0

    def press(self, locator):
        self.count += 1
        locator.click()

    def choose(self, locator, value):
        self.count += 1
        locator.select_option(value)

    def type(self, locator, text):
        self.count += 1
        locator.fill(text)


def test_an_editors_day_and_its_review(live_server, new_page):
    eddie = make_user("eddie", "Editors")
    rosa = make_user("rosa", "Reviewers")
    make_user("phil", "Pharmacists")
    condition = make_condition()
    article = make_article(condition=condition, by=eddie, sections=2)
    Article.objects.filter(pk=article.pk).update(kind="treatment")
    review_record_edit(obj=article, by=eddie)
    publish(article, editor=eddie, reviewer=make_user("rex", "Reviewers"))
    base = live_server.url
    clicks = Clicks()

    # The editor: from the dashboard to the article, a change of audience and
    # of text, saved and submitted with one button.
    editor = new_page()
    log_in(editor, base, "eddie")
    published = editor.locator("[data-panel=published]")
    clicks.press(published.get_by_role("link", name="Overview"))
    clicks.choose(editor.locator("#id_sections-0-audience"), "patients")
    clicks.press(editor.get_by_test_id("live-preview-open"))
    preview = editor.frame_locator("[data-testid=live-preview-frame]")
    clicks.type(editor.locator("#id_sections-0-body"), "Heat can set it off [4].")
    problems = preview.get_by_test_id("preview-problems")
    problems.get_by_text("citation [4] has no reference").wait_for()
    clicks.type(editor.locator("#id_sections-0-body"), "Heat can set it off [1].")
    preview.get_by_text("set it off [1]").wait_for()
    assert problems.get_by_text("citation [4]").count() == 0
    clicks.press(editor.get_by_role("button", name="Save and submit for review"))
    assert "is now submitted" in editor.inner_text(".messagelist")

    # …and the condition's code, from the sidebar.
    clicks.press(
        editor.locator("#nav-sidebar").get_by_role(
            "link", name="Conditions", exact=True
        )
    )
    clicks.press(editor.get_by_role("link", name=condition.name))
    clicks.type(editor.locator("#id_codes-0-code"), "D89.42")
    clicks.press(editor.get_by_role("button", name="Save and submit for review"))
    assert "is now submitted" in editor.inner_text(".messagelist")

    # The reviewer: both wait on the dashboard.
    reviewer = new_page()
    log_in(reviewer, base, "rosa")
    awaiting = reviewer.locator("[data-panel=awaiting]")
    assert "Overview" in awaiting.inner_text()
    assert condition.name in awaiting.inner_text()
    clicks.press(awaiting.get_by_role("link", name="Overview"))
    clicks.press(reviewer.get_by_role("button", name="Start review"))
    clicks.press(reviewer.get_by_test_id("diff-link"))
    diff = reviewer.inner_text("[data-testid=review-diff]")
    assert "Section: Section 1" in reviewer.inner_text("[data-testid=diff-summary]")
    assert "Everyone" in diff and "Patients and carers" in diff
    reviewer.go_back()
    clicks.choose(reviewer.locator("#review-comment-anchor"), "s-section-1")
    clicks.type(reviewer.locator("#review-new-comment"), "Is heat the main one?")
    clicks.press(reviewer.get_by_role("button", name="Add comment"))
    assert "on Section: Section 1" in reviewer.inner_text(
        "[data-testid=review-comments]"
    )
    for box in reviewer.locator("input[name=acknowledged]").all():
        clicks.press(box)
    clicks.press(reviewer.get_by_role("button", name="Approve"))
    # A treatment guide: the clinical approval sends it to the pharmacist.
    assert "is now submitted" in reviewer.inner_text(".messagelist")
    assert "Pharmacist review: next" in reviewer.inner_text(
        "[data-testid=review-stages]"
    )

    pharmacist = new_page()
    log_in(pharmacist, base, "phil")
    waiting = pharmacist.locator("[data-panel=awaiting]")
    clicks.press(waiting.get_by_role("link", name="Overview"))
    clicks.press(pharmacist.get_by_role("button", name="Start review"))
    pharmacist.get_by_test_id("claimed-by").wait_for()
    for box in pharmacist.locator("input[name=acknowledged]").all():
        clicks.press(box)
    clicks.press(pharmacist.get_by_role("button", name="Approve"))
    assert "is now approved" in pharmacist.inner_text(".messagelist")

    clicks.press(
        reviewer.locator("#nav-sidebar").get_by_role(
            "link", name="Conditions", exact=True
        )
    )
    clicks.press(reviewer.get_by_role("link", name=condition.name))
    clicks.press(reviewer.get_by_role("button", name="Start review"))
    clicks.press(reviewer.get_by_test_id("diff-link"))
    assert "ICD-10-CM codes" in reviewer.inner_text("[data-testid=diff-summary]")
    assert "D89.42" in reviewer.inner_text("[data-testid=review-diff]")
    reviewer.go_back()
    clicks.press(reviewer.get_by_role("button", name="Approve"))
    assert "is now approved" in reviewer.inner_text(".messagelist")

    article = Article.objects.get(pk=article.pk)
    assert article.review_state == ReviewState.APPROVED
    assert Condition.objects.get(pk=condition.pk).review_state == ReviewState.APPROVED
    clinical, approval = (
        ReviewEvent.objects.for_item(article)
        .filter(stage__in=["clinical", "pharmacist"])
        .order_by("id")[2:]
    )
    assert (clinical.actor, clinical.stage) == (rosa, "clinical")
    assert approval.actor.username == "phil" and approval.stage == "pharmacist"
    assert "Problems acknowledged:" in approval.comment
    assert [s["name"] for s in article.live_version.sign_offs] == ["Rosa", "Phil"]
    assert ReviewComment.objects.get().anchor == "s-section-1"
    print(f"\nClicks, choices and typed fields in the whole day: {clicks.count}")
    assert clicks.count <= 40
