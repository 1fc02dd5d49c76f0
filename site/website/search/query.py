"""What a typed query may bring to the database: words, nothing else.

The databases' full-text syntax (quotes, `*`, `:`, `^`, `-`, parentheses, AND, OR, NEAR) is
never passed on, so no query typed into the site's search or the admin can be malformed.
"""

import re
import unicodedata

from wagtail.search.query import And, Boost, Fuzzy, Not, Or, Phrase, PlainText

MAX_QUERY_LENGTH = 200
MAX_TERMS = 20
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def clean_query(value):
    """The query as typed, on one line, without control characters and at most 200 characters.

    PostgreSQL refuses a NUL anywhere in a query, so none may reach the database.
    """
    value = CONTROL_CHARACTERS.sub(" ", value)
    return " ".join(value.split())[:MAX_QUERY_LENGTH].strip()


def words(text):
    """The words of a text: its letters, marks and digits, in lower case.

    Lower case: SQLite reads AND, OR, NOT and NEAR as operators even inside a phrase.
    """
    characters = (c if unicodedata.category(c)[0] in "LMN" else " " for c in text)
    return "".join(characters).lower().split()


def search_terms(query):
    """The words of the query, at most 20."""
    return words(query)[:MAX_TERMS]


def words_only(query):
    """A query (a string or one of Wagtail's query objects) with nothing in it but words.

    At most 20 words in all, however the query is built; None if no word is left.
    """
    remaining = MAX_TERMS

    def allowed_words(text):
        nonlocal remaining
        terms = search_terms(clean_query(text))[:remaining]
        remaining -= len(terms)
        return " ".join(terms)

    def clean(node):
        if isinstance(node, str):
            return allowed_words(node) or None
        if isinstance(node, PlainText):
            text = allowed_words(node.query_string)
            return PlainText(text, node.operator, node.boost) if text else None
        if isinstance(node, Fuzzy):
            text = allowed_words(node.query_string)
            return Fuzzy(text, node.operator, node.unaccent) if text else None
        if isinstance(node, Phrase):
            text = allowed_words(node.query_string)
            return Phrase(text) if text else None
        if isinstance(node, And | Or):
            parts = [part for part in map(clean, node.subqueries) if part is not None]
            return type(node)(parts) if parts else None
        if isinstance(node, Not | Boost):
            inner = clean(node.subquery)
            if inner is None:
                return None
            return Not(inner) if isinstance(node, Not) else Boost(inner, node.boost)
        return node  # MatchAll: no text in it

    return clean(query)
