"""Restore a backup into the configured, empty database: ``manage.py restore FILE``.

PostgreSQL only (a SQLite backup is a database file: point SQLITE_PATH at it).
Create a fresh database first (``createdb tracker_restored``), point
DATABASE_URL at it and run this; it refuses a database that already holds the
tracker's tables unless ``--force`` (which lets pg_restore --clean replace them).
Prints how many claims and reviews the restored database holds.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from claims.management.commands.backup import libpq_environment
from claims.models import Claim, Review


class Command(BaseCommand):
    help = "Restore a pg_dump backup into the configured (empty) database."

    def add_arguments(self, parser) -> None:
        parser.add_argument("backup", type=Path)
        parser.add_argument(
            "--force", action="store_true", help="Replace existing tables."
        )

    def handle(self, *args, backup: Path, force: bool, **options) -> None:
        if connection.vendor != "postgresql":
            raise CommandError(
                "restore is for PostgreSQL; a SQLite backup is a database file."
            )
        if not backup.is_file():
            raise CommandError(f"No backup at {backup}.")
        existing = "claims_claim" in connection.introspection.table_names()
        if existing and not force:
            raise CommandError(
                f"{connection.settings_dict['NAME']} already holds the tracker's "
                "tables: restore into a new database, or pass --force to replace them."
            )
        connection.close()  # pg_restore needs the tables free
        command = [
            "pg_restore",
            "--no-owner",
            "--exit-on-error",
            "--single-transaction",
        ]
        if existing:
            command += ["--clean", "--if-exists"]
        result = subprocess.run(  # noqa: S603 (fixed program, our arguments)
            [*command, "--dbname", connection.settings_dict["NAME"], str(backup)],
            env={**os.environ, **libpq_environment()},
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise CommandError(f"pg_restore failed: {result.stderr.strip()}")
        self.stdout.write(
            f"Restored {backup}: {Claim.objects.count():,} claims, "
            f"{Review.objects.count():,} reviews."
        )
