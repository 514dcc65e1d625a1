"""The officers' portal, under /portal/."""

from django.urls import path

from ncbnet.portal import hits, mailbox, records, session

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
    path("hits/", hits.hit_list, name="hits"),
    path("hits/<str:hit_reference>/", hits.hit, name="hit"),
]
