"""The tests' helpers, in one module: content built the way an editor would,
the public pages to check on it, and the steps a person takes in a browser.

Fixtures live in tests/conftest.py (browser ones in tests/e2e/conftest.py);
no test module imports from another.
"""

import io
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlencode

import docx
import PIL.Image
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client, TestCase
from django.urls import reverse
from django.utils.text import slugify
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from condition_site.totp import current_code
from reviews.forms import revision_token
from reviews.models import PublishedVersion, ReviewState
from reviews.services import (
    review_approve,
    review_record_edit,
    review_request_changes,
    review_start,
    review_submit,
)

PASSWORD = "pass-for-tests-1"  # every test user's


def make_user(username: str, group: str | None = None, **extra):
    user = get_user_model().objects.create_user(
        username=username,
        password=PASSWORD,
        first_name=username.title(),
        is_staff=group is not None,
        **extra,
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def sign_in(client, user) -> None:
    """Sign ``user`` in as a full log-in would: staff also with their second
    factor (a TOTP device, this session verified by it); readers need none."""
    client.force_login(user)
    if user.is_staff:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = totp_device(user).persistent_id
        session.save()


def totp_device(user) -> TOTPDevice:
    """``user``'s authenticator app, set up on first use."""
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, defaults={"name": "Authenticator app", "confirmed": True}
    )
    return device


def condition_staff():
    """The editor and the reviewer of the conditions tests make: superusers,
    so that they take no part in the tests' own review queues and mail."""
    User = get_user_model()
    return [
        User.objects.filter(username=name).first()
        or User.objects.create_superuser(name, password=PASSWORD, email="")
        for name in ("condition_editor", "condition_reviewer")
    ]


def verified_profile(user, **fields):
    """``user``'s reviewer profile, verified by a site admin, so approvals
    publish its credentials."""
    from django.utils import timezone

    from reviews.models import ReviewerProfile

    admin = get_user_model().objects.filter(username="verifier").first() or (
        get_user_model().objects.create_superuser("verifier", password=PASSWORD)
    )
    return ReviewerProfile.objects.create(
        user=user, verified_at=timezone.now(), verified_by=admin, **fields
    )


def image_upload(
    *, size=(800, 400), colour="teal", format="PNG", name="diagram.png"
) -> SimpleUploadedFile:
    """An uploaded picture of one colour, made with Pillow."""
    buffer = io.BytesIO()
    PIL.Image.new("RGB", size, colour).save(buffer, format)
    return SimpleUploadedFile(name, buffer.getvalue())


def word_file_with_pictures(title: str) -> bytes:
    """A Word file: a title, a lead paragraph and a "Symptoms" section with two
    pictures, the first described (alt text), the second not."""
    document = docx.Document()
    document.add_heading(title, level=0)
    document.add_paragraph(f"{title} makes the skin dry, itchy and cracked.")
    document.add_heading("Symptoms", level=1)
    for alt in ("Dry, cracked skin on the back of a hand", ""):
        document.add_picture(image_upload(name="picture.png").file)
        # python-docx leaves the alt text (the picture's description) empty.
        document.inline_shapes[-1]._inline.docPr.set("descr", alt)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_image(*, alt_text="A diagram of mast cells", **upload):
    """An image in the library, stored with its renditions."""
    from images.models import Image
    from images.services import image_set_file

    image = Image(alt_text=alt_text, caption="How it works.", credit="Drawing: A. Lee")
    return image_set_file(image=image, upload=image_upload(**upload))


def make_condition(
    name="Monoclonal mast cell activation syndrome",
    code="D89.41",
    *,
    published=True,
    synonyms="MMAS",
):
    """A condition with one code, approved (by ``condition_staff``) unless
    ``published=False``."""
    from conditions.models import Condition, ConditionCode

    condition = Condition.objects.create(
        name=name, slug=slugify(name), synonyms=synonyms
    )
    ConditionCode.objects.create(condition=condition, code=code)
    editor, reviewer = condition_staff()
    review_record_edit(obj=condition, by=editor)
    if published:
        publish(condition, editor=editor, reviewer=reviewer)
    return condition


