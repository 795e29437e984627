from django.urls import path

from conditions import feeds
from conditions.views import (
    articles,
    condition_pages,
    enquiries,
    icd10,
    infobutton,
    search,
    site_pages,
)

app_name = "conditions"

urlpatterns = [
    path("", condition_pages.HomeView.as_view(), name="home"),
    path(
        "conditions/",
        condition_pages.ConditionListView.as_view(),
        name="condition_list",
    ),
    path(
        "conditions/<slug:slug>/",
        condition_pages.ConditionDetailView.as_view(),
        name="condition_detail",
    ),
    path(
        "conditions/<slug:condition_slug>/<slug:slug>/",
        articles.ArticleDetailView.as_view(),
        name="article_detail",
    ),
    path(
        "conditions/<slug:condition_slug>/<slug:slug>/ask/",
        enquiries.FollowUpQuestionView.as_view(),
        name="follow_up_question",
    ),
    path(
        "consultation/",
        enquiries.ConsultationRequestView.as_view(),
        name="consultation_request",
    ),
    path(
        "enquiries/thanks/",
        enquiries.EnquiryThanksView.as_view(),
        name="enquiry_thanks",
    ),
    path("audience/", articles.AudienceView.as_view(), name="audience"),
    path(
        "preview/articles/<int:pk>/",
        articles.ArticlePreviewView.as_view(),
        name="article_preview",
    ),
    path(
        "about/<slug:slug>/",
        site_pages.SitePageDetailView.as_view(),
        name="site_page",
    ),
    path(
        "preview/pages/<int:pk>/",
        site_pages.SitePagePreviewView.as_view(),
        name="site_page_preview",
    ),
    # Finding pages: ICD-10-CM browse and look-up, Infobutton.
    path("icd10/", icd10.IcdBrowseView.as_view(), name="icd10_browse"),
    path("icd10/<str:code>/", icd10.IcdLookupView.as_view(), name="icd10_lookup"),
    path("connect/", infobutton.ConnectView.as_view(), name="connect"),
    path("search/", search.SearchView.as_view(), name="search"),
    path("feeds/articles.rss", feeds.LatestArticlesFeed(), name="feed_rss"),
    path("feeds/articles.atom", feeds.LatestArticlesAtomFeed(), name="feed_atom"),
]
