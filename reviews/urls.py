from django.urls import path

from reviews import views

app_name = "reviews"

urlpatterns = [
    path("audit/", views.AuditView.as_view(), name="audit"),
]
