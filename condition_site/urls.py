from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from condition_site.views import healthz
from conditions.sitemaps import ArticleSitemap, SitePageSitemap
from conditions.views.accounts import ReaderLogInView, SignUpView

# A database that does not answer gets the branded 503 page, not a 500.
handler500 = "condition_site.views.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("review/", include("reviews.urls")),
    path("accounts/signup/", SignUpView.as_view(), name="signup"),
    path("accounts/login/", ReaderLogInView.as_view(), name="login"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("healthz", healthz, name="healthz"),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {"articles": ArticleSitemap, "pages": SitePageSitemap}},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("", include("conditions.urls")),
]
