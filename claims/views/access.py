"""Who may read: the PUBLIC_READ gate, and pagination shared by the pages."""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import HttpRequest

PAGE_SIZE = 50


def readable(view):
    """Anonymous visitors may read when PUBLIC_READ is on; others must log in."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if not settings.PUBLIC_READ and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper


def paginate(request: HttpRequest, queryset, size: int = PAGE_SIZE):
    return Paginator(queryset, size).get_page(request.GET.get("page"))
