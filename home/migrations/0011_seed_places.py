"""The communes named by the five source texts (/work/shared/seeds), with the approximate
coordinates of their main town (GeoNames, rounded), so that the actor map can place the
organisations and practices recorded there. Editors add others in « Classement › Communes ».
Saye, Timissa, Sio and Katiéna are named too, but their position could not be checked: left
for an editor to add."""

from django.db import migrations

# slug, name, other spellings, region (ISO 3166-2, as Natural Earth draws it), lat, lon
PLACES = (
    ("bamako", "Bamako", "", "ML-BKO", "12.6392", "-8.0029"),
    ("bandiagara", "Bandiagara", "", "ML-5", "14.3500", "-3.6100"),
    ("bankass", "Bankass", "", "ML-5", "14.0767", "-3.5192"),
    ("bla", "Bla", "", "ML-4", "12.9481", "-5.7600"),
    ("djenne", "Djenné", "", "ML-5", "13.9061", "-4.5533"),
    ("gao", "Gao", "", "ML-7", "16.2717", "-0.0447"),
    ("kayes", "Kayes", "", "ML-1", "14.4469", "-11.4445"),
    ("konna", "Konna", "", "ML-5", "14.9469", "-3.8922"),
    ("koro", "Koro", "", "ML-5", "14.0725", "-3.0746"),
    ("koutiala", "Koutiala", "", "ML-3", "12.3917", "-5.4642"),
    ("macina", "Macina", "Ké-Macina", "ML-4", "13.9641", "-5.3579"),
    ("markala", "Markala", "", "ML-4", "13.7021", "-6.0659"),
    ("mopti", "Mopti", "", "ML-5", "14.4843", "-4.1830"),
    ("niono", "Niono", "", "ML-4", "14.2526", "-5.9932"),
    ("san", "San", "", "ML-4", "13.3034", "-4.8956"),
    ("segou", "Ségou", "", "ML-4", "13.4317", "-6.2157"),
    ("sevare", "Sévaré", "", "ML-5", "14.5167", "-4.1000"),
    ("tominian", "Tominian", "", "ML-4", "13.2867", "-4.3897"),
    ("yorosso", "Yorosso", "", "ML-3", "12.3553", "-4.7769"),
)


def seed(apps, schema_editor):
    Place = apps.get_model("home", "Place")
    for slug, name, other_names, region, latitude, longitude in PLACES:
        if Place.objects.filter(slug=slug).exists() or Place.objects.filter(name=name).exists():
            continue
        Place.objects.create(
            slug=slug,
            name=name,
            other_names=other_names,
            region=region,
            latitude=latitude,
            longitude=longitude,
        )


class Migration(migrations.Migration):
    dependencies = [("home", "0010_actor_map_places")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
