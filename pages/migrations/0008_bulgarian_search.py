"""Bulgarian search on PostgreSQL: the `bulgarian_hunspell` text-search configuration
(Debian's Bulgarian Hunspell dictionary, then `simple`), where the database server has
the dictionary files (scripts/install-bulgarian-search installs them), and pg_trgm for
typo-tolerant matches where the database lets us create it. Nothing on SQLite, and
nothing (no error) on a server without them: the site then searches Bulgarian pages with
`simple` and `manage.py check --deploy` warns (pages.W001). See docs/deploying.md."""

from django.db import migrations


def create(apps, schema_editor):
    from pages import search

    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    search.install_bulgarian_configuration(connection)
    search.install_trigram_extension(connection)


def drop(apps, schema_editor):
    from pages import search

    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {search.BULGARIAN_CONFIG}")
        cursor.execute(f"DROP TEXT SEARCH DICTIONARY IF EXISTS {search.BULGARIAN_DICTIONARY}")
    search.forget_database_state()


class Migration(migrations.Migration):
    dependencies = [("pages", "0007_draft_act")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
