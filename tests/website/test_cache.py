"""The Redis cache of production: one client per connection pool, and a working cache."""

import pytest
import redis

from website.core.cache import SharedClientRedisCache

REDIS_URL = "redis://127.0.0.1:6379/11"


@pytest.fixture
def redis_cache():
    try:
        redis.Redis.from_url(REDIS_URL).ping()
    except redis.ConnectionError:
        pytest.skip("no Redis at 127.0.0.1:6379")
    cache = SharedClientRedisCache(REDIS_URL, {"KEY_PREFIX": "test"})
    cache.clear()
    yield cache
    cache.clear()


def test_every_call_shares_one_client(redis_cache):
    client = redis_cache._cache.get_client()
    assert redis_cache._cache.get_client(write=True) is client


def test_values_round_trip(redis_cache):
    redis_cache.set("page", (7, "200 OK", [("Content-Type", "text/html")], b"<html>"))
    redis_cache.set("generation", 7)
    assert redis_cache.get_many(["generation", "page", "missing"]) == {
        "generation": 7,
        "page": (7, "200 OK", [("Content-Type", "text/html")], b"<html>"),
    }
    assert redis_cache.incr("generation") == 8
