"""The public site (``/``, ``/<lang>/...``) and the public notices API (``/notices/v1/...``): no login."""

from django.urls import path, re_path

from ncbnet.public import api, site

app_name = "public"
LANG = r"(?P<lang>ar|en|fr|es)"
KIND = r"(?P<kind>red|yellow|un)"

urlpatterns = [
    path("notices/v1/<str:kind>", api.notice_list, name="api-list"),
    path("notices/v1/<str:kind>/<str:notice_id>", api.notice_detail, name="api-detail"),
    path("notices/v1/<str:kind>/<str:notice_id>/images", api.notice_images, name="api-images"),
    path("notices/v1/<str:kind>/<str:notice_id>/images/<str:picture_id>", api.notice_image, name="api-image"),
    re_path(r"^notices/v1(?:/.*)?$", api.not_found),
    path("", site.home, name="home"),
    re_path(rf"^{LANG}/$", site.home, name="home-lang"),
    re_path(rf"^{LANG}/guidance/$", site.guidance, name="guidance"),
    re_path(rf"^{LANG}/notices/{KIND}/$", site.notice_list, name="site-list"),
    re_path(rf"^{LANG}/notices/{KIND}/(?P<notice_id>[^/]+)/$", site.notice_detail, name="site-detail"),
]