def approve_condition(condition):
    """Record the edits made to ``condition`` (as ``condition_staff``'s
    editor) and approve them, as the review board would."""
    editor, reviewer = condition_staff()
    review_record_edit(obj=condition, by=editor)
    publish(condition, editor=editor, reviewer=reviewer)
    condition.refresh_from_db()
    return condition


def make_article(*, condition, by, sections=2, references=3, title="Overview"):
    """A draft article with numbered sections and references, saved by ``by``."""
    # Imported here: the workflow's own tests run on tests.testapp alone.
    from conditions.models import Article

    article = Article.objects.create(
        condition=condition,
        title=title,
        slug=title.lower().replace(" ", "-"),
        summary=f"A summary of {title}.",
    )
    for n in range(1, sections + 1):
        article.sections.create(
            position=n,
            heading=f"Section {n}",
            kind="other",
            body=f"Body of section {n}, citing [1].\n\n| a | b |\n|---|---|\n| 1 | 2 |",
        )
    for n in range(1, references + 1):
        article.references.create(
            position=n, authors="Doe J", title=f"Study {n}", source="J Test", year=2020
        )
    review_record_edit(obj=article, by=by)
    return article


def make_memo(*, by, title="Overview", body="First words."):
    """A draft of the test-only reviewable content, saved by ``by``."""
    from tests.testapp.models import Memo

    memo = Memo.objects.create(title=title, body=body)
    review_record_edit(obj=memo, by=by)
    return memo


def edit(item, *, by, **fields):
    """Change ``item``'s content fields and record the edit, as the admin does."""
    for name, value in fields.items():
        setattr(item, name, value)
    item.save()
    return review_record_edit(obj=item, by=by)


def make_site_page(*, by, kind="other", title="About us", body="We write.", **extra):
    """A draft site page saved by ``by``."""
    from conditions.models import SitePage

    page = SitePage.objects.create(
        kind=kind,
        title=title,
        slug=title.lower().replace(" ", "-"),
        summary=f"A summary of {title}.",
        body=body,
        **extra,
    )
    review_record_edit(obj=page, by=by)
    return page


def publish(article, *, editor, reviewer):
    """Take a draft (of any reviewable type) through submit, review and
    approval."""
    bring_to(ReviewState.APPROVED, article, editor=editor, reviewer=reviewer)
    return article


def reissue_live_version(item, **changes):
    """Make ``item``'s live version one with ``changes`` (say, a review date in
    the past), as an approval would: published versions are append-only, so
    the old one is retired and a new one written and put live."""
    item.refresh_from_db()
    old = item.live_version
    copied = {
        field.attname: getattr(old, field.attname)
        for field in PublishedVersion._meta.concrete_fields
        if not field.primary_key
    }
    PublishedVersion.objects.filter(pk=old.pk).retire()
    new = PublishedVersion.objects.create(
        **{**copied, "number": old.number + 1, "is_live": True, **changes}
    )
    type(item)._default_manager.filter(pk=item.pk).update(live_version=new)
    item.refresh_from_db()
    return new


def bring_to(state, article, *, editor, reviewer):
    """Put a draft (of any reviewable type) into ``state`` through the
    services, as people would."""
    if state == ReviewState.DRAFT:
        return
    review_submit(obj=article, by=editor)
    if state == ReviewState.SUBMITTED:
        return
    review_start(obj=article, by=reviewer)
    if state == ReviewState.UNDER_REVIEW:
        return
    if state == ReviewState.CHANGES_REQUESTED:
        review_request_changes(obj=article, by=reviewer, comment="Cite a source.")
        return
    review_approve(obj=article, by=reviewer, acknowledged=warnings_of(article))
    if article.review_state == ReviewState.SUBMITTED:
        # Approved in two stages (a treatment guide): the pharmacist's next.
        pharmacist = get_user_model().objects.filter(username="pharmacist").first()
        pharmacist = pharmacist or make_user("pharmacist", "Pharmacists")
        review_start(obj=article, by=pharmacist)
        review_approve(obj=article, by=pharmacist, acknowledged=warnings_of(article))


