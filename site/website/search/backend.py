"""The site's search backend: Wagtail's database backend, given nothing but words.

Every search goes through it: the public search, the admin's listings, choosers and explorer.
"""

import functools

from wagtail.search.backends import database
from wagtail.search.query import MATCH_NONE

from .query import words_only


class WordsOnly:
    """Cleans every query before the database backend builds its SQL from it."""

    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        # No word left: no results, as results of the model the caller searched.
        query = words_only(query) or MATCH_NONE
        return super()._search(query_compiler_class, query, model_or_queryset, **kwargs)


@functools.cache
def words_only_backend(backend_class):
    return type(backend_class.__name__, (WordsOnly, backend_class), {})


def SearchBackend(params):  # noqa: N802 (the name Wagtail looks for in a backend module)
    """The database backend Wagtail picks for the database in use (PostgreSQL, SQLite's FTS5).

    On SQLite, the site's own FTS5 backend, which stems words as PostgreSQL does.
    """
    backend_class = type(database.SearchBackend(params))
    if backend_class.__name__ == "SQLiteSearchBackend":
        # Imported only here: its models exist on SQLite only.
        from .sqlite import StemmingSQLiteBackend as backend_class
    return words_only_backend(backend_class)(params)
