"""Load demo accounts, conditions and articles; safe to run again."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from condition_site.totp import base32_key, totp_enrol
from conditions.management.commands._demo_content import (
    ARTICLES,
    CONDITIONS,
    MAST_CELL_DIAGRAM,
    RESOURCES,
)
from conditions.management.commands._demo_images import (
    DIAGRAM_DETAILS,
    mast_cell_diagram,
)
from conditions.management.commands._demo_site_pages import (
    PHARMACIST_PROFILE,
    REVIEWER_PROFILE,
    SITE_PAGES,
)
from conditions.models import Article, Condition, ConditionCode, SitePage
from conditions.services import cite_sections_by_key
from images.models import Image
from images.services import image_set_file
from reviews.models import ReviewerProfile, ReviewState
from reviews.services import (
    review_approve,
    review_record_edit,
    review_start,
    review_submit,
)

# Every demo staff account's authenticator key (hex): RFC 6238's test key,
# "12345678901234567890", known to all, so never outside development.
DEMO_TOTP_KEY = "3132333435363738393031323334353637383930"

# (username, password, first name, last name, group or None for superuser)
DEMO_ACCOUNTS = [
    ("editor", "editor-demo-2026", "Elena", "Marsh", "Editors"),
    ("reviewer", "reviewer-demo-2026", "Priya", "Raman", "Reviewers"),
    # Gives treatment guides their second approval (REVIEW_TWO_STAGE_KINDS).
    ("pharmacist", "pharmacist-demo-2026", "Tomas", "Lindqvist", "Pharmacists"),
    ("admin", "admin-demo-2026", "Site", "Admin", None),
]


class Command(BaseCommand):
    help = (
        "Create demo accounts, five conditions and their articles in several "
        "review states. Existing rows are left as they are, so running it "
        "twice changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Load demo accounts even with DJANGO_DEBUG off.",
        )

    def handle(self, *args, allow_production=False, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                "Refusing to create demo accounts with known passwords while "
                "DJANGO_DEBUG is off. Pass --allow-production if you mean it."
            )
        with transaction.atomic():
            users = self.load_accounts()
            self.load_conditions(editor=users["editor"], reviewer=users["reviewer"])
            self.diagram = self.load_illustration()
            created = [
                spec["title"]
                for spec in ARTICLES
                if self.load_article(
                    spec, editor=users["editor"], reviewer=users["reviewer"]
                )
            ]
            pages = [
                spec["title"]
                for spec in SITE_PAGES
                if self.load_site_page(
                    spec, editor=users["editor"], reviewer=users["reviewer"]
                )
            ]
        self.stdout.write(
            f"Demo content: {len(created)} article(s) created, "
            f"{len(ARTICLES) - len(created)} already present; "
            f"{len(pages)} site page(s) created, "
            f"{len(SITE_PAGES) - len(pages)} already present."
        )
        self.stdout.write("Demo logins for /admin/ (username / password):")
        for username, password, _, _, group in DEMO_ACCOUNTS:
            role = group or "superuser"
            self.stdout.write(f"  {username} / {password}  ({role})")
        device = users["admin"].totpdevice_set.get()
        self.stdout.write(
            "The admin also asks for a code: run "
            "`.venv/bin/python manage.py demo_otp_code editor` (or reviewer, "
            "pharmacist, admin),\n"
            f"or add the key {base32_key(device)} to an authenticator app."
        )

    def load_accounts(self) -> dict:
        User = get_user_model()
        users = {}
        for username, password, first, last, group in DEMO_ACCOUNTS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "email": f"{username}@example.org",
                    "is_staff": True,
                    "is_superuser": group is None,
                },
            )
            if created:
                user.set_password(password)
                user.save()
                if group:
                    user.groups.add(Group.objects.get(name=group))
            # Also for accounts made before the admin asked for a code.
            if not user.totpdevice_set.exists():
                totp_enrol(user=user, key=DEMO_TOTP_KEY)
            users[username] = user
        self.verify_reviewer(users["reviewer"], REVIEWER_PROFILE, by=users["admin"])
        self.verify_reviewer(users["pharmacist"], PHARMACIST_PROFILE, by=users["admin"])
        self.pharmacist = users["pharmacist"]
        return users

    def verify_reviewer(self, reviewer, details: dict, *, by) -> None:
        """A demo reviewer's public profile, verified by the site admin so
        that the advisory board lists them."""
        profile, _ = ReviewerProfile.objects.get_or_create(
            user=reviewer, defaults=details
        )
        if not profile.is_verified:
            profile.verified_at, profile.verified_by = timezone.now(), by
            profile.save(update_fields=["verified_at", "verified_by"])

    def load_conditions(self, *, editor, reviewer) -> None:
        """Write the missing conditions as the editor, relate them, and have
        the reviewer approve them: readers see only approved conditions."""
        created = []
        for spec in CONDITIONS:
            condition, new = Condition.objects.get_or_create(
                slug=spec["slug"],
                defaults={"name": spec["name"], "synonyms": spec["synonyms"]},
            )
            if new:
                created.append(condition)
                for position, code in enumerate(spec["codes"]):
                    ConditionCode.objects.create(
                        condition=condition, code=code, position=position
                    )
                for position, resource in enumerate(RESOURCES.get(spec["slug"], [])):
                    condition.resources.create(position=position, **resource)
        for spec in CONDITIONS:
            condition = Condition.objects.get(slug=spec["slug"])
            if not condition.related.exists():
                condition.related.add(
                    *Condition.objects.filter(slug__in=spec["related"])
                )
        for condition in created:
            review_record_edit(obj=condition, by=editor)
            review_submit(obj=condition, by=editor)
            review_start(obj=condition, by=reviewer)
            review_approve(
                obj=condition, by=reviewer, comment="Codes and resources checked."
            )

    def load_illustration(self) -> Image:
        """The demo's diagram in the image library, drawn on first load."""
        image = Image.objects.filter(alt_text=DIAGRAM_DETAILS["alt_text"]).first()
        if image is None:
            upload = SimpleUploadedFile("mast-cell-diagram.png", mast_cell_diagram())
            image = image_set_file(image=Image(**DIAGRAM_DETAILS), upload=upload)
        return image

    def load_article(self, spec: dict, *, editor, reviewer) -> bool:
        condition = Condition.objects.get(slug=spec["condition"])
        if Article.objects.filter(condition=condition, slug=spec["slug"]).exists():
            return False
        article = Article.objects.create(
            condition=condition,
            kind=spec["kind"],
            title=spec["title"],
            slug=spec["slug"],
            summary=spec["summary"],
        )
        for position, section in enumerate(spec["sections"]):
            body = section["body"].replace(
                MAST_CELL_DIAGRAM, f"image:{self.diagram.pk}"
            )
            article.sections.create(position=position, **{**section, "body": body})
        for position, reference in enumerate(spec["references"]):
            article.references.create(position=position, **reference)
        cite_sections_by_key(article, keys_before=[])
        review_record_edit(obj=article, by=editor)
        state = spec["state"]
        if state == "draft":
            return True
        review_submit(obj=article, by=editor)
        if state == "submitted":
            return True
        review_start(obj=article, by=reviewer)
        review_approve(
            obj=article, by=reviewer, comment="Checked against the references."
        )
        if article.review_state == ReviewState.SUBMITTED:
            # A treatment guide: the clinical approval is given, the
            # pharmacist's publishes it.
            review_start(obj=article, by=self.pharmacist)
            review_approve(
                obj=article,
                by=self.pharmacist,
                comment="Doses and interactions checked.",
            )
        if state == "approved_with_draft":
            revision = spec["revision"]
            article.summary = revision["summary"]
            article.save()
            article.sections.create(
                position=len(spec["sections"]), **revision["extra_section"]
            )
            review_record_edit(obj=article, by=editor)
            review_submit(obj=article, by=editor, comment="Added a new section.")
            review_start(obj=article, by=reviewer)
        return True

    def load_site_page(self, spec: dict, *, editor, reviewer) -> bool:
        """Write a site page as the editor and approve it as the reviewer."""
        if SitePage.objects.filter(slug=spec["slug"]).exists():
            return False
        page = SitePage.objects.create(**spec)
        review_record_edit(obj=page, by=editor)
        review_submit(obj=page, by=editor)
        review_start(obj=page, by=reviewer)
        review_approve(obj=page, by=reviewer, comment="Checked for accuracy.")
        return True
