"""The token bucket behind the public rate limit (the HTTP side is in test_api and test_site)."""

from __future__ import annotations

from ncbnet.public.ratelimit import RateLimiter


def test_allows_the_limit_then_says_how_long_to_wait():
    limiter = RateLimiter()
    assert [limiter.admit("a", 5) for _ in range(5)] == [0] * 5
    wait = limiter.admit("a", 5)
    assert 1 <= wait <= 12  # five a minute: one more every 12 s
    assert limiter.admit("b", 5) == 0  # each address has its own bucket


def test_zero_turns_it_off():
    limiter = RateLimiter()
    assert {limiter.admit("a", 0) for _ in range(1000)} == {0}


def test_reset_forgets_everyone():
    limiter = RateLimiter()
    for _ in range(3):
        limiter.admit("a", 2)
    assert limiter.admit("a", 2) > 0
    limiter.reset()
    assert limiter.admit("a", 2) == 0
