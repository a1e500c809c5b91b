"""Create an API token for a user and print its key (shown only this once)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from claims.models import ApiToken
from claims.services.tokens import api_token_create


class Command(BaseCommand):
    help = (
        "Create an API token for USERNAME and print its key on standard output "
        "(e.g. TOKEN=$(manage.py create_token jo --write)). Read scope unless "
        "--write."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")
        parser.add_argument(
            "--write",
            action="store_true",
            help="Allow writes (submitting articles; reviews and notes for editors).",
        )
        parser.add_argument("--name", default="", help="What the token is for.")

    def handle(self, *args, username: str, write: bool, name: str, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist:
            raise CommandError(f"There is no user {username!r}.") from None
        scope = ApiToken.Scope.WRITE if write else ApiToken.Scope.READ
        token, key = api_token_create(
            user=user, name=name or f"{scope} token (command line)", scope=scope
        )
        self.stderr.write(
            f"Token {token.pk} “{token.name}” for {username}, {scope} scope. "
            "Keep the key: it is not stored and cannot be shown again."
        )
        self.stdout.write(key)
