from django.db import migrations


def seed(apps, schema_editor):
    # The member network is reference data every installation needs: 196 NCBs and the General Secretariat.
    from ncbnet.members.countries import REGIONS, member_countries

    Country = apps.get_model("members", "Country")
    RegionalGroup = apps.get_model("members", "RegionalGroup")
    Organisation = apps.get_model("members", "Organisation")
    groups = {code: RegionalGroup.objects.create(code=code, name=name) for code, name in REGIONS.items()}
    for m in member_countries():
        c = Country.objects.create(code=m.code, alpha3=m.alpha3, name=m.name, names=m.names, is_member=True)
        groups[m.region].countries.add(c)
        Organisation.objects.create(code=f"NCB-{m.code}", kind="ncb", name=f"National Central Bureau {m.name}", country=c)
    Organisation.objects.create(code="GS", kind="gs", name="General Secretariat")


class Migration(migrations.Migration):
    dependencies = [("members", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
