"""The thread index without the NULL of every message that starts a thread (every hit's notification among them):
only replies and forwards have a thread root, and a thread is looked up by a root that is never NULL."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('members', '0006_organisation_language'),
        ('messaging', '0004_fewer_message_indexes'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='message',
            name='message_thread',
        ),
        migrations.AddIndex(
            model_name='message',
            index=models.Index(condition=models.Q(('thread_root__isnull', False)), fields=['thread_root'], name='message_thread'),
        ),
    ]
