"""The screening list as first installed (ncbnet.notices.terms); the General Secretariat maintains it afterwards."""

from django.db import migrations


def install(apps, schema_editor):
    from ncbnet.notices.terms import default_terms

    ScreeningTerm = apps.get_model("notices", "ScreeningTerm")
    ScreeningTerm.objects.bulk_create(
        [ScreeningTerm(term_list=lst, category=cat, language=lang, term=term, added_by="installation")
         for lst, cat, lang, term in default_terms()],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [("notices", "0001_initial")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
