from django import template
from django.utils import translation

from ncbnet.members.models import country_names
from ncbnet.portal import labels
from ncbnet.portal.explain import field_name, translate

register = template.Library()


@register.filter
def label(code, kind: str) -> str:
    """``{{ msg.priority|label:"priority" }}``: the code's name in the active language."""
    return labels.label(kind, code)


@register.filter
def explain(line) -> str:
    """``{{ line|explain }}``: a matching or screening engine's English line in the active language."""
    return translate(str(line))


@register.filter
def explain_field(field) -> str:
    """``{{ finding.field|explain_field }}``: a screening finding's field in the active language."""
    return field_name(str(field))


@register.filter
def organisation(org) -> str:
    """An organisation as officers name it in their language: a bureau by its kind and its country's name (the
    stored names are English); an agency or body by its own name."""
    if org is None:
        return ""
    if org.kind == "ncb" and org.country_id:
        name = country_names(translation.get_language() or "en").get(org.country_id, org.country_id)
        return f"{labels.label('org_kind', 'ncb')} · {name}"
    if org.kind == "gs":
        return labels.label("org_kind", "gs")
    return org.name
