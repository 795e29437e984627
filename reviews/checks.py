"""System checks: every reviewable model keeps the workflow's constraints and
its review queues."""

from django.apps import apps
from django.core import checks

from reviews.models import Reviewable, ReviewableQuerySet


def _reviewable_models(app_configs):
    """The installed reviewable models, or those of ``app_configs``."""
    for model in apps.get_models():
        if issubclass(model, Reviewable) and (
            app_configs is None or model._meta.app_config in app_configs
        ):
            yield model


@checks.register(checks.Tags.models)
def check_reviewable_constraints(app_configs=None, **kwargs):
    """A content model that declares its own ``Meta.constraints`` must extend
    ``Reviewable.Meta.constraints``, or the database stops backing the
    workflow's invariants."""
    errors = []
    for model in _reviewable_models(app_configs):
        names = {
            "app_label": model._meta.app_label.lower(),
            "class": model.__name__.lower(),
        }
        have = {constraint.name for constraint in model._meta.constraints}
        missing = sorted(
            constraint.name % names
            for constraint in Reviewable.Meta.constraints
            if constraint.name % names not in have
        )
        if missing:
            errors.append(
                checks.Error(
                    f"{model._meta.label} lacks the workflow constraints "
                    f"{', '.join(missing)}.",
                    hint="Declare Meta(Reviewable.Meta) with constraints = "
                    "[*Reviewable.Meta.constraints, ...].",
                    obj=model,
                    id="reviews.E001",
                )
            )
    return errors


@checks.register(checks.Tags.models)
def check_reviewable_queryset(app_configs=None, **kwargs):
    """The admin's review queues are ``ReviewableQuerySet`` methods: a content
    model with its own manager must build it from a subclass of it."""
    errors = []
    for model in _reviewable_models(app_configs):
        if not isinstance(model._default_manager.all(), ReviewableQuerySet):
            errors.append(
                checks.Error(
                    f"{model._meta.label}'s default manager does not return a "
                    "ReviewableQuerySet, so its review queues cannot work.",
                    hint="Make its QuerySet inherit reviews.models.ReviewableQuerySet.",
                    obj=model,
                    id="reviews.E002",
                )
            )
    return errors
