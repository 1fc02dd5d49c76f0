"""The figures of `make load`: one `Mix` for each mix on each database, printed as one table
and a line of details for each mix.
"""

from collections import Counter

from locust.exception import CatchResponseError
from locust.stats import StatsEntry
from users import ADMIN, PUBLISH, SAVE

VISITORS, EDITORS = "visitors", "editors"
HEADER = ("database", "mix", "clients", "requests", "errors", "p50 ms", "p95 ms", "p99 ms")


class Mix:
    """One mix on one database: Locust's statistics of its requests, and what the run noticed
    beside them (page cache hits, editors' saves, errors in the servers' log, notes)."""

    def __init__(self, database, name, environment):
        self.database, self.name, self.stats = database, name, environment.stats
        self.seconds = 0.0
        self.cache_hits, self.saves, self.errors = Counter(), Counter(), Counter()
        self.notes = []
        environment.events.request.add_listener(self.on_request)

    def on_request(self, name, response, **_):
        if not response.status_code:
            return
        if response.headers.get("X-Page-Cache") == "hit":
            self.cache_hits[role(name)] += 1
        if name in (SAVE, PUBLISH):
            saved = response.status_code == 302
            self.saves["refused" if not saved else "published" if name == PUBLISH else "saved"] += 1

    def roles(self):
        """Locust's statistics of the visitors' and of the editors' requests, one entry each."""
        totals = {VISITORS: StatsEntry(self.stats, VISITORS, "")}
        for entry in self.stats.entries.values():
            name = role(entry.name)
            totals.setdefault(name, StatsEntry(self.stats, name, "")).extend(entry)
        return totals

    def p95(self):
        """The visitors' 95th percentile, ms."""
        return self.roles()[VISITORS].get_response_time_percentile(0.95)

    def error_count(self):
        return self.stats.total.num_failures + sum(self.errors.values())

    def details(self):
        by_kind = ", ".join(
            f"{entry.name} {entry.get_response_time_percentile(0.95)} ms ({entry.num_requests:,})"
            for entry in sorted(self.stats.entries.values(), key=lambda entry: entry.name)
            if role(entry.name) == VISITORS
        )
        errors = Counter(self.errors)
        for error in self.stats.errors.values():
            errors[describe(error.error)] += error.occurrences
        saves = ", ".join(f"{count} {kind}" for kind, count in sorted(self.saves.items()))
        found = ", ".join(f"{count} {kind}" for kind, count in errors.items() if count)
        parts = (f"visitors' p95 by request: {by_kind}", saves, *self.notes)
        return "; ".join(part for part in (*parts, found and f"errors: {found}") if part)


def role(name):
    return EDITORS if name.startswith(ADMIN) else VISITORS


def describe(error):
    """A failed request's error as the report names it: the failure, or the exception's kind."""
    return str(error) if isinstance(error, CatchResponseError) else type(error).__name__


def print_table(mixes):
    rows = [(*HEADER, "req/s", "cache hits")]
    for mix in mixes:
        for name, entry in mix.roles().items():
            rows.append(
                (
                    mix.database,
                    mix.name,
                    name,
                    f"{entry.num_requests:,}",
                    str(entry.num_failures),
                    *(str(entry.get_response_time_percentile(p)) for p in (0.5, 0.95, 0.99)),
                    f"{entry.num_requests / max(mix.seconds, 1e-9):.1f}",
                    f"{mix.cache_hits[name]:,}",
                )
            )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
    print()
    for mix in mixes:
        print(f"{mix.database} {mix.name}: {mix.details()}")
