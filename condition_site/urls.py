from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps
from django.urls import include, path

from condition_site.views import healthz
from conditions.sitemaps import ArticleSitemap, SitePageSitemap
from conditions.views.accounts import ReaderLogInView, SignUpView

# /sitemap.xml is an index of sections of at most 50,000 URLs each
# (Sitemap.limit), so it stays small whatever the catalogue's size.
SITEMAPS = {"articles": ArticleSitemap, "pages": SitePageSitemap}

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
        sitemaps.index,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.index",
    ),
    path(
        "sitemap-<section>.xml",
        sitemaps.sitemap,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("", include("conditions.urls")),
]
# With debug on (development) the site serves uploaded images itself; with it
# off this adds nothing: the proxy or the S3 bucket serves them.
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
