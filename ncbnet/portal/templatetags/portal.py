from django import template

from ncbnet.portal import labels

register = template.Library()


@register.filter
def label(code, kind: str) -> str:
    """``{{ msg.priority|label:"priority" }}``: the code's name in the active language."""
    return labels.label(kind, code)
