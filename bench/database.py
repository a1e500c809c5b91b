"""The benchmarks' databases: created when missing, emptied between runs."""

from __future__ import annotations

from urllib.parse import urlsplit


def create_database(database_url: str) -> None:
    """Create the database ``database_url`` names if the server lacks it."""
    import psycopg2
    from psycopg2 import sql

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    conn = psycopg2.connect(admin)
    conn.autocommit = True  # CREATE DATABASE refuses a transaction
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cur.fetchone() is None:
                cur.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
                print(f"created database {name}")
    finally:
        conn.close()


def reset_tables() -> None:
    """Empty every table of the claims app (articles, claims, actors, outlets...)."""
    from django.db import connection

    tables = [
        t for t in connection.introspection.table_names() if t.startswith("claims_")
    ]
    with connection.cursor() as cur:
        cur.execute(
            "TRUNCATE {} RESTART IDENTITY CASCADE".format(
                ", ".join(connection.ops.quote_name(t) for t in tables)
            )
        )
