"""SQLite's full-text search as the site needs it: German word forms, title matches first."""

from django.db.models import QuerySet

from wagtail.search.query import Not, Phrase, PlainText

from modelsearch.backends.database.sqlite.query import BM25, SQLiteFTSIndexEntry
from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
)

from .stemming import stems

# How much more a word in the title counts than a word in the text (bm25's column weights).
TITLE_WEIGHT = 10.0


class StemmedEntries(QuerySet):
    """The index's rows, written with the stems of their title's and text's words.

    The index writes rows through these two methods only; the autocomplete column keeps its
    words as they are, since it matches their beginnings.
    """

    language = None

    def update(self, **kwargs):
        for column in ("title", "body"):
            if column in kwargs:
                kwargs[column] = stems(kwargs[column] or "", self.language)
        return super().update(**kwargs)

    def bulk_create(self, objs, *args, **kwargs):
        for entry in objs:
            entry.title = stems(entry.title or "", self.language)
            entry.body = stems(entry.body or "", self.language)
        return super().bulk_create(objs, *args, **kwargs)


class StemmingIndex(SQLiteIndex):
    def __init__(self, backend):
        super().__init__(backend)
        entries = type("StemmedEntries", (StemmedEntries,), {"language": backend.language})
        self.entries = entries(self.entries.model)


class WeightedBM25(BM25):
    """bm25 with a weight per column of the FTS table: autocomplete, body, title."""

    def as_sql(self, compiler, connection, function=None, template=None):
        return f"bm25({SQLiteFTSIndexEntry._meta.db_table}, 0.0, 1.0, {TITLE_WEIGHT})", []


class StemmingQueryCompiler(SQLiteSearchQueryCompiler):
    def get_config(self, backend):
        return backend.language

    def build_search_query_content(self, query, config=None):
        # The query's words as stems, like the index's (config: the stemmer's language).
        if isinstance(query, PlainText):
            query = PlainText(stems(query.query_string, config), query.operator, query.boost)
        elif isinstance(query, Phrase):
            query = Phrase(stems(query.query_string, config))
        return super().build_search_query_content(query, config=config)

    def build_tsrank(self, vector, query, config=None, boost=1.0):
        if isinstance(query, PlainText | Phrase | Not):
            rank = WeightedBM25()
            return rank * boost if boost != 1.0 else rank
        return super().build_tsrank(vector, query, config=config, boost=boost)

    def _build_rank_expression(self, vectors, config):
        # One bm25 over title and text, weighted by column, instead of the same bm25 counted
        # twice, once scaled by how short the title is: a short title ranked a legal page first.
        return self.build_tsrank(None, self.query, config=config)


class StemmingSQLiteBackend(SQLiteSearchBackend):
    index_class = StemmingIndex
    query_compiler_class = StemmingQueryCompiler

    def __init__(self, params):
        super().__init__(params)
        # The language of PostgreSQL's text search configuration: both stem alike.
        self.language = params.get("SEARCH_CONFIG", "simple")
