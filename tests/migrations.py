"""Moving the test database back to an earlier state of its migrations, and forward again."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(targets=None):
    """To these migrations (app label, name), or to the newest of every app without them."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets or executor.loader.graph.leaf_nodes())


def state_at(targets):
    """The project's state (its models in `.apps`) as it was at these migrations."""
    return MigrationExecutor(connection).loader.project_state(targets)
