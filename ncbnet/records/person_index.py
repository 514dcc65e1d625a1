"""The in-memory person index: which stored persons could be the one asked for, in a few milliseconds.

Every person name carries search keys computed at write time (``matching.names.index_keys``, stored in
``PersonName.keys``). This index maps each key to the persons holding it, so a query's keys
(``matching.names.query_keys``) find candidates without scanning a million names. Candidates are weighted by
the rarity of the keys they share (a shared surname skeleton counts for more than a shared 'mhmd') and by a
date of birth that fits, masked by the access policy *before* the best few hundred are taken (a limit never
hides what the actor may see), then scored properly by ``matching.persons``.

The index is a cache, never the only copy. Each process builds it from the database on first use and, before
every search, reads ``SearchIndexChange`` (written in the same transaction as every change of a person) and
reloads the persons changed since. Reloading is idempotent: a person's old entry is marked dead and a new one
appended, so the order in which concurrent transactions commit does not matter as long as each change is read
once within ``_SYNC_MARGIN`` of its time. A bulk load writes one change with record id 0: rebuild everything.

Layout: the bulk of the postings is one sorted array of 64-bit key hashes with offsets into one array of
positions (compact: 4 bytes per posting); persons added after the build go to a small dict (the delta).
"""

from __future__ import annotations

import math
import sys
import threading
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import numpy as np
from django.db import connection
from django.utils import timezone

from ncbnet import longlived
from ncbnet.access.policy import MODE_CODES, Actor, admits_many
from ncbnet.access.restrictions import decode_countries
from ncbnet.records.models import RecordStatus, SearchIndexChange

_SYNC_MARGIN = timedelta(seconds=30)
_CHUNK = 50_000


@dataclass(frozen=True, slots=True)  # a million of them: no per-object __dict__
class StoredPerson:
    """What scoring needs of a candidate, held in memory."""

    pk: int
    names: tuple[str, ...]  # as written, all kinds
    tokens: tuple[str, ...]  # each name's normalised tokens, space-separated (for the quick pre-score)
    birth: str  # as stored: 1980-05-17, 1980, 1975..1980, or ''
    sex: str
    nationalities: tuple[str, ...]


class _Columns:
    """Growable numpy columns, one row per indexed person version."""

    def __init__(self, capacity: int = 1024):
        self.n = 0
        self.pk = np.zeros(capacity, dtype=np.int64)
        self.alive = np.zeros(capacity, dtype=bool)
        self.review = np.zeros(capacity, dtype=np.int32)  # review date as an ordinal
        self.owner = np.zeros(capacity, dtype=np.int16)  # index into PersonIndex.countries; -1 for none
        self.mode = np.zeros(capacity, dtype=np.int8)
        self.agencies = np.zeros(capacity, dtype=bool)
        self.level = np.zeros(capacity, dtype=np.int8)
        self.birth_lo = np.zeros(capacity, dtype=np.int32)  # ordinals; 0 when unknown
        self.birth_hi = np.zeros(capacity, dtype=np.int32)
        self.sex = np.zeros(capacity, dtype=np.uint8)

    _NAMES = ("pk", "alive", "review", "owner", "mode", "agencies", "level", "birth_lo", "birth_hi", "sex")

    def reserve(self, extra: int) -> None:
        need = self.n + extra
        cap = len(self.pk)
        if need <= cap:
            return
        cap = max(need, cap * 2)
        for name in self._NAMES:
            old = getattr(self, name)
            new = np.zeros(cap, dtype=old.dtype)
            new[: self.n] = old[: self.n]
            setattr(self, name, new)

    def trim(self) -> None:
        """Capacity down to the rows held (a build reserves chunk by chunk, doubling)."""
        for name in self._NAMES:
            setattr(self, name, getattr(self, name)[: self.n].copy())

    def nbytes(self) -> int:
        return sum(getattr(self, name).nbytes for name in self._NAMES)


_PERSONS_SQL = (
    "SELECT id, review_due, owner_country_id, restriction_mode, restricted_countries, agencies_may_view,"
    " classification, sex, birth_date, birth_earliest, birth_latest, nationalities"
    " FROM records_person WHERE status = %s{only} ORDER BY id"
)
_NAMES_SQL = "SELECT person_id, \"full\", \"keys\", tokens FROM records_personname{only} ORDER BY person_id, id"


