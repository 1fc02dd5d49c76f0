"""Words reduced to their stems with the Snowball stemmer PostgreSQL's full-text search uses.

SQLite's FTS5 has no stemmer for German: the site's backend writes stems into SQLite's index
and looks them up, so that "Ausstellungen" finds "Ausstellung" there as on PostgreSQL.
"""

import functools
import threading

import snowballstemmer

from .query import words

stemmers = threading.local()  # a Snowball stemmer keeps state while it works: one per thread


@functools.lru_cache(maxsize=50_000)
def stem(word, language):
    if not hasattr(stemmers, language):
        setattr(stemmers, language, snowballstemmer.stemmer(language))
    return getattr(stemmers, language).stemWord(word)


def stems(text, language):
    """The text's words as stems, in order, or as they are in a language Snowball lacks."""
    if language not in snowballstemmer.algorithms():
        return " ".join(words(text))
    return " ".join(stem(word, language) for word in words(text))
