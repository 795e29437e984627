"""Django's Redis cache, made to fail soft.

Nothing on this site keeps data only in the cache: it holds copies (the
footer's links) that the database can rebuild. So when Redis is down a read is
a miss and a write is dropped, with a warning in the log, and pages are served
from the database instead of failing with a 500. ``/healthz`` still reports
the cache as down.
"""

import logging

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


def _failed(operation: str, error: Exception) -> None:
    logger.warning("Cache %s failed, carrying on without it: %r", operation, error)


class FaultTolerantRedisCache(RedisCache):
    """``RedisCache`` whose connection errors are misses and dropped writes."""

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().add(key, value, timeout, version)
        except RedisError as error:
            _failed("add", error)
            return False

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except RedisError as error:
            _failed("get", error)
            return default

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            super().set(key, value, timeout, version)
        except RedisError as error:
            _failed("set", error)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().touch(key, timeout, version)
        except RedisError as error:
            _failed("touch", error)
            return False

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except RedisError as error:
            _failed("delete", error)
            return False

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except RedisError as error:
            _failed("get_many", error)
            return {}

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except RedisError as error:
            _failed("has_key", error)
            return False

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except RedisError as error:
            # As for a missing key: callers already handle this.
            _failed("incr", error)
            raise ValueError(f"Key {key!r} not found (cache unavailable).") from error

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().set_many(data, timeout, version)
        except RedisError as error:
            _failed("set_many", error)
            return list(data)

    def delete_many(self, keys, version=None):
        try:
            return super().delete_many(keys, version)
        except RedisError as error:
            _failed("delete_many", error)

    def clear(self):
        try:
            return super().clear()
        except RedisError as error:
            _failed("clear", error)
            return False
