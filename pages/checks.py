"""System checks of pages: `manage.py check --deploy` says when Bulgarian search falls
back to PostgreSQL's `simple` configuration (no Bulgarian word forms) because the
database has no `bulgarian_hunspell` (docs/deploying.md#bulgarian-search)."""

from django.core import checks
from django.db import DatabaseError, connections

MIGRATION = ("pages", "0008_bulgarian_search")


@checks.register(checks.Tags.compatibility, deploy=True)
def bulgarian_search_configuration(app_configs=None, **kwargs):
    """Asked of a migrated PostgreSQL database only: before `migrate` the configuration is
    still to be made, and a build step without a database has nothing to say."""
    from django.db.migrations.recorder import MigrationRecorder

    from pages import search

    wanted = {name for name in search.configured_languages().values() if name not in ("simple", "english")}
    connection = connections["default"]
    if not wanted or connection.vendor != "postgresql":
        return []
    try:
        connection.ensure_connection()
        recorder = MigrationRecorder(connection)
        if not recorder.has_table() or MIGRATION not in recorder.applied_migrations():
            return []
        search.forget_database_state()
        missing = sorted(name for name in wanted if not search.configuration_exists(name, connection))
    except DatabaseError:
        return []
    if not missing:
        return []
    return [
        checks.Warning(
            f"The database has no text-search configuration {', '.join(missing)}: Bulgarian search falls back "
            "to 'simple' and finds only the word forms typed (\u201cсъвети\u201d, not \u201cсъветите\u201d).",
            hint="Install the Bulgarian dictionary on the database server (scripts/install-bulgarian-search, as "
            "root), then run: manage.py shell -c 'from pages import search; search.install_bulgarian_configuration()' "
            "and manage.py update_index. A managed PostgreSQL without it keeps working with 'simple'.",
            id="pages.W001",
        )
    ]
