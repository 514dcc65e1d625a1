from django.contrib import admin
from django.urls import include, path

from ncbnet.api.urls import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("portal/", include("ncbnet.portal.urls")),
    path("", include("ncbnet.public.urls")),
]
