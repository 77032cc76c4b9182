"""A polite HTTP client: one request at a time, spaced out, retried with backoff.

arXiv's API terms ask for at most one request every three seconds and a
descriptive User-Agent; both sources answer 429/503 when pressed too hard, and
networks time out. :class:`PoliteClient` wraps ``httpx.Client`` so every request
waits its turn (``delay`` seconds after the previous answer), retries timeouts,
resets and 429/5xx answers with exponential backoff (honouring ``Retry-After``),
and turns every failure into one :class:`~kg.errors.FetchError` line.
Clock and sleep are injectable, so tests check the spacing without waiting.
"""

from __future__ import annotations

import email.utils
import time
from collections.abc import Callable
from urllib.parse import urlsplit

import httpx

from kg import __version__
from kg.errors import FetchError, TemporaryFetchError

__all__ = ["PoliteClient", "TransientAnswer", "user_agent", "RETRY_STATUSES"]

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class TransientAnswer(Exception):
    """Raised by a response check when an answer is unusable but worth asking again
    (arXiv sometimes returns an empty page in the middle of a result set)."""


def user_agent(contact: str | None = None) -> str:
    """``papers-kg/0.1.0 (knowledge-graph builder; +mailto:me@example.org) python-httpx/0.28.1``."""
    about = "knowledge-graph builder; reads titles and abstracts"
    if contact:
        about += f"; mailto:{contact}"
    return f"papers-kg/{__version__} ({about}) python-httpx/{httpx.__version__}"


def _retry_after(response: httpx.Response, now: float) -> float | None:
    """Seconds the server asks us to wait (``Retry-After`` as seconds or as an HTTP date)."""
    value = response.headers.get("Retry-After")
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - now)


def _one_line(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class PoliteClient:
    """GET requests spaced ``delay`` seconds apart, with retries and one-line errors.

    Parameters
    ----------
    delay
        Seconds between the end of one answer and the next request (arXiv asks for 3).
    retries
        Further attempts after a timeout, a reset connection or a 429/5xx answer.
    backoff
        First wait before a retry; doubled on each attempt (capped at ``max_wait``),
        replaced by the server's ``Retry-After`` when it gives one.
    max_wait
        The longest single wait we accept; a server asking for more makes the
        request fail at once as rate-limited.
    """

    def __init__(self, *, delay: float = 3.0, retries: int = 4, backoff: float | None = None,
                 max_wait: float = 300.0, timeout: float = 30.0, contact: str | None = None,
                 sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic,
                 transport: httpx.BaseTransport | None = None):
        self.delay = delay
        self.retries = retries
        self.backoff = delay if backoff is None else backoff
        self.max_wait = max_wait
        self.requests = 0
        self._sleep, self._clock = sleep, clock
        self._last_answer: float | None = None
        self._http = httpx.Client(timeout=timeout, follow_redirects=True, transport=transport,
                                  headers={"User-Agent": user_agent(contact)})

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> PoliteClient:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _wait_turn(self) -> None:
        if self._last_answer is not None:
            remaining = self.delay - (self._clock() - self._last_answer)
            if remaining > 0:
                self._sleep(remaining)

    def get(self, url: str, params: dict | None = None,
            check: Callable[[httpx.Response], object] | None = None):
        """GET ``url``; returns ``check(response)`` (or the response when no check is given).

        ``check`` may raise :class:`TransientAnswer` to have the request retried.
        """
        host = urlsplit(url).netloc or url
        reason, retry_after = "no attempt made", None
        for attempt in range(self.retries + 1):
            if attempt:
                if retry_after is not None and retry_after > self.max_wait:
                    raise TemporaryFetchError(
                        f"rate-limited by {host} ({reason}; it asks to wait "
                        f"{retry_after:.0f} s): try again later")
                if retry_after is None:
                    self._sleep(min(self.backoff * 2 ** (attempt - 1), self.max_wait))
                else:
                    self._sleep(retry_after)
            self._wait_turn()
            retry_after = None
            try:
                response = self._http.get(url, params=params)
            except httpx.TimeoutException:
                reason = "timed out"
                continue
            except httpx.ConnectError as err:
                raise TemporaryFetchError(f"cannot reach {host} (offline?): "
                                          f"{_one_line(str(err)) or type(err).__name__}") from None
            except httpx.TransportError as err:
                reason = f"connection failed: {_one_line(str(err)) or type(err).__name__}"
                continue
            finally:
                self.requests += 1
                self._last_answer = self._clock()
            if response.status_code in RETRY_STATUSES:
                reason = f"HTTP {response.status_code}"
                retry_after = _retry_after(response, time.time())
                continue
            if response.is_error:
                if check is not None:  # the source may explain the refusal better (error feed)
                    try:
                        check(response)
                    except FetchError:
                        raise
                    except Exception:  # no explanation in it: the generic line below
                        pass
                raise FetchError(f"{host} refused the request: HTTP {response.status_code}"
                                 f"{': ' + _one_line(response.text) if response.text else ''}")
            if check is None:
                return response
            try:
                return check(response)
            except TransientAnswer as err:
                reason = str(err)
                continue
        if reason.startswith("HTTP 429") or reason.startswith("HTTP 503"):
            raise TemporaryFetchError(f"rate-limited by {host} ({reason} after "
                                      f"{self.retries + 1} attempts): try again later")
        raise TemporaryFetchError(f"{host} failed {self.retries + 1} times ({reason}): "
                                  "try again later")
