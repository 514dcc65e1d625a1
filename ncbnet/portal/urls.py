"""The officers' portal, under /portal/."""

from django.urls import path

from ncbnet.portal import contribute, hits, mailbox, notices, records, review, session

app_name = "portal"

urlpatterns = [
    path("", mailbox.inbox, name="inbox"),
    path("sign-in/", session.sign_in, name="sign-in"),
    path("sign-out/", session.sign_out, name="sign-out"),
    path("language/", session.set_language, name="language"),
    path("messages/new/", mailbox.compose, name="compose"),
    path("messages/sent/", mailbox.sent, name="sent"),
    path("messages/search/", mailbox.search, name="search"),
    path("messages/<int:message_id>/", mailbox.message, name="message"),
    path("messages/<int:message_id>/acknowledge/", mailbox.acknowledge, name="acknowledge"),
    path("messages/<int:message_id>/reply/", mailbox.reply, name="reply"),
    path("messages/<int:message_id>/forward/", mailbox.forward, name="forward"),
    path("messages/<int:message_id>/attachments/<str:sha256>/", mailbox.attachment, name="attachment"),
    path("search/", records.search, name="records-search-default"),
    path("search/<str:what>/", records.search, name="records-search"),
    path("records/<str:kind_name>/<int:record_id>/", records.record, name="record"),
    path("records/<str:kind_name>/<int:record_id>/photos/<str:sha256>/", records.photo, name="record-photo"),
    path("contribute/", contribute.home, name="contribute"),
    path("contribute/bulk/", contribute.bulk, name="bulk"),
    path("contribute/review/", review.due, name="review"),
    path("records/new/<str:kind_name>/", contribute.add, name="record-add"),
    path("records/<str:kind_name>/<int:record_id>/change/", contribute.change, name="record-change"),
    path("records/<str:kind_name>/<int:record_id>/<str:action>/", review.lifecycle, name="record-lifecycle"),
    path("hits/", hits.hit_list, name="hits"),
    path("hits/<str:hit_reference>/", hits.hit, name="hit"),
    path("notices/", notices.notice_list, name="notices"),
    path("notices/new/<str:kind>/", notices.request_notice, name="notice-request"),
    path("notices/review/", notices.review_queue, name="review-queue"),
    path("notices/diffusions/", notices.diffusion_list, name="diffusions"),
    path("notices/diffusions/new/", notices.send_diffusion, name="diffusion-send"),
    path("notices/<int:notice_id>/", notices.notice, name="notice"),
    path("notices/<int:notice_id>/submit/", notices.submit, name="notice-submit"),
    path("notices/<int:notice_id>/review/", notices.decide, name="notice-review"),
    path("notices/<int:notice_id>/<str:action>/", notices.owner_action, name="notice-action"),
]

# The desks: the CCC's network board, the auditors' trail, the supervisors' bureau. Imported here, beside their
# routes, so that this block is one addition at the end of the file.
from ncbnet.portal import audit, bureau, ccc  # noqa: E402

urlpatterns += [
    path("ccc/", ccc.board, name="ccc"),
    path("ccc/feed", ccc.feed, name="ccc-feed"),
    path("audit/", audit.trail, name="audit"),
    path("audit/verify/", audit.verify, name="audit-verify"),
    path("bureau/", bureau.bureau, name="bureau"),
    path("bureau/agencies/<str:code>/", bureau.authorise, name="bureau-authorise"),
    path("bureau/agencies/<str:code>/revoke/", bureau.revoke, name="bureau-revoke-agency"),
    path("bureau/tokens/", bureau.issue_token, name="bureau-issue"),
    path("bureau/tokens/<str:prefix>/revoke/", bureau.revoke_token, name="bureau-revoke"),
]
