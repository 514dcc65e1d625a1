"""Search-index keys of a name: cheap, selective, and shared by the spellings of one name.

The search keeps an inverted index key -> persons, filled with `index_keys` of every stored name (its
aliases and original script included) and probed with `query_keys` of the query. The persons sharing the
most (rarest) keys with the query are the candidates that `score_person` ranks. A true variant of a stored
name -- another romanisation, a typo, another word order, a dropped middle name, an initial, a particle
added, dropped or glued -- shares at least one key with it, usually several. Kinds of key:

- ``s:<skeleton>``: the consonant skeleton (`skeletons`) of each word, of each other spelling of the word
  (`name_forms`: particle glued or removed, Korean passport spelling, Wade-Giles, ...) and of each pair of
  neighbouring words written together ('garciamarquez'). A skeleton of four letters or more also gives
  its one-letter deletions, in the same ``s:`` space: two skeletons one edit apart share a key (symmetric
  deletion), so 'Smiht' finds 'Smith' and 'Vandenberg' finds 'van der Berg'. Shorter skeletons get no
  deletions: theirs would be shared by too many names.
- ``t:<word>``: the word exactly as romanised, and for words of four letters or more its one-letter
  deletions (a typo that moves the skeleton by two letters: 'Rohcer' ~ 'Rocher'). Skeletons merge many
  short words (yu, yi, ye are all 'j'); the exact word keeps the spelling most queries still have.
- ``p:<skeleton>|<skeleton>`` and ``q:<word>|<word>``: each pair of words of the name, in sorted order (so
  word order does not matter). Rare, hence selective: a person sharing a pair key shares two names.
- ``i:<letter>|<skeleton>``: a word's first letter with another word's skeleton, so that 'J. Smith' finds
  'John Smith' among all the Smiths. A stored name files one for every word; a query looks up only those
  of its initials.

A stored name has at most 40 keys, a query at most 60 (most useful kinds first when a long name has more).

Ranking candidates: weigh each shared key by its rarity (log(persons / persons with the key)). The
deletions of one long word are many rare keys for one piece of evidence, so a plain sum favours a long
shared word over two shared short ones; `query_key_groups` gives the keys grouped by the evidence they
stand for, each with a weight (1.0 for the word itself, less for a deletion or a join): score a person
by the sum over groups of the best weight x rarity it shares in the group. `persons.person_index_keys`
adds the year of birth to the word skeletons, for common names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ncbnet.matching.skeletons import deletions

if TYPE_CHECKING:
    from ncbnet.matching.names import AnalysedName, NameToken

INDEX_KEY_LIMIT = 40
QUERY_KEY_LIMIT = 60
_DELETION_MIN = 4  # skeletons at least this long also give their one-letter deletions


def _pair(kind: str, a: str, b: str) -> str:
    return f"{kind}:{a}|{b}" if a <= b else f"{kind}:{b}|{a}"


# (priority, key, weight). Priority: when a name has more keys than its limit, the lowest are kept.
# Weight: how much sharing the key says, relative to the exact word (1.0): a deletion or a coincidence of
# two words written together says less.
Keyed = list[tuple[int, str, float]]
_FORM = 0.9
_DELETION = 0.6
_JOIN = 0.7
_INITIAL = 0.8


def _word_group(part: NameToken) -> Keyed:
    """Keys of one word: skeleton, exact word, other spellings, deletions."""
    keys = [(0, f"s:{part.skeleton}", 1.0), (0, f"t:{part.text}", 1.0)]
    keys += [(1, f"s:{form[1]}", _FORM) for form in part.forms]
    keys += [(1, f"t:{form[0]}", _FORM) for form in part.forms]
    shapes = [part.skeleton] + [form[1] for form in part.forms if form[0].endswith(part.text)]  # 'vanderberg'
    keys += [
        (3, f"s:{short}", _DELETION)
        for shape in shapes
        if len(shape) >= _DELETION_MIN
        for short in deletions(shape)
    ]
    if len(part.text) >= _DELETION_MIN:
        keys += [(3, f"t:{short}", _DELETION) for short in deletions(part.text)]
    return keys


def _join_group(join: NameToken, *, query: bool) -> Keyed:
    keys = [(1, f"s:{join.skeleton}", _JOIN), *((1, f"s:{form[1]}", _JOIN) for form in join.forms)]
    if not query and len(join.skeleton) >= _DELETION_MIN:  # 'Rongfian' (one word, a typo) ~ 'Rong Jian'
        keys += [(6, f"s:{short}", _DELETION) for short in deletions(join.skeleton)]
    return keys


def _pair_group(first: NameToken, second: NameToken, priority: int, weight: float) -> Keyed:
    keys = [
        (priority, _pair("p", first.skeleton, second.skeleton), weight),
        (priority, _pair("q", first.text, second.text), weight),
    ]
    keys += [(4, _pair("p", form[1], second.skeleton), weight * _FORM) for form in first.forms]
    keys += [(4, _pair("p", first.skeleton, form[1]), weight * _FORM) for form in second.forms]
    return keys


def _groups(name: AnalysedName, *, query: bool) -> list[Keyed]:
    """Keys grouped by the evidence they stand for (a word, a pair of words, an initial)."""
    parts = name.parts
    words = [part for part in parts if not part.initial]
    groups = [_word_group(part) for part in words]
    groups += [_join_group(join, query=query) for join in name.joins if join.skeleton]
    groups += [
        _pair_group(first, second, 2, 1.0)
        for index, first in enumerate(words)
        for second in words[index + 1 :]
    ]
    # A word with the two words next to it written together: 'Li Jianhua' ~ '李建华' (li, jian, hua).
    for index, join in enumerate(name.joins):
        neighbours = (
            parts[index - 1] if index > 0 else None,
            parts[index + 2] if index + 2 < len(parts) else None,
        )
        groups += [
            _pair_group(other, join, 4, _JOIN)
            for other in neighbours
            if join.skeleton and other and not other.initial
        ]
    others = words + [join for join in name.joins if join.skeleton]
    for part in parts:
        if query and not part.initial:
            continue
        letter = part.text[0]
        group = []
        for other in others:
            if other is part or (not part.initial and part.text in other.text):  # itself, or a join with it
                continue
            group.append((5, f"i:{letter}|{other.skeleton}", _INITIAL))
            group += [(6, f"i:{letter}|{form[1]}", _INITIAL * _FORM) for form in other.forms]
        groups.append(group)
    return groups


def _flatten(groups: list[Keyed], limit: int) -> frozenset[str]:
    ordered = sorted((key for group in groups for key in group), key=lambda key: key[0])
    return frozenset(list(dict.fromkeys(key for _, key, _ in ordered))[:limit])


def index_keys(name: AnalysedName) -> frozenset[str]:
    """Keys under which a stored name is filed in the search index (see the module docstring)."""
    return _flatten(_groups(name, query=False), INDEX_KEY_LIMIT)


def query_keys(name: AnalysedName) -> frozenset[str]:
    """Keys to look up for a query name: the kinds of `index_keys`, so that a variant of a stored name
    shares keys with it; initial keys only for the query's initials."""
    return _flatten(_groups(name, query=True), QUERY_KEY_LIMIT)


def query_key_groups(name: AnalysedName) -> tuple[dict[str, float], ...]:
    """`query_keys` grouped by the evidence they stand for (one word with its spellings and deletions,
    one pair of words, ...), each key with its weight (1.0 for the exact word, less for a deletion or a
    join). Rank candidates by the sum over groups of the best weight x rarity among the keys they share
    in the group: one word found through five of its deletions still counts once."""
    allowed = query_keys(name)
    result = []
    for group in _groups(name, query=True):
        weights: dict[str, float] = {}
        for _, key, weight in group:
            if key in allowed and weight > weights.get(key, 0.0):
                weights[key] = weight
        if weights:
            result.append(weights)
    return tuple(result)
