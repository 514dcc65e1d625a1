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
- ``t:<word>``: the word exactly as romanised. Skeletons merge many short words (yu, yi, ye are all 'j');
  the exact word keeps the spelling that most queries still have.
- ``p:<skeleton>|<skeleton>`` and ``q:<word>|<word>``: each pair of words of the name, in sorted order (so
  word order does not matter). Rare, hence selective: a person sharing a pair key shares two names.
- ``i:<letter>|<skeleton>``: a word's first letter with another word's skeleton, so that 'J. Smith' finds
  'John Smith' among all the Smiths. A stored name files one for every word; a query looks up only those
  of its initials.

A stored name has at most 40 keys, a query at most 60 (most useful kinds first when a long name has more).

Ranking candidates: weigh each shared key by its rarity (log(persons / persons with the key)). The
deletions of one long word are many rare keys for one piece of evidence, so a plain sum favours a long
shared word over two shared short ones; `query_key_groups` gives the keys grouped by the evidence they
stand for: score a person by the sum over groups of the best weight it shares in the group.
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


def _word_group(part: NameToken) -> list[str]:
    """Keys of one word: skeleton, exact word, other spellings, deletions. Most useful first."""
    keys = [f"s:{part.skeleton}", f"t:{part.text}"]
    keys += [f"s:{form[1]}" for form in part.forms]
    keys += [f"t:{form[0]}" for form in part.forms]
    shapes = [part.skeleton] + [form[1] for form in part.forms if form[0].endswith(part.text)]  # 'vanderberg'
    keys += [f"s:{short}" for shape in shapes if len(shape) >= _DELETION_MIN for short in deletions(shape)]
    return keys


def _join_group(join: NameToken) -> list[str]:
    keys = [f"s:{join.skeleton}", *(f"s:{form[1]}" for form in join.forms)]
    if len(join.skeleton) >= _DELETION_MIN:
        keys += [f"s:{short}" for short in deletions(join.skeleton)]
    return keys


def _groups(name: AnalysedName, *, query: bool) -> list[tuple[int, list[str]]]:
    """(priority, keys) groups; priority orders keys when a name has more than its limit."""
    words = [part for part in name.parts if not part.initial]
    groups: list[tuple[int, list[str]]] = [(0, _word_group(part)) for part in words]
    groups += [(1, _join_group(join)) for join in name.joins if join.skeleton]
    for index, first in enumerate(words):
        for second in words[index + 1 :]:
            pair = [_pair("p", first.skeleton, second.skeleton), _pair("q", first.text, second.text)]
            pair += [_pair("p", form[1], second.skeleton) for form in first.forms]
            pair += [_pair("p", first.skeleton, form[1]) for form in second.forms]
            groups.append((2, pair))
    for part in name.parts:
        if query and not part.initial:
            continue
        letter = part.text[0]
        initial_keys = [
            f"i:{letter}|{key}"
            for other in words
            if other is not part
            for key in (other.skeleton, *(f[1] for f in other.forms))
        ]
        groups.append((3, initial_keys))
    return groups


def _flatten(groups: list[tuple[int, list[str]]], limit: int) -> frozenset[str]:
    """The first keys of every group before the later keys of any group, most useful kinds first."""
    ordered: list[str] = []
    depth = 0
    remaining = [(priority, keys) for priority, keys in sorted(groups, key=lambda group: group[0])]
    while remaining and len(ordered) < limit:
        for _, keys in remaining:
            if depth < len(keys):
                ordered.append(keys[depth])
        depth += 1
        remaining = [group for group in remaining if depth < len(group[1])]
    return frozenset(list(dict.fromkeys(ordered))[:limit])


def index_keys(name: AnalysedName) -> frozenset[str]:
    """Keys under which a stored name is filed in the search index (see the module docstring)."""
    return _flatten(_groups(name, query=False), INDEX_KEY_LIMIT)


def query_keys(name: AnalysedName) -> frozenset[str]:
    """Keys to look up for a query name: the kinds of `index_keys`, so that a variant of a stored name
    shares keys with it; initial keys only for the query's initials."""
    return _flatten(_groups(name, query=True), QUERY_KEY_LIMIT)


def query_key_groups(name: AnalysedName) -> tuple[frozenset[str], ...]:
    """`query_keys` grouped by the evidence they stand for (one word with its spellings and deletions,
    one pair of words, ...): a candidate should count once per group, with its best key in the group."""
    allowed = query_keys(name)
    groups = (frozenset(keys) & allowed for _, keys in _groups(name, query=True))
    return tuple(group for group in groups if group)
