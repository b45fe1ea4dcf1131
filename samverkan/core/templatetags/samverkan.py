"""Filters every template may use without loading: money and dates in Swedish form."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone

from samverkan.lib.money import format_kronor, format_ore

register = template.Library()


@register.filter
def kr(ore: int | None) -> str:
    """Integer öre as `1 234,50 kr`."""
    return format_ore(ore)


@register.filter
def kronor(amount: int | None) -> str:
    """Whole kronor as `165 000 kr`."""
    return format_kronor(amount)


@register.filter
def isodate(value: dt.date | dt.datetime | None) -> str:
    """`2013-12-19`, whatever the language."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


@register.filter
def get_item(mapping: dict, key: object) -> object:
    return mapping.get(key) if mapping else None
