"""The group of cycle managers (述职管理员): whoever is in it runs the reporting cycle
(roster, roll, deadlines, reminders, accounts) without being a Django superuser."""

from django.db import migrations

GROUP = "述职管理员"


def create_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    ct, _ = ContentType.objects.get_or_create(app_label="drafts", model="reportingyear")
    perm, _ = Permission.objects.get_or_create(
        content_type=ct,
        codename="manage_cycle",
        defaults={"name": "Can run the reporting cycle (roster, roll, reminders)"},
    )
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(perm)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("drafts", "0006_roll_and_reminders"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
