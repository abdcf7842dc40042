from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.http import HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.static import serve

from portal import seo, sitemaps
from portal import views as portal_views

admin.site.site_header = _("C2Future portal administration")
admin.site.site_title = _("C2Future admin")
admin.site.index_title = _("Curation and content")

handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"

urlpatterns = [
    path("healthz", portal_views.healthz, name="healthz"),
    # Browsers ask for /favicon.ico on pages without an icon link (the admin).
    path("favicon.ico", lambda request: HttpResponsePermanentRedirect(static("img/favicon.svg"))),
    path("i18n/", include("django.conf.urls.i18n")),
    path("i18n/switch/<str:code>/", portal_views.switch_language, name="switch_language"),
    path("robots.txt", seo.robots_txt, name="robots"),
    path("sitemap.xml", sitemaps.index, name="sitemap"),
    path("sitemap-<section>.xml", sitemaps.section, name="sitemap-section"),
    path("", include("api.urls")),
]

urlpatterns += i18n_patterns(
    # First: the admin's change list resolves each row's link (to keep its filters), and
    # no other pattern takes a path under admin/, so the walk stops here.
    path("admin/", admin.site.urls),
    path("", include("portal.urls")),
    path("", include("clusters.urls")),
    path("", include("events.urls")),
    path("events/<slug:slug>/b2b/", include("matchmaking.urls")),
    path("questionnaire/", include("surveys.urls")),
    path("", include("opendata.urls")),
    # Participants' accounts (django-allauth): sign up, sign in by password or code.
    path("accounts/", include("allauth.urls")),
    prefix_default_language=False,
)

if settings.DEBUG:
    # Development only: production serves media from the web server or object storage.
    urlpatterns += [
        path(
            f"{settings.MEDIA_URL.strip('/')}/<path:path>",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]
