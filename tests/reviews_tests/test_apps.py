"""The editorial groups come back after every migrate and every flush."""

import importlib

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def granted(app_label):
    """{group name: codenames} of ``app_label``'s permissions held by groups."""
    return {
        group.name: set(
            group.permissions.filter(content_type__app_label=app_label).values_list(
                "codename", flat=True
            )
        )
        for group in Group.objects.order_by("name")
    }


def migration_grants():
    """What the old data migrations granted, for comparison."""
    reviews = importlib.import_module("reviews.migrations.0002_editorial_groups")
    content = importlib.import_module("conditions.migrations.0002_group_permissions")
    extra = importlib.import_module(
        "conditions.migrations.0005_resource_enquiry_permissions"
    )
    pages = importlib.import_module("conditions.migrations.0006_sitepage")
    conditions = {}
    for name, actions in content.GROUP_ACTIONS.items():
        codenames = {f"{a}_{m}" for a in actions for m in content.CONTENT_MODELS}
        if name == "Editors":
            codenames -= {"delete_article", "delete_condition"}
        conditions[name] = codenames | set(extra.GRANTS[name]) | set(pages.GRANTS[name])
    return (
        {
            name: set(codes)
            for name, codes in reviews.GROUP_PERMISSIONS.items()
            if name != "Pharmacists"
        },
        conditions,
    )


def test_post_migrate_recreates_groups_with_exactly_the_migration_grants():
    Group.objects.all().delete()
    assert not Group.objects.exists()

    for label in ("reviews", "conditions"):
        call_command("migrate", label, verbosity=0)

    reviews_grants, conditions_grants = migration_grants()
    # Pharmacists (added later, with the two-stage approval) are Reviewers
    # who may also give the pharmacist's approval.
    reviews_grants["Pharmacists"] = reviews_grants["Reviewers"] | {"review_medicines"}
    conditions_grants["Pharmacists"] = conditions_grants["Reviewers"]
    assert granted("reviews") == reviews_grants
    assert granted("conditions") == conditions_grants


def test_granting_again_changes_nothing():
    before = granted("reviews")
    assert before["Reviewers"]  # the groups are there to begin with

    call_command("migrate", "reviews", verbosity=0)  # grants again

    assert granted("reviews") == before
    assert Group.objects.count() == 3


def test_groups_lose_no_permission_someone_added_by_hand():
    editors = Group.objects.get(name="Editors")
    editors.permissions.add(
        *Group.objects.get(name="Reviewers").permissions.filter(
            codename="review_content"
        )
    )

    call_command("migrate", "reviews", verbosity=0)  # grants again

    assert "review_content" in granted("reviews")["Editors"]
    assert "submit_for_review" in granted("reviews")["Editors"]