def _reading_cursor(*, whole: bool):
    """For a build (``whole``), on PostgreSQL, a server-side cursor, read chunk by chunk, unless a pooler forbids it
    (settings, NCBNET_PG_SERVER_CURSORS=0); otherwise (a few changed persons; SQLite, which reads chunk by chunk
    anyway) a plain one: a server-side cursor costs three more round trips."""
    if not whole or connection.settings_dict.get("DISABLE_SERVER_SIDE_CURSORS"):
        return connection.cursor()
    return connection.chunked_cursor()


def _ordinal(v) -> int:
    if v is None:
        return 0
    if isinstance(v, str):
        v = date.fromisoformat(v[:10])
    return v.toordinal()


# From this many persons the built index is frozen out of the cycle collector's walk (ncbnet/longlived.py); a small
# one costs the collector little.
FREEZE_FROM = 10_000

class PersonIndex:
    def __init__(self) -> None:
        self._lock = threading.RLock()
        self.built = False
        self._reset()

    def _reset(self) -> None:
        self.cols = _Columns()
        self.countries: dict[str | None, int] = {None: -1}
        self.listed: dict[int, frozenset[str]] = {}  # position -> countries listed by an allow/deny restriction
        self.stored: list[StoredPerson] = []  # position -> what scoring needs
        self.position: dict[int, int] = {}  # person pk -> its live position
        self.base_keys = np.zeros(0, dtype=np.int64)
        self.base_offsets = np.zeros(1, dtype=np.int64)
        self.base_postings = np.zeros(0, dtype=np.int32)
        self.delta: dict[int, list[int]] = {}
        self.applied: dict[int, datetime] = {}  # change id -> when applied, pruned after twice _SYNC_MARGIN
        self.synced_at: datetime | None = None

    # --- building and keeping current -----------------------------------------------------------------

    def _load(self, ids: list[int] | None = None) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """Read persons (active only, or those of ``ids``) and their names; append rows; return their key postings.

        The persons first (each given its position), then their names streamed in chunks, each name's keys hashed
        as it is read: a million persons' names and keys are never all held as Python objects at once (they had
        been: about a gigabyte of resident memory that the build freed but the process kept)."""
        cols = self.cols
        marks = ", ".join(["%s"] * len(ids)) if ids else ""
        params = tuple(ids or ())
        first = cols.n
        details: list[tuple[str, str, tuple[str, ...]]] = []  # by position - first: birth, sex, nationalities
        at: dict[int, int] = {}  # pk -> its new position
        with _reading_cursor(whole=ids is None) as cur:
            cur.execute(_PERSONS_SQL.format(only=f" AND id IN ({marks})" if ids else ""),
                        (RecordStatus.ACTIVE, *params))
            while chunk := cur.fetchmany(_CHUNK):
                cols.reserve(len(chunk))
                details.extend(self._add(row, at) for row in chunk)
        names: list[list[str]] = [[] for _ in details]  # by position - first
        tokens: list[list[str]] = [[] for _ in details]
        key_chunks: list[np.ndarray] = []
        pos_chunks: list[np.ndarray] = []
        hashes: list[int] = []
        positions: list[int] = []
        last: tuple[int, set[str]] = (-1, set())  # the person being read, and the keys already posted for it
        with _reading_cursor(whole=ids is None) as cur:
            cur.execute(_NAMES_SQL.format(only=f" WHERE person_id IN ({marks})" if ids else ""), params)
            while chunk := cur.fetchmany(_CHUNK):
                for person_id, full, keys, toks in chunk:
                    p = at.get(person_id)
                    if p is None:  # a name of a person not indexed (not active)
                        continue
                    names[p - first].append(full)
                    tokens[p - first].append(toks)
                    if last[0] != p:
                        last = (p, set())
                    for key in keys.split():
                        if key not in last[1]:  # a key two names of one person share is posted once
                            last[1].add(key)
                            hashes.append(hash(key))
                            positions.append(p)
                if len(hashes) >= _CHUNK * 20:
                    key_chunks.append(np.array(hashes, dtype=np.int64))
                    pos_chunks.append(np.array(positions, dtype=np.int32))
                    hashes, positions = [], []
        if hashes:
            key_chunks.append(np.array(hashes, dtype=np.int64))
            pos_chunks.append(np.array(positions, dtype=np.int32))
        self.stored.extend(StoredPerson(int(cols.pk[first + i]), tuple(names[i]), tuple(tokens[i]), *details[i])
                           for i in range(len(details)))
        return key_chunks, pos_chunks

    def _add(self, row: tuple, at: dict[int, int]) -> tuple[str, str, tuple[str, ...]]:
        """One person's row into the columns at the next position (its earlier one, if any, marked dead); what
        ``StoredPerson`` keeps of it besides its names: birth, sex, nationalities, each text one shared copy
        (``sys.intern``: a million persons share a few tens of thousands)."""
        cols = self.cols
        pk, review, owner, mode, restricted, agencies, level, sex, birth, lo, hi, nats = row
        pos = cols.n
        cols.n += 1
        old = self.position.get(pk)
        if old is not None:
            cols.alive[old] = False
        self.position[pk] = at[pk] = pos
        owner_idx = self.countries.setdefault(owner, len(self.countries) - 1)
        cols.pk[pos], cols.alive[pos], cols.review[pos] = pk, True, _ordinal(review)
        cols.owner[pos], cols.mode[pos] = owner_idx, MODE_CODES.get(mode, 3)
        cols.agencies[pos], cols.level[pos] = bool(agencies), level
        cols.birth_lo[pos], cols.birth_hi[pos] = _ordinal(lo), _ordinal(hi)
        cols.sex[pos] = ord(sex or "U")
        if mode != "none":
            self.listed[pos] = frozenset(decode_countries(restricted or ""))
        return (sys.intern(birth or ""), sys.intern(sex or "U"),
                tuple(sys.intern(c) for c in decode_countries(nats or "")))

    def build(self) -> None:
        """Read every active person from the database."""
        with self._lock:
            started = timezone.now()
            self._reset()
            # Changes committed so far are in what we are about to read: mark them applied (a bulk load's
            # 'rebuild' among them must not send us round again).
            for change_id in SearchIndexChange.objects.filter(at__gte=started - _SYNC_MARGIN).values_list("id", flat=True):
                self.applied[change_id] = started
            key_chunks, pos_chunks = self._load()
            self.cols.trim()
            keys = np.concatenate(key_chunks) if key_chunks else np.zeros(0, dtype=np.int64)
            positions = np.concatenate(pos_chunks) if pos_chunks else np.zeros(0, dtype=np.int32)
            order = np.argsort(keys, kind="stable")
            keys, positions = keys[order], positions[order]
            unique_keys, starts = np.unique(keys, return_index=True)
            self.base_keys = unique_keys
            self.base_offsets = np.append(starts, len(keys)).astype(np.int64)
            self.base_postings = positions
            self.synced_at = started - _SYNC_MARGIN
            self.built = True
            if len(self.position) >= FREEZE_FROM:  # a big index's objects live until the next build: out of the walk
                longlived.freeze(collect=False)
        self.sync()

    def _reload(self, person_ids: list[int]) -> None:
        for pk in person_ids:  # dead first: a deleted or expired-and-gone person leaves no live entry
            old = self.position.pop(pk, None)
            if old is not None:
                self.cols.alive[old] = False
        for start in range(0, len(person_ids), 500):
            chunk = person_ids[start:start + 500]
            key_chunks, pos_chunks = self._load(chunk)
            for keys, positions in zip(key_chunks, pos_chunks, strict=True):
                for h, pos in zip(keys.tolist(), positions.tolist(), strict=True):
                    self.delta.setdefault(h, []).append(pos)

    def sync(self) -> None:
        """Apply the changes committed since the last look (one indexed query when nothing changed)."""
        with self._lock:
            if not self.built:
                self.build()
                return
            now = timezone.now()
            since = self.synced_at
            rows = [r for r in SearchIndexChange.objects.filter(at__gte=since).order_by("id").values_list("id", "record_id")
                    if r[0] not in self.applied]
            if any(r[1] == 0 for r in rows):
                self.build()
                return
            if rows:
                self._reload(sorted({r[1] for r in rows}))
                for change_id, _ in rows:
                    self.applied[change_id] = now
            self.synced_at = now - _SYNC_MARGIN
            horizon = self.synced_at - _SYNC_MARGIN
            self.applied = {k: v for k, v in self.applied.items() if v >= horizon}

    # --- candidates -----------------------------------------------------------------------------------

    def _postings(self, h: int) -> np.ndarray:
        i = int(np.searchsorted(self.base_keys, h))
        base = (self.base_postings[self.base_offsets[i]:self.base_offsets[i + 1]]
                if i < len(self.base_keys) and self.base_keys[i] == h else None)
        extra = self.delta.get(h)
        if extra:
            d = np.array(extra, dtype=np.int32)
            return d if base is None else np.concatenate([base, d])
        return base if base is not None else np.zeros(0, dtype=np.int32)

    def candidates(
        self, actor: Actor, keys: frozenset[str] | set[str], *, limit: int, birth: tuple[int, int] | None = None,
        sex: str | None = None, today: date | None = None,
    ) -> list[StoredPerson]:
        """The ``limit`` best candidates the actor may see, best first."""
        self.sync()
        with self._lock:
            lists, weights = [], []
            total = max(len(self.position), 1)
            for key in keys:
                p = self._postings(hash(key))
                if len(p):
                    lists.append(p)
                    weights.append(np.full(len(p), math.log(1.0 + total / len(p)), dtype=np.float32))
            if not lists:
                return []
            pos = np.concatenate(lists)
            uniq, inverse = np.unique(pos, return_inverse=True)
            score = np.bincount(inverse, weights=np.concatenate(weights)).astype(np.float32)
            c = self.cols
            today_ord = (today or timezone.now().date()).toordinal()
            keep = c.alive[uniq] & (c.review[uniq] >= today_ord)
            listed = np.zeros(len(uniq), dtype=bool)
            if actor.country is not None:
                restricted = np.flatnonzero(c.mode[uniq] != 0)
                for i in restricted.tolist():
                    listed[i] = actor.country in self.listed.get(int(uniq[i]), frozenset())
            keep &= admits_many(
                actor, own=c.owner[uniq] == self.countries.get(actor.country, -2), mode=c.mode[uniq], listed=listed,
                agencies_may_view=c.agencies[uniq], classification=c.level[uniq],
            )
            uniq, score = uniq[keep], score[keep]
            if birth is not None and len(uniq):
                # A date of birth that fits lifts a candidate over its namesakes (one 'Mohammed Ali' among many).
                lo, hi = c.birth_lo[uniq], c.birth_hi[uniq]
                fits = (lo > 0) & (lo <= birth[1]) & (hi >= birth[0])
                near = (lo > 0) & (lo <= birth[1] + 400) & (hi >= birth[0] - 400)
                top = float(score.max()) if len(score) else 0.0
                score = score + top * (0.5 * fits + 0.2 * near)
            if sex in ("M", "F") and len(uniq):
                score = score + (c.sex[uniq] == ord(sex)) * 0.05 * float(score.max())
            if len(uniq) > limit:
                best = np.argpartition(-score, limit)[:limit]
                uniq, score = uniq[best], score[best]
            order = np.argsort(-score, kind="stable")
            return [self.stored[int(p)] for p in uniq[order]]

    def stats(self) -> dict[str, int]:
        """Sizes, for the benchmark's memory figure."""
        with self._lock:
            delta_postings = sum(len(v) for v in self.delta.values())
            return {
                "persons": len(self.position),
                "rows": self.cols.n,
                "keys": len(self.base_keys) + len(self.delta),
                "postings": len(self.base_postings) + delta_postings,
                "array_bytes": self.cols.nbytes() + self.base_keys.nbytes + self.base_offsets.nbytes
                + self.base_postings.nbytes,
            }


_index: PersonIndex | None = None
_index_lock = threading.Lock()


def person_index() -> PersonIndex:
    """This process's index (built on first use)."""
    global _index
    with _index_lock:
        if _index is None:
            _index = PersonIndex()
        return _index


def forget_person_index() -> None:
    """Drop this process's index (tests, whose rolled-back transactions leave a stale cache)."""
    global _index
    with _index_lock:
        _index = None
