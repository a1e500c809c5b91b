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


AUTOVACUUM_RULES = {
    # what it runs: (counter, threshold setting, scale factor setting)
    "VACUUM": [
        ("n_dead_tup", "autovacuum_vacuum_threshold",
         "autovacuum_vacuum_scale_factor"),
        ("n_ins_since_vacuum", "autovacuum_vacuum_insert_threshold",
         "autovacuum_vacuum_insert_scale_factor"),
    ],
    "ANALYZE": [
        ("n_mod_since_analyze", "autovacuum_analyze_threshold",
         "autovacuum_analyze_scale_factor"),
    ],
}  # fmt: skip


def autovacuum_due(
    seen: dict[str, float], tuples: float, settings: dict[str, str]
) -> list[str]:
    """What autovacuum would run on a table of about ``tuples`` rows, given its
    counters in pg_stat_user_tables (``seen``) and the server's autovacuum
    settings: VACUUM, ANALYZE, both or neither."""
    return [
        command
        for command, rules in AUTOVACUUM_RULES.items()
        if any(
            seen[counter] > float(settings[threshold]) + float(settings[scale]) * tuples
            for counter, threshold, scale in rules
        )
    ]


class AutovacuumStandIn:
    """Autovacuum's work on the claims tables, where the server has it off.

    A PostgreSQL set up for tests may run with ``autovacuum = off`` (this
    machine's does); a deployment runs it, as PostgreSQL does by default.
    Without it, tables a benchmark fills from empty are never analysed (the
    planner guesses their sizes, and picks plans that scan what an index
    would find) nor vacuumed (index-only scans read the table). Every
    ``autovacuum_naptime`` this thread applies autovacuum's own rules, with
    the server's thresholds and scale factors, to the claims tables, and runs
    VACUUM or ANALYZE where autovacuum would. It does nothing when the server
    runs autovacuum itself.
    """

    def __init__(self, database_url: str, *, enabled: bool = True) -> None:
        import threading

        import psycopg2

        self.conn = psycopg2.connect(database_url)
        self.conn.autocommit = True  # VACUUM refuses a transaction
        with self.conn.cursor() as cur:
            cur.execute(
                "SELECT name, setting FROM pg_settings WHERE name LIKE 'autovacuum%'"
            )
            self.settings = dict(cur.fetchall())
        server_off = self.settings["autovacuum"] == "off"
        self.active = enabled and server_off
        self.mode = "stand-in" if self.active else "off" if server_off else "server"
        self.runs = {"VACUUM": 0, "ANALYZE": 0}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        if self.active:
            self._thread.start()

    def _loop(self) -> None:
        naptime = float(self.settings["autovacuum_naptime"])
        while not self._stop.wait(naptime):
            self.visit()

    def visit(self) -> None:
        """One pass over the claims tables: VACUUM or ANALYZE those due."""
        with self.conn.cursor() as cur:
            cur.execute(
                "SELECT s.relname, greatest(c.reltuples, 0), s.n_dead_tup,"
                " s.n_ins_since_vacuum, s.n_mod_since_analyze"
                " FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid"
                " WHERE s.relname LIKE 'claims\\_%'"
            )
            rows = cur.fetchall()
            counters = ("n_dead_tup", "n_ins_since_vacuum", "n_mod_since_analyze")
            for table, tuples, *values in rows:
                seen = dict(zip(counters, values, strict=True))
                due = autovacuum_due(seen, tuples, self.settings)
                if not due:
                    continue
                # VACUUM (ANALYZE) when both are due, as autovacuum does.
                options = " (ANALYZE)" if len(due) == 2 else ""
                command = "VACUUM" if "VACUUM" in due else "ANALYZE"
                cur.execute(f'{command}{options} "{table}"')
                for done in due:
                    self.runs[done] += 1

    def close(self) -> None:
        self._stop.set()
        if self.active:
            self._thread.join()
        self.conn.close()
