"""Reviews are append-only, enforced by PostgreSQL: a trigger refuses DELETE,
and any UPDATE except re-filing a review under another claim (what merging two
claims does). SQLite (the embedded default) relies on the code alone."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION claims_review_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'review % cannot be deleted: reviews are append-only', OLD.id
            USING ERRCODE = 'restrict_violation';
    END IF;
    IF (NEW.id, NEW.reviewer_id, NEW.verdict, NEW.rationale, NEW.evidence,
        NEW.attribution, NEW.attribution_note, NEW.created_at)
       IS DISTINCT FROM
       (OLD.id, OLD.reviewer_id, OLD.verdict, OLD.rationale, OLD.evidence,
        OLD.attribution, OLD.attribution_note, OLD.created_at) THEN
        RAISE EXCEPTION 'review % cannot be changed: reviews are append-only', OLD.id
            USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS claims_review_append_only ON claims_review;
CREATE TRIGGER claims_review_append_only
    BEFORE UPDATE OR DELETE ON claims_review
    FOR EACH ROW EXECUTE FUNCTION claims_review_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS claims_review_append_only ON claims_review;
DROP FUNCTION IF EXISTS claims_review_append_only();
"""


def _on_postgres(sql: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)  # no %-interpolation

    return run


class Migration(migrations.Migration):
    dependencies = [("claims", "0007_claim_list_indexes")]

    operations = [migrations.RunPython(_on_postgres(CREATE), _on_postgres(DROP))]
