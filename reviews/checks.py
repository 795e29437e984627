"""System checks: every reviewable model keeps the workflow's constraints."""

from django.apps import apps
from django.core import checks

from reviews.models import Reviewable


@checks.register(checks.Tags.models)
def check_reviewable_constraints(app_configs=None, **kwargs):
    """A content model that declares its own ``Meta.constraints`` must extend
    ``Reviewable.Meta.constraints``, or the database stops backing the
    workflow's invariants."""
    errors = []
    for model in apps.get_models():
        if not issubclass(model, Reviewable):
            continue
        if app_configs is not None and model._meta.app_config not in app_configs:
            continue
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
