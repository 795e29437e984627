"""Site pages (about us, editorial policy, advisory board, contact, privacy),
reviewed like articles: Editors write them, Reviewers read them in the admin
and approve them through the workflow."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

# As for articles: Editors may not delete a page (the workflow archives it).
GRANTS = {
    "Editors": ["add_sitepage", "change_sitepage", "view_sitepage"],
    "Reviewers": ["view_sitepage"],
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("conditions")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        Group.objects.get(name=name).permissions.add(
            *Permission.objects.filter(
                content_type__app_label="conditions", codename__in=codenames
            )
        )


class Migration(migrations.Migration):

    dependencies = [
        ('conditions', '0005_resource_enquiry_permissions'),
        ('reviews', '0005_review_in_depth'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='HistoricalSitePage',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('kind', models.CharField(choices=[('about', 'About us'), ('editorial_policy', 'Editorial policy'), ('advisory_board', 'Advisory board'), ('contact', 'Contact us'), ('privacy', 'Privacy'), ('other', 'Other page')], default='other', help_text='Each kind but “Other page” is one page; the footer links published pages in this order.', max_length=20)),
                ('title', models.CharField(max_length=200)),
                ('slug', models.SlugField(max_length=100)),
                ('summary', models.TextField(help_text='One or two plain sentences shown under the title.')),
                ('body', models.TextField(help_text='Markdown: a line starting with # is a heading under the page title; tables and lists are supported. Raw HTML is removed.')),
                ('created_at', models.DateTimeField(blank=True, editable=False)),
                ('updated_at', models.DateTimeField(blank=True, editable=False)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical site page',
                'verbose_name_plural': 'historical site pages',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='SitePage',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('review_state', models.CharField(choices=[('draft', 'Draft'), ('submitted', 'Submitted'), ('under_review', 'Under review'), ('changes_requested', 'Changes requested'), ('approved', 'Approved'), ('archived', 'Archived')], default='draft', editable=False, max_length=20)),
                ('revision_hash', models.CharField(blank=True, editable=False, max_length=64)),
                ('review_hash', models.CharField(blank=True, editable=False, help_text='The revision the current reviewer is looking at.', max_length=64)),
                ('kind', models.CharField(choices=[('about', 'About us'), ('editorial_policy', 'Editorial policy'), ('advisory_board', 'Advisory board'), ('contact', 'Contact us'), ('privacy', 'Privacy'), ('other', 'Other page')], default='other', help_text='Each kind but “Other page” is one page; the footer links published pages in this order.', max_length=20)),
                ('title', models.CharField(max_length=200)),
                ('slug', models.SlugField(max_length=100, unique=True)),
                ('summary', models.TextField(help_text='One or two plain sentences shown under the title.')),
                ('body', models.TextField(help_text='Markdown: a line starting with # is a heading under the page title; tables and lists are supported. Raw HTML is removed.')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('created_by', models.ForeignKey(editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('live_version', models.ForeignKey(editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='reviews.publishedversion')),
                ('reviewer', models.ForeignKey(editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('revision_editors', models.ManyToManyField(editable=False, help_text='Everyone who edited the content since it was last approved.', related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'site page',
                'ordering': ['title'],
                'constraints': [models.UniqueConstraint(condition=models.Q(('kind', 'other'), _negated=True), fields=('kind',), name='one_site_page_per_kind', violation_error_message='There is already a page of this kind.')],
            },
        ),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
