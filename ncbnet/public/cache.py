"""Public answers kept in each server process while the public catalogue is unchanged.

The database keeps a version of the public catalogue (``models.CatalogueVersion``), changed by triggers in the
same transaction as every write of a public extract. An answer is kept with the version read *before* it was
built, and given again only while the version is still that one. So a withdrawn notice is gone from the very
next answer, exactly as without the cache; what the cache saves is the search, the JSON or the template, for
the price of reading one row. (Read before building: an answer built from newer data than its version is
merely recomputed once; one built from older data can never be kept under a newer version.)

Bounded by bytes, least recently used first out; answers larger than ``MAX_ANSWER_BYTES`` are not kept.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

MAX_BYTES = 32 * 2**20
MAX_ANSWER_BYTES = 512 * 2**10
KEPT_HEADERS = ("Content-Type", "Content-Disposition")


@dataclass(frozen=True)
class Answer:
    version: int
    etag: str
    body: bytes
    headers: tuple[tuple[str, str], ...]


class AnswerCache:
    def __init__(self, max_bytes: int = MAX_BYTES) -> None:
        self._lock = threading.Lock()
        self._answers: OrderedDict[str, Answer] = OrderedDict()
        self._bytes = 0
        self.max_bytes = max_bytes

    def get(self, key: str, version: int) -> Answer | None:
        with self._lock:
            answer = self._answers.get(key)
            if answer is None:
                return None
            if answer.version != version:
                self._drop(key)
                return None
            self._answers.move_to_end(key)
            return answer

    def put(self, key: str, answer: Answer) -> None:
        if len(answer.body) > MAX_ANSWER_BYTES:
            return
        with self._lock:
            if key in self._answers:
                self._drop(key)
            self._answers[key] = answer
            self._bytes += len(answer.body)
            while self._bytes > self.max_bytes:
                self._drop(next(iter(self._answers)))

    def clear(self) -> None:
        with self._lock:
            self._answers.clear()
            self._bytes = 0

    def __len__(self) -> int:
        return len(self._answers)

    def _drop(self, key: str) -> None:
        self._bytes -= len(self._answers.pop(key).body)


ANSWERS = AnswerCache()
