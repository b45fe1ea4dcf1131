"""Full-text search of the catalogue: an FTS5 table on SQLite, Swedish text search and pg_trgm on PostgreSQL."""

from django.db import migrations, models

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS exchange_service_fts USING fts5("
    "search_text, tokenize = 'unicode61 remove_diacritics 2')",
    "CREATE TRIGGER exchange_service_fts_insert AFTER INSERT ON exchange_service BEGIN "
    "INSERT INTO exchange_service_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER exchange_service_fts_update AFTER UPDATE OF search_text ON exchange_service BEGIN "
    "DELETE FROM exchange_service_fts WHERE rowid = old.id; "
    "INSERT INTO exchange_service_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER exchange_service_fts_delete AFTER DELETE ON exchange_service BEGIN "
    "DELETE FROM exchange_service_fts WHERE rowid = old.id; END",
    "INSERT INTO exchange_service_fts(rowid, search_text) SELECT id, search_text FROM exchange_service",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS exchange_service_fts_insert",
    "DROP TRIGGER IF EXISTS exchange_service_fts_update",
    "DROP TRIGGER IF EXISTS exchange_service_fts_delete",
    "DROP TABLE IF EXISTS exchange_service_fts",
]
POSTGRESQL_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS exchange_service_search_fts ON exchange_service "
    "USING GIN (to_tsvector('swedish'::regconfig, COALESCE(search_text, '')))",
    "CREATE INDEX IF NOT EXISTS exchange_service_search_trgm ON exchange_service USING GIN (search_text gin_trgm_ops)",
]
POSTGRESQL_BACKWARD = [
    "DROP INDEX IF EXISTS exchange_service_search_fts",
    "DROP INDEX IF EXISTS exchange_service_search_trgm",
]


def _run(statements):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for sql in statements.get(vendor, []):
            schema_editor.execute(sql)

    return run


def fill_search_text(apps, schema_editor):
    # Services saved before this migration get their search text (the model's build_search_text is not
    # available here; name, description, provider and place are enough until the next save).
    Service = apps.get_model("exchange", "Service")
    for service in Service.objects.select_related("provider"):
        service.search_text = "\n".join(
            p for p in (service.name, service.description, service.provider.name, service.city) if p
        )
        service.save(update_fields=["search_text"])


class Migration(migrations.Migration):
    dependencies = [("exchange", "0002_payer_rules")]

    operations = [
        migrations.AddField(
            model_name="service",
            name="search_text",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop),
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRESQL_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRESQL_BACKWARD}),
        ),
    ]
