from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("reviews", "0008_move_comment_resolutions")]

    operations = [
        migrations.RemoveField(model_name="reviewcomment", name="resolved_at"),
        migrations.RemoveField(model_name="reviewcomment", name="resolved_by"),
    ]
