"""The portal's one table: which form submissions were already carried out, so that a form sent twice (a double
click, a reload, a retry after a timeout) acts once. Not police data: a user, the form's one-time id, and where
its result is."""

from django.db import models


class Submission(models.Model):
    user = models.ForeignKey("members.User", on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=64, help_text="the form's one-time id, made when the form was shown")
    result = models.CharField(max_length=300, blank=True, help_text="the page the first submission led to")
    created_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="portal_submission_once")]
