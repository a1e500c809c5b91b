from django.contrib import admin
from django.urls import include, path

from claims.views import tokens

urlpatterns = [
    path("admin/", admin.site.urls),
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
