"""``{{ url|safe_url }}``: a data URL only if its scheme is http, https or mailto."""

from django import template

from conditions.rendering import safe_url as _safe_url

register = template.Library()


@register.filter
def safe_url(url):
    return _safe_url(url)