def warnings_of(item) -> list[str]:
    """What a reviewer acknowledges to approve ``item``, all of it."""
    return item.review_warnings(item.review_data())


# -- the admin, as a browser uses it -----------------------------------------


def article_form(condition, **overrides):
    data = {
        "condition": condition.pk,
        "kind": "overview",
        "title": "Living with MMAS",
        "slug": "living-with-mmas",
        "summary": "Day-to-day life with the condition.",
        "sections-TOTAL_FORMS": "1",
        "sections-INITIAL_FORMS": "0",
        "sections-0-position": "1",
        "sections-0-heading": "Triggers",
        "sections-0-kind": "living_with",
        "sections-0-body": "Heat can be a trigger [1].",
        "sections-0-audience": "everyone",
        "sections-0-visibility": "public",
        "references-TOTAL_FORMS": "1",
        "references-INITIAL_FORMS": "0",
        "references-0-position": "1",
        "references-0-title": "A study of triggers",
        "references-0-year": "2021",
    }
    return {**data, **overrides}


def transition(client, article, action, comment=""):
    """Press a workflow button of ``article``'s change form; Approve with each
    of its problems ticked."""
    url = reverse("admin:conditions_article_review", args=[article.pk, action])
    data = {"comment": comment}
    if action == "approve":
        data["acknowledged"] = warnings_of(article)
    return client.post(url, data, follow=True)


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def admin_url(name, article, *args):
    return reverse(f"admin:conditions_article_{name}", args=[article.pk, *args])


def change_data(article, **overrides):
    """The change form as the browser sends it, sections and references kept."""
    data = article_form(
        article.condition,
        title=article.title,
        slug=article.slug,
        summary=article.summary,
        review_revision=revision_token(article),
        **{"sections-TOTAL_FORMS": "0", "references-TOTAL_FORMS": "0"},
    )
    return {**data, **overrides}


def form_rows(article, **overrides):
    """The change form as a browser sends it: every section and reference
    as saved, then ``overrides``."""
    data = {}
    for prefix, rows, fields in (
        ("sections", article.sections.all(), SECTION_FIELDS),
        ("references", article.references.all(), REFERENCE_FIELDS),
    ):
        rows = list(rows)
        data[f"{prefix}-TOTAL_FORMS"] = data[f"{prefix}-INITIAL_FORMS"] = len(rows)
        for n, row in enumerate(rows):
            data[f"{prefix}-{n}-id"] = row.pk
            data[f"{prefix}-{n}-article"] = article.pk
            for field in fields:
                value = getattr(row, field)
                data[f"{prefix}-{n}-{field}"] = "" if value is None else value
    return change_data(article, **{**data, **overrides})


SECTION_FIELDS = ["position", "heading", "kind", "body", "audience", "visibility"]
REFERENCE_FIELDS = ["position", "key", "authors", "title", "source", "year", "doi"]


SEARCHES = ["MAS", "mast cell", "tryptase"]


def sitemap_paths(client) -> list[str]:
    """Every path the sitemap lists, read as a search engine does: the index
    at /sitemap.xml, then each of its sections."""

    def locs(path):
        xml = client.get(path).content.decode()
        return [
            re.sub(r"^https?://[^/]+", "", loc)
            for loc in re.findall(r"<loc>([^<]+)</loc>", xml)
        ]

    return [path for section in locs("/sitemap.xml") for path in locs(section)]


