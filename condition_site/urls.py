from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from conditions.accounts import SignUpView
from conditions.sitemaps import ArticleSitemap
from conditions.views import healthz

admin.site.site_header = "Condition Site editorial"
admin.site.site_title = "Condition Site editorial"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("review/", include("reviews.urls")),
    path("accounts/signup/", SignUpView.as_view(), name="signup"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("healthz", healthz, name="healthz"),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {"articles": ArticleSitemap}},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("", include("conditions.urls")),
]
