"""Content can wait for a go-live time (``Reviewable.scheduled_version``).
The Pharmacists group comes with every migrate (``conditions.apps``)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('conditions', '0016_condition_name_trigram_indexes'),
        ('reviews', '0017_stages_and_scheduling'),
    ]

    operations = [
        migrations.AddField(
            model_name='article',
            name='scheduled_version',
            field=models.ForeignKey(editable=False, help_text='An approved version waiting for its go-live time.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='reviews.publishedversion'),
        ),
        migrations.AddField(
            model_name='condition',
            name='scheduled_version',
            field=models.ForeignKey(editable=False, help_text='An approved version waiting for its go-live time.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='reviews.publishedversion'),
        ),
        migrations.AddField(
            model_name='sitepage',
            name='scheduled_version',
            field=models.ForeignKey(editable=False, help_text='An approved version waiting for its go-live time.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='reviews.publishedversion'),
        ),
    ]
