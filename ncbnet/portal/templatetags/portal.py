from django import template

from ncbnet.portal import labels

register = template.Library()


@register.filter
def label(code, kind: str) -> str:
    """``{{ msg.priority|label:"priority" }}``: the code's name in the active language."""
    return labels.label(kind, code)


@register.filter
def explain(line) -> str:
    """``{{ line|explain }}``: a matching or screening engine's English line in the active language."""
    from ncbnet.portal.explain import translate

    return translate(str(line))


@register.filter
def explain_field(field) -> str:
    """``{{ finding.field|explain_field }}``: a screening finding's field in the active language."""
    from ncbnet.portal.explain import field_name

    return field_name(str(field))
