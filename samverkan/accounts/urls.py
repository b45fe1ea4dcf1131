from django.urls import path

from samverkan.accounts import views

app_name = "accounts"

urlpatterns = [
    path("logga-in/", views.login_view, name="login"),
    path("logga-ut/", views.SamverkanLogoutView.as_view(), name="logout"),
    path("konto/", views.profile, name="profile"),
    path("konto/api-nycklar/", views.token_create, name="token_create"),
    path("konto/api-nycklar/<int:pk>/aterkalla/", views.token_revoke, name="token_revoke"),
]
