from django.contrib import admin
from django.contrib.auth.views import LoginView
from django.urls import include, path

from claims.auth import ThrottledAdminAuthenticationForm, ThrottledAuthenticationForm
from claims.views import tokens

# Both login forms say so when failed attempts have locked a name or address.
admin.site.login_form = ThrottledAdminAuthenticationForm

urlpatterns = [
    path("admin/", admin.site.urls),
    path(
        "accounts/login/",
        LoginView.as_view(authentication_form=ThrottledAuthenticationForm),
        name="login",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("accounts/tokens/", tokens.token_list, name="api-tokens"),
    path(
        "accounts/tokens/<int:pk>/revoke/",
        tokens.token_revoke,
        name="api-token-revoke",
    ),
    path("api/v1/", include("claims.api.urls")),
    path("", include("claims.urls")),
]

# JSON errors under /api/, the usual pages elsewhere.
handler404 = "claims.api.errors.json_not_found"
handler500 = "claims.api.errors.json_server_error"
