from django.urls import path

from conditions import enquiries, views

app_name = "conditions"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("conditions/", views.ConditionListView.as_view(), name="condition_list"),
    path(
        "conditions/<slug:slug>/",
        views.ConditionDetailView.as_view(),
        name="condition_detail",
    ),
    path(
        "conditions/<slug:condition_slug>/<slug:slug>/",
        views.ArticleDetailView.as_view(),
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
    path("audience/", views.AudienceView.as_view(), name="audience"),
    path(
        "preview/articles/<int:pk>/",
        views.ArticlePreviewView.as_view(),
        name="article_preview",
    ),
]
