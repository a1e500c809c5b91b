"""Back up the database to one file: ``manage.py backup [--output FILE]``.

PostgreSQL: ``pg_dump --format=custom`` of the configured database (restore
with ``manage.py restore FILE``, or ``pg_restore``). The embedded SQLite
database: a consistent copy through SQLite's online backup. Prints what it
wrote and how many claims and reviews the backup holds.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from claims.models import Claim, Review


def libpq_environment() -> dict[str, str]:
    """The connection settings as libpq's variables (the password not on argv)."""
    db = connection.settings_dict
    env = {
        "PGHOST": db.get("HOST") or "",
        "PGPORT": str(db.get("PORT") or ""),
        "PGUSER": db.get("USER") or "",
        "PGPASSWORD": db.get("PASSWORD") or "",
        "PGDATABASE": db["NAME"],
    }
    return {k: v for k, v in env.items() if v}


class Command(BaseCommand):
    help = "Write a backup of the database to one file."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--output", type=Path, help="The file (default: dated).")

    def handle(self, *args, output: Path | None, **options) -> None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        vendor = connection.vendor
        if vendor == "postgresql":
            output = output or Path(f"tracker-{stamp}.dump")
            result = subprocess.run(  # noqa: S603 (fixed program, our arguments)
                ["pg_dump", "--format=custom", "--no-owner", "--file", str(output)],  # noqa: S607
                env={**os.environ, **libpq_environment()},
                capture_output=True,
                text=True,
            )
            if result.returncode != 0:
                raise CommandError(f"pg_dump failed: {result.stderr.strip()}")
        elif vendor == "sqlite":
            output = output or Path(f"tracker-{stamp}.sqlite3")
            connection.ensure_connection()
            target = sqlite3.connect(output)
            with target:
                connection.connection.backup(target)
            target.close()
        else:
            raise CommandError(f"No backup method for {vendor}.")
        self.stdout.write(
            f"Wrote {output} ({output.stat().st_size:,} bytes): "
            f"{Claim.objects.count():,} claims, {Review.objects.count():,} reviews."
        )
