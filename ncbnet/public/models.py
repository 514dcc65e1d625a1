"""The public app's one table: the version of the public catalogue, kept by the database itself.

Not police data: a number that changes whenever any public extract is written or deleted (database triggers
on ``notices_publicextract``, migration 0001), so that each server process may keep its answers while the
number is the one they were built at (``public.cache``).
"""

from django.db import models


class CatalogueVersion(models.Model):
    id = models.PositiveSmallIntegerField(primary_key=True)
    version = models.BigIntegerField(help_text="a new value on every change of a public extract; never reused")