def load_demo_site() -> dict[str, str]:
    """Load the demo content; return {page name: path} for every public page
    of it, for the checks that must hold on all of them (valid HTML, no
    accessibility violations, no sideways scrolling).

    Articles and site pages come from the sitemap, as a search engine would
    find them; around them, every page a reader reaches from the header, the
    ICD-10-CM browse pages and the articles.
    """
    from conditions.models import Condition

    # Tests run with DEBUG off, as production does. The search index is
    # written after commit, which a test inside a transaction must run itself.
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("load_demo", allow_production=True, stdout=io.StringIO())
    listed = sitemap_paths(Client())
    pages = {
        "home": reverse("conditions:home"),
        "A–Z": reverse("conditions:condition_list"),
        "ICD-10-CM browse": reverse("conditions:icd10_browse"),
        "sign up": reverse("signup"),
        "log in": reverse("login"),
        "consultation request": reverse("conditions:consultation_request"),
    }
    for query in SEARCHES:
        pages[f"search {query}"] = (
            f"{reverse('conditions:search')}?{urlencode({'q': query})}"
        )
    pages["search, filtered"] = reverse("conditions:search") + "?kind=overview"
    for condition in Condition.objects.with_published_articles():
        pages[condition.name] = condition.get_absolute_url()
    # Every chapter, block, category and code the browse pages lead to, one
    # level after another.
    reader, waiting = Client(), [pages["ICD-10-CM browse"]]
    while waiting:
        page = reader.get(waiting.pop()).content.decode()
        for path in sorted(set(re.findall(r'href="(/icd10/[^"/?]+/)"', page))):
            name = f"ICD-10-CM {path.split('/')[2]}"
            if name not in pages:
                pages[name] = path
                waiting.append(path)
    for path in listed:
        pages[path] = path
    first_article = next(path for path in listed if path.startswith("/conditions/"))
    pages["follow-up question"] = first_article + "ask/"
    return pages


def log_in(page, base_url, username):
    """Log a test user in through the admin login form, with the code their
    authenticator app would show."""
    device = totp_device(get_user_model().objects.get(username=username))
    page.goto(f"{base_url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.fill("#id_otp_token", current_code(device))
    page.click("input[type=submit]")
    page.wait_for_selector("#user-tools")


def submit_then_approve(editor, reviewer, base_url, article, reviewer_name):
    """In a browser: the editor (on the change form, saved) submits, then
    the reviewer ``reviewer_name`` logs in, claims the review and approves."""
    click_workflow_button(editor, "Submit for review")
    assert "is now submitted" in editor.inner_text(".messagelist")
    log_in(reviewer, base_url, reviewer_name)
    reviewer.goto(f"{base_url}/admin/conditions/article/{article.pk}/change/")
    click_workflow_button(reviewer, "Start review")
    click_workflow_button(reviewer, "Approve")
    assert "is now approved" in reviewer.inner_text(".messagelist")


def click_workflow_button(page, label):
    """Press a review button in the admin and wait for its message. Before
    Approve, tick each problem on the sign-off, as a reviewer who checked
    them would."""
    if label == "Approve":
        for box in page.locator("input[name=acknowledged]").all():
            box.check()
    page.get_by_role("button", name=label).click()
    page.wait_for_selector(".messagelist")


# -- a fresh process ------------------------------------------------------------


def run_fresh(code: str, *, timeout: int = 60, **env) -> subprocess.CompletedProcess:
    """Run ``code`` in a new Python process with the project's settings, as a
    server would start: none of this run's ``DJANGO_*``, ``DATABASE_URL``,
    ``REDIS_URL`` or ``SITE_URL``, only ``env``."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("DJANGO_")
        and k not in {"DATABASE_URL", "REDIS_URL", "SITE_URL"}
    }
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "DJANGO_SETTINGS_MODULE": "condition_site.settings", **env},
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def migrated_back_to(target: list[tuple[str, str]]):
    """Migrate the test database back to ``target``; the models as they were
    then (``apps.get_model``)."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate(target)
    return executor.loader.project_state(target).apps


def migrated_to_the_latest() -> None:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
