"""Actors in a news text: who is mentioned, by which labels, and in which role.

Three functions, each a tidy frame with character offsets as evidence:

* :func:`mentions`: one row per mention of an actor of an :class:`ActorTable` (default
  :data:`DEFAULT_ACTORS`), found by alias, or by simple coreference for the common news patterns;
* :func:`labels`: the epithets attached to each mention: pre-nominal titles ("North Korean leader
  Kim Jong Un"), descriptions used to refer ("the North Korean leader"), appositions
  ("Alexander Matsegora, Russia's ambassador,") and possessives ("his sanctioned regime");
* :func:`roles`: agent, patient or other, and the verb, from part-of-speech patterns.

Method. Mentions are matched on word boundaries, case-sensitively, longest first, with the
:class:`analysis.tokenize.AliasTable` of the package. Each actor has

* ``aliases``: names that always refer to it ("Vladimir Putin", "Putin", "DPRK");
* ``titles``: descriptions ("North Korean leader"). Directly before a name of the same actor,
  a title is an epithet of that one mention ("North Korean leader Kim Jong Un" is one mention of
  Kim, not of North Korea); with "the" and no name after it, it refers to the actor
  ("coreference: title"), unless "of" follows ("the embassy of Iran"). Titles are matched in
  lower and title case. A title holds for the period the table describes (in 2020 "the North
  Korean leader" is Kim Jong Un): review the table before using it on other periods;
* ``metonyms``: places standing for a state ("Moscow", "Pyongyang"), read as the place, not
  the actor, after a locative preposition ("in Pyongyang", "through Moscow's Red Square");
* ``gender``, for pronouns.

Coreference, a few rules in the spirit of salience-based resolvers (Lappin & Leass 1994,
*Computational Linguistics* 20(4); centering: Grosz, Joshi & Weinstein 1995, *Computational
Linguistics* 21(2)), not a trained resolver:

* a one-word person alias that is part of a longer person alias ("Kim", "Putin") refers to the
  person most recently mentioned by a longer alias containing it ("coreference: surname");
  without such an antecedent it refers to the actor that lists it ("alias");
* "he/his/himself" ("she/her/hers/herself") refers to the referent of an earlier pronoun of
  the same gender in the same sentence (a pronoun chain keeps its topic), else to the most
  recently mentioned compatible person in the same or the previous sentence; a person without
  a gender is compatible with both. "him" skips the chain and its referents ("He thanked
  him", a crude stand-in for binding Principle B). Unresolved pronouns are not mentions.
  "it", "they" and "we" are not resolved.

Labels and roles read the part-of-speech tags of :mod:`analysis.tagger` (Penn Treebank tags,
held-out accuracy stored with the model) around each mention; the patterns are in
:func:`labels` and :func:`roles`. There is no parser: long-distance subjects, relative clauses,
control and coordination beyond "X and Y <verb>" are not followed, and a tagging error (a verb
tagged as a noun) loses the role. Caveats for coreference: cataphora, generic "he", quoted
speakers' "I", and two same-gender persons in one sentence are the usual failures.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import KW_ONLY, dataclass, field, replace
from itertools import takewhile

import pandas as pd

from analysis.tagger import get_tagger
from analysis.tokenize import AliasTable, sentence_spans, token_spans

ACTOR_TYPES = ("person", "state", "institution", "media", "other")
GENDERS = (None, "male", "female")
PRONOUN_GENDER = {
    **dict.fromkeys(("he", "him", "his", "himself"), "male"),
    **dict.fromkeys(("she", "her", "hers", "herself"), "female"),
}
#: Words after which a metonym ("Moscow") names the place, not the state.
LOCATIVES = frozenset(
    "in at from to through into near across around outside inside over via toward towards".split()
)

# lower case or capitalised only: all-caps "HE" is His Excellency in KCNA's style
_PRONOUN = re.compile(
    r"(?<!\w)(?:" + "|".join(f"{w}|{w.capitalize()}" for w in PRONOUN_GENDER) + r")(?!\w)"
)
_GAP = re.compile(r"\s+")
_OF_AFTER = re.compile(r"\s+of(?!\w)")
_WORD_BEFORE = re.compile(r"(\w+)\W*$")


@dataclass(frozen=True)
class Actor:
    """One actor: canonical ``name``, ``type`` (:data:`ACTOR_TYPES`) and the ways it is named."""

    name: str
    type: str
    aliases: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()
    _: KW_ONLY
    gender: str | None = None

    def __post_init__(self):
        if self.type not in ACTOR_TYPES:
            raise ValueError(f"{self.name!r}: type must be one of {ACTOR_TYPES}, not {self.type!r}")
        if self.gender not in GENDERS:
            raise ValueError(f"{self.name!r}: gender must be one of {GENDERS}, not {self.gender!r}")
        object.__setattr__(self, "aliases", tuple(dict.fromkeys((self.name, *self.aliases))))


def _title_variants(title: str) -> set[str]:
    """A title ("North Korean leader") as written and title-cased, bare or after "the"/"The"."""
    cased = " ".join(w[:1].upper() + w[1:] for w in title.split())
    return {f"{the}{t}" for t in (title, cased) for the in ("", "the ", "The ")}


def _apostrophes(surface: str) -> set[str]:
    return {surface, surface.replace("'", "’")}


class ActorTable:
    """An extendable table of actors.

    ``ActorTable(DEFAULT_ACTORS).add("Ri Son Gwon", ["Ri"], type="person")`` copies the defaults
    and adds one person.

    Built from another table, from :class:`Actor` records, or from the package's common alias
    dict ``{canonical: [alias, ...]}`` (type "other"). :meth:`add` returns the table, so calls
    chain; it never changes the table it was copied from. Each surface form (aliases, title
    variants, metonyms; straight and curly apostrophes) may belong to one actor only: a clash
    raises ``ValueError``. :meth:`aliases` gives the alias dict back for other instruments
    (e.g. actor-level sentiment).
    """

    def __init__(self, actors: ActorTable | Iterable[Actor] | Mapping[str, Iterable[str]] = ()):
        self._actors: dict[str, Actor] = {}
        self._surfaces: dict[str, tuple[str, str]] = {}  # surface -> (actor name, kind)
        self._matcher = AliasTable()
        if isinstance(actors, Mapping):
            actors = [Actor(name, "other", tuple(aliases)) for name, aliases in actors.items()]
        for actor in actors:
            self._put(actor)

    def add(
        self,
        name: str,
        aliases: Iterable[str] = (),
        *,
        type: str,
        titles: Iterable[str] = (),
        metonyms: Iterable[str] = (),
        gender: str | None = None,
    ) -> ActorTable:
        """Add an actor (or more names for a known one, same ``type``); returns the table."""
        if isinstance(aliases, str):
            raise TypeError(f"aliases of {name!r} must be a list of strings, not one string")
        known = self._actors.get(name)
        if known is not None and known.type != type:
            raise ValueError(f"{name!r} is already a {known.type}, not a {type}")
        actor = Actor(name, type, tuple(aliases), tuple(titles), tuple(metonyms), gender=gender)
        if known is not None:
            actor = replace(
                known,
                aliases=known.aliases + actor.aliases,
                titles=known.titles + actor.titles,
                metonyms=known.metonyms + actor.metonyms,
                gender=gender or known.gender,
            )
        self._put(actor)
        return self

    def _put(self, actor: Actor) -> None:
        forms = [(s, "alias") for a in actor.aliases for s in _apostrophes(a)]
        titles = {v for t in actor.titles for v in _title_variants(t)}
        forms += [(s, "title") for t in titles for s in _apostrophes(t)]
        forms += [(s, "metonym") for m in actor.metonyms for s in _apostrophes(m)]
        for surface, kind in forms:
            owner = self._surfaces.get(surface, (actor.name, kind))
            if owner != (actor.name, kind):
                raise ValueError(f"{surface!r} already belongs to {owner[0]!r} (as {owner[1]})")
        for surface, kind in forms:
            self._surfaces[surface] = (actor.name, kind)
        self._matcher.add(actor.name, *(s for s, _ in forms))
        self._actors[actor.name] = actor

    def __iter__(self):
        return iter(list(self._actors.values()))

    def __len__(self) -> int:
        return len(self._actors)

    def __getitem__(self, name: str) -> Actor:
        return self._actors[name]

    def __repr__(self) -> str:
        return f"ActorTable({len(self)} actors: {', '.join(self._actors)})"

    def aliases(self) -> dict[str, list[str]]:
        """``{canonical: [alias, ...]}``: names only (no titles or metonyms)."""
        return {a.name: list(a.aliases) for a in self._actors.values()}

    def matches(self, text: str):
        """``(match, actor name, kind)`` per surface form in ``text``, longest first."""
        for match in self._matcher.finditer(text):
            yield (match, *self._surfaces[match.group()])


DEFAULT_ACTORS = ActorTable(
    [
        Actor("Vladimir Putin", "person", ("Putin", "Vladimir Vladimirovich Putin"),
              ("Russian president", "Russian leader", "Kremlin leader"), gender="male"),
        Actor("Kim Jong Un", "person", ("Kim Jong-un", "Kim Jong-Un", "Kim"),
              ("North Korean leader", "DPRK leader"), gender="male"),
        Actor("Kim Yo Jong", "person", ("Kim Yo-jong", "Kim Yo-Jong"), gender="female"),
        Actor("Kim Jong Il", "person", ("Kim Jong-il", "Kim Jong-Il"), gender="male"),
        Actor("Kim Il Sung", "person", ("Kim Il-sung", "Kim Il-Sung"), gender="male"),
        Actor("Donald Trump", "person", ("Trump", "Donald J. Trump"),
              ("U.S. president", "US president", "American president"), gender="male"),
        Actor("Xi Jinping", "person", ("Xi",), ("Chinese president", "Chinese leader"),
              gender="male"),
        Actor("Moon Jae-in", "person", ("Moon Jae-In",), ("South Korean president",),
              gender="male"),
        Actor("Shinzo Abe", "person", ("Abe",), ("Japanese prime minister",), gender="male"),
        Actor("Sergei Lavrov", "person", ("Sergey Lavrov", "Lavrov"), ("Russian foreign minister",),
              gender="male"),
        Actor("Alexander Matsegora", "person", ("Matsegora",), ("Russian ambassador",),
              gender="male"),
        Actor("Russia", "state", ("Russian Federation",), metonyms=("Moscow",)),
        Actor("North Korea", "state", ("DPRK", "Democratic People's Republic of Korea"),
              metonyms=("Pyongyang",)),
        Actor("United States", "state", ("United States of America", "U.S.", "US", "USA",
              "America"), metonyms=("Washington",)),
        Actor("South Korea", "state", ("Republic of Korea", "ROK"), metonyms=("Seoul",)),
        Actor("China", "state", ("People's Republic of China", "PRC"), metonyms=("Beijing",)),
        Actor("Japan", "state", metonyms=("Tokyo",)),
        Actor("Soviet Union", "state", ("USSR", "U.S.S.R.")),
        Actor("Kremlin", "institution"),
        Actor("United Russia", "institution"),
        Actor("Russian Embassy in Pyongyang", "institution", ("Russian Embassy", "Russian embassy"),
              ("embassy",)),
        Actor("Workers' Party of Korea", "institution", ("WPK",)),
        Actor("United Nations", "institution", ("UN", "U.N.")),
        Actor("TASS", "media", ("Tass",)),
        Actor("KCNA", "media", ("Korean Central News Agency",)),
        Actor("Yonhap", "media"),
        Actor("The Moscow Times", "media", ("Moscow Times",)),
    ]
)
"""The study's actors (Russia–DPRK relations, 2019–2020). Extend with :meth:`ActorTable.add`."""


# --- mentions --------------------------------------------------------------------------------

Actors = ActorTable | Mapping[str, Iterable[str]]
MENTION_COLUMNS = [
    "mention_id", "sentence", "start", "end", "surface", "actor", "actor_type", "found",
    "antecedent",
]


def _short_name_owners(table: ActorTable) -> dict[str, set[str]]:
    """One-word person aliases -> persons with a longer alias holding the word ("Kim": 2 Kims)."""
    owners: dict[str, set[str]] = {}
    people = [a for a in table if a.type == "person"]
    words = {alias for a in people for alias in a.aliases if " " not in alias}
    for actor in people:
        for alias in (a for a in actor.aliases if " " in a):
            for word in set(alias.replace("-", " ").split()) & words:
                owners.setdefault(word, set()).add(actor.name)
    return owners


def _events(text: str, table: ActorTable) -> list[tuple[int, int, str | None, str]]:
    """``(start, end, actor, kind)`` for every alias, title, metonym and pronoun, in text order."""
    found = [(m.start(), m.end(), actor, kind) for m, actor, kind in table.matches(text)]
    found += [(m.start(), m.end(), None, "pronoun") for m in _PRONOUN.finditer(text)]
    return sorted(found, key=lambda event: event[0])


def _as_table(actors: Actors | Iterable[Actor]) -> ActorTable:
    return actors if isinstance(actors, ActorTable) else ActorTable(actors)


def _pronoun_antecedent(rows: list[dict], pronoun: str, sentence: int, table: ActorTable):
    """The same-gender pronoun earlier in the sentence, else the latest compatible named person
    in this or the previous sentence (module docstring), else None."""
    gender = PRONOUN_GENDER[pronoun.lower()]
    this_sentence = reversed(list(takewhile(lambda r: r["sentence"] == sentence, reversed(rows))))
    chain = [
        r for r in this_sentence
        if r["found"] == "coreference: pronoun"
        and PRONOUN_GENDER[r["surface"].lower()] == gender
    ]
    if chain and pronoun.lower() != "him":
        return chain[-1]
    excluded = {r["actor"] for r in chain}  # "He thanked him": "him" is someone else
    for row in reversed(rows):
        if row["sentence"] < sentence - 1:
            return None
        actor = table[row["actor"]]
        if (row["found"] != "coreference: pronoun" and actor.type == "person"
                and actor.gender in (None, gender) and actor.name not in excluded):
            return row
    return None


def mentions(text: str, actors: Actors = DEFAULT_ACTORS) -> pd.DataFrame:
    """Every mention of an actor in ``text``, one row each, in text order.

    Columns: ``mention_id`` (0, 1, ...), ``sentence`` (index of
    :func:`analysis.tokenize.sentence_spans`), ``start``, ``end`` (``text[start:end]`` is
    ``surface``), ``actor``, ``actor_type``, ``found`` ("alias", "metonym", "coreference: title",
    "coreference: surname", "coreference: pronoun") and ``antecedent`` (the ``mention_id`` a
    coreferent mention was resolved to; for titles the actor's previous mention, if any).

    Default table :data:`DEFAULT_ACTORS`; a plain ``{canonical: [alias, ...]}`` dict works too.
    Method and caveats (longest match, titles as epithets, metonyms after locative prepositions,
    the surname and pronoun rules): module docstring. Not a trained coreference resolver.
    """
    if not isinstance(text, str):
        raise TypeError(f"mentions() expects the text as a string, got {type(text).__name__}")
    table = _as_table(actors)
    rows = _mention_rows(text, table)
    if rows:  # built column by column: a frame-wide astype costs more than finding the mentions
        columns = {c: [r[c] for r in rows] for c in MENTION_COLUMNS}
        columns["antecedent"] = pd.array(columns["antecedent"], dtype="Int64")
        frame = pd.DataFrame(columns)
    else:
        frame = pd.DataFrame(columns=MENTION_COLUMNS, dtype=object).astype({"antecedent": "Int64"})
    frame.attrs["actors"] = {"instrument": "analysis.framing.actors.mentions", "actors": len(table)}
    return frame


def _mention_rows(text: str, table: ActorTable = DEFAULT_ACTORS) -> list[dict]:
    """The rows of :func:`mentions` as dicts, without building a frame (for batch callers)."""
    owners = _short_name_owners(table)
    sentence_starts = [s for s, _ in sentence_spans(text)]
    events = _events(text, table)
    rows: list[dict] = []
    latest: dict[str, dict] = {}  # actor -> its latest mention
    latest_full: dict[str, dict] = {}  # person -> its latest mention by a longer alias
    for k, (start, end, actor, kind) in enumerate(events):
        sentence = max(bisect_right(sentence_starts, start) - 1, 0)
        surface, antecedent, found = text[start:end], None, "alias"
        if kind == "title":
            after = events[k + 1] if k + 1 < len(events) else None
            before_name = (
                after and after[2:] == (actor, "alias") and _GAP.fullmatch(text[end : after[0]])
            )
            if before_name or not surface.lower().startswith("the ") or _OF_AFTER.match(text, end):
                continue  # an epithet of the next mention, or not a definite description
            found, antecedent = "coreference: title", latest.get(actor)
        elif kind == "metonym":
            word = _WORD_BEFORE.search(text, max(0, start - 30), start)
            if word and word[1].lower() in LOCATIVES:
                continue  # the place itself
            found = "metonym"
        elif kind == "pronoun":
            antecedent = _pronoun_antecedent(rows, surface, sentence, table)
            if antecedent is None:
                continue
            actor, found = antecedent["actor"], "coreference: pronoun"
        elif surface in owners:
            full = max(
                (latest_full[a] for a in owners[surface] if a in latest_full),
                key=lambda r: r["mention_id"], default=None,
            )
            if full is not None:
                actor, found, antecedent = full["actor"], "coreference: surname", full
        rows.append(dict(
            mention_id=len(rows), sentence=sentence, start=start, end=end, surface=surface,
            actor=actor, actor_type=table[actor].type, found=found,
            antecedent=None if antecedent is None else antecedent["mention_id"],
        ))
        latest[actor] = rows[-1]
        if found == "alias" and " " in surface:
            latest_full[actor] = rows[-1]
    return rows


# --- tagged context: labels and roles --------------------------------------------------------

NOUNS = frozenset({"NN", "NNS", "NNP", "NNPS"})
HYPHENS = frozenset({"-", "–"})
NOMINAL = NOUNS | {"JJ", "JJR", "JJS"}
VERBS = frozenset({"VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "MD"})
FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
BE = frozenset("be is are was were been being am 's 're 'm ’s ’re ’m".split())
#: Tags and words after which a noun phrase starts a clause (so may be its subject).
CLAUSE_OPENERS = frozenset({",", ":", "``", "''", "WRB", "WDT", "WP", "-LRB-"})
_NOT_IN_APPOSITION = frozenset({"WDT", "WP", "WRB", "CC", "PRP", "``", "''"})
SUBORDINATORS = frozenset(
    "that while because although though after before since if as when whereas once unless until "
    "whether".split()
)


@dataclass
class _Sentence:
    starts: list[int]
    ends: list[int]
    words: list[str]
    tags: list[str]
    taken: set[int] = field(default_factory=set)  # tokens inside some mention

    def tokens(self, start: int, end: int) -> tuple[int, int]:
        """Token range ``[i, j)`` covering the characters ``[start, end)``."""
        return bisect_right(self.ends, start), bisect_right(self.starts, end - 1)


def _tagged(text: str, found: pd.DataFrame) -> dict[int, _Sentence]:
    """The tagged sentences that hold a mention, by sentence index, with mention tokens marked."""
    tagger, wanted, sentences = get_tagger(), set(found["sentence"]), {}
    for index, (start, end) in enumerate(sentence_spans(text)):
        if index in wanted:
            spans = token_spans(text, style="ptb", start=start, end=end)
            words = [text[s:e] for s, e in spans]
            starts, ends = [s for s, _ in spans], [e for _, e in spans]
            sentences[index] = _Sentence(starts, ends, words, tagger.tag(words))
    for sentence, start, end in zip(found["sentence"], found["start"], found["end"]):
        sent = sentences[sentence]
        sent.taken.update(range(*sent.tokens(start, end)))
    return sentences


def _in_compound(sent: _Sentence, i: int, j: int, row) -> bool:
    """Is the mention ``[i, j)`` part of a hyphenated modifier ("DPRK-Russia summit",
    "U.S.-Japan-ROK bloc")? Then it has no labels and no role of its own."""
    if sent.starts[i] != row.start or sent.ends[j - 1] != row.end:
        return True
    before = sent.words[i - 1] if i > 0 else ""
    after = sent.words[j] if j < len(sent.words) else ""
    return before in HYPHENS or after in HYPHENS


def _premodifiers(sent: _Sentence, i: int) -> int:
    """Start of the run of adjectives and nouns right before token ``i`` ("Russian President");
    capitalised participles count ("Respected Comrade"); the run stops at another mention."""
    k = i
    while k > 0 and k - 1 not in sent.taken:
        tag, word = sent.tags[k - 1], sent.words[k - 1]
        if not (tag in NOMINAL or tag == "HYPH" or (tag in {"VBN", "VBG"} and word[:1].isupper())):
            break
        k -= 1
    return k


def _possessed(sent: _Sentence, i: int, j: int) -> int | None:
    """End (exclusive) of the noun phrase possessed by the mention ``[i, j)`` ("Russia's Embassy",
    "his sanctioned regime"): the run of adjectives, nouns, numbers and participles after ``'s``
    or a possessive pronoun, cut after its last noun; a modifier after a noun starts another
    phrase ("body | last month"). None if the mention is not a possessor."""
    if sent.tags[i] == "PRP$":
        k = j
    elif j < len(sent.tags) and sent.tags[j] == "POS":
        k = j + 1
    else:
        return None
    head = None
    while k < len(sent.tags) and sent.tags[k] in NOMINAL | {"CD", "HYPH", "VBN", "VBG"}:
        if sent.tags[k] in NOUNS:
            head = k + 1
        elif head is not None:
            break
        k += 1
    return head


def _apposition(sent: _Sentence, j: int) -> tuple[int, int] | None:
    """Tokens ``[a, b)`` of an apposition after the mention ending at token ``j``: a comma, then a
    noun phrase (with a common noun, no finite verb, no relative pronoun, no conjunction) up to
    the next comma or the sentence's final punctuation."""
    tags = sent.tags
    if j >= len(tags) or tags[j] != ",":
        return None
    b = j + 1
    while b < len(tags) and tags[b] not in {",", "."}:
        b += 1
    inside = tags[j + 1 : b]
    if not inside or inside[0] not in NOMINAL | {"DT", "PRP$", "CD"}:
        return None
    if not {"NN", "NNS"} & set(inside) or set(inside) & (FINITE | _NOT_IN_APPOSITION):
        return None
    return j + 1, b


def _phrase(sent: _Sentence, row) -> tuple[int, int, int | None]:
    """``(left, right, head)``: the noun phrase whose role the mention gets, and the possessed
    head noun when the mention is a possessor."""
    i, j = sent.tokens(row.start, row.end)
    left = i if row.found == "coreference: pronoun" else _premodifiers(sent, i)
    if left > 0 and sent.tags[left - 1] in {"DT", "PDT"} and left - 1 not in sent.taken:
        left -= 1
    possessed = _possessed(sent, i, j)
    return left, possessed or j, None if possessed is None else possessed - 1


def _provenance(function: str) -> dict:
    """``DataFrame.attrs`` entry: the instrument and the tagger's held-out accuracy."""
    accuracy = get_tagger().meta["held_out_accuracy"]["all"]
    return {"instrument": f"analysis.framing.actors.{function}", "tagger_accuracy": accuracy}


def _label_spans(sent: _Sentence, row) -> list[tuple[str, int, int]]:
    """``(kind, start, end)`` of each label of one mention (see :func:`labels`)."""
    i, j = sent.tokens(row.start, row.end)
    if _in_compound(sent, i, j, row):
        return []
    if row.found == "coreference: pronoun":
        end = _possessed(sent, i, j)
        return [] if end is None else [("possessive", row.start, sent.ends[end - 1])]
    spans = []
    if row.found == "coreference: title":
        the = len("the ") if row.surface.lower().startswith("the ") else 0
        spans.append(("description", row.start + the, row.end))
    elif (k := _premodifiers(sent, i)) < i:
        spans.append(("title", sent.starts[k], sent.ends[i - 1]))
    left = _phrase(sent, row)[0]
    if not (left > 0 and sent.tags[left - 1] in {"IN", "TO"}) and (appos := _apposition(sent, j)):
        spans.append(("apposition", sent.starts[appos[0]], sent.ends[appos[1] - 1]))
    if (end := _possessed(sent, i, j)) is not None:
        spans.append(("possessive", row.start, sent.ends[end - 1]))
    return spans


LABEL_COLUMNS = [
    "mention_id", "sentence", "surface", "actor", "kind", "label", "label_start", "label_end"
]


def labels(text: str, actors: Actors = DEFAULT_ACTORS) -> pd.DataFrame:
    """Epithets and labels attached to each mention of :func:`mentions`, one row per label.

    Columns: ``mention_id``, ``sentence``, ``surface``, ``actor``, ``kind``, ``label``,
    ``label_start``, ``label_end`` (``text[label_start:label_end] == label``). Kinds, read from
    Penn Treebank tags (:func:`analysis.tagger.tag`):

    * "title": adjectives and nouns right before the name ("Russian President" Vladimir Putin,
      "North Korean leader" Kim Jong Un, "Respected Comrade" Kim Jong Un; a capitalised
      participle counts; a determiner or another mention ends the run);
    * "description": the title a mention referred by ("The North Korean leader"), without "the";
    * "apposition": a noun phrase between commas right after the name ("Alexander Matsegora,
      Russia's ambassador,"): it must hold a common noun and no finite verb, relative
      pronoun or conjunction, which keeps out lists ("Russia, China and Japan") and clauses;
      a name after a preposition gets none ("the leader of Russia, the chairman of ..."
      describes the leader);
    * "possessive": the phrase the actor possesses, with the possessor ("his sanctioned regime",
      "Russia's Embassy"), up to its last noun.

    Caveats: no parser, so a label is what the tag pattern spans; tagging errors lengthen or
    cut it (a verb tagged as a plural noun joins a possessive phrase), and post-nominal
    modifiers ("Embassy in Pyongyang") are not included. Method of the mentions: module docstring.
    """
    found = mentions(text, actors)
    sentences = _tagged(text, found)
    rows = [
        (row.mention_id, row.sentence, row.surface, row.actor, kind, text[start:end], start, end)
        for row in found.itertuples(index=False)
        for kind, start, end in _label_spans(sentences[row.sentence], row)
    ]
    frame = pd.DataFrame(rows, columns=LABEL_COLUMNS)
    frame.attrs["actors"] = _provenance("labels")
    return frame


def _verbs_after(sent: _Sentence, q: int) -> tuple[int, int] | None:
    """A verb group ``[a, b)`` from token ``q`` on (adverbs skipped), its first verb finite."""
    while q < len(sent.tags) and sent.tags[q] == "RB":
        q += 1
    if q >= len(sent.tags) or sent.tags[q] not in FINITE:
        return None
    b = q + 1
    while b < len(sent.tags) and (sent.tags[b] in VERBS or sent.tags[b] == "RB"):
        b += 1
    while sent.tags[b - 1] == "RB":
        b -= 1
    return q, b


def _verbs_before(sent: _Sentence, p: int) -> tuple[int, int]:
    """The verb group ending at verb token ``p``: ``[a, p + 1)``."""
    a = p
    while a > 0 and (sent.tags[a - 1] in VERBS or sent.tags[a - 1] == "RB"):
        a -= 1
    while sent.tags[a] == "RB":
        a += 1
    return a, p + 1


def _passive(sent: _Sentence, a: int, b: int) -> bool:
    return sent.tags[b - 1] == "VBN" and any(w.lower() in BE for w in sent.words[a : b - 1])


def _opens_clause(sent: _Sentence, p: int) -> bool:
    """May a noun phrase after token ``p`` be a subject? After a sentence start, a comma, a quote,
    "where", "who", a subordinator ("while", "that") or a verb ("said Moscow was wrong"); after
    "and"/"or" only when the conjunct before it may be one too ("Matsegora and Ri held", not
    "between Russia and North Korea opens")."""
    if p < 0 or sent.tags[p] in CLAUSE_OPENERS | VERBS or sent.words[p].lower() in SUBORDINATORS:
        return True
    if sent.tags[p] != "CC":
        return False
    k = p
    while k > 0 and sent.tags[k - 1] in NOMINAL | {"DT", "PRP", "PRP$", "POS", "HYPH"}:
        k -= 1
    return k < p and _opens_clause(sent, k - 1)


def _skip_to_verb(sent: _Sentence, q: int) -> int:
    """Skip what may stand between a subject and its verb: an apposition, a prepositional phrase
    with a name ("Embassy in Pyongyang"), or "and" plus a second noun phrase."""
    tags, words, n = sent.tags, sent.words, len(sent.tags)
    appos = _apposition(sent, q)
    if appos and appos[1] < n and tags[appos[1]] == ",":
        q = appos[1] + 1
    if q < n and words[q].lower() in {"in", "of", "at", "from"}:
        r = q + 1 + (q + 1 < n and tags[q + 1] == "DT")
        if r < n and tags[r] in {"NNP", "NNPS"}:
            while r < n and tags[r] in {"NNP", "NNPS"}:
                r += 1
            q = r
    if q < n and words[q].lower() in {"and", "or"}:
        r = q + 1
        while r < n and (tags[r] in NOMINAL or tags[r] in {"DT", "PRP$", "POS", "HYPH"}):
            r += 1
        if r > q + 1 and _verbs_after(sent, r):
            q = r
    return q


ROLE_COLUMNS = [
    "mention_id", "sentence", "surface", "actor", "role", "verb", "verb_phrase", "via", "pattern"
]


def _role(sent: _Sentence, row) -> tuple:
    """``(role, verb, verb phrase, via, pattern)`` of one mention (see :func:`roles`)."""
    if _in_compound(sent, *sent.tokens(row.start, row.end), row):
        return "other", None, None, None, "part of a hyphenated modifier"
    left, right, head = _phrase(sent, row)
    via = None if head is None else sent.words[head]
    tags, words, p = sent.tags, sent.words, left - 1

    def phrase(a: int, b: int) -> str:
        return " ".join(words[a:b])

    if _opens_clause(sent, p) and (group := _verbs_after(sent, _skip_to_verb(sent, right))):
        a, b = group
        if words[b - 1].lower() in BE:
            return "other", words[b - 1], phrase(a, b), via, "subject of a copula"
        if _passive(sent, a, b):
            return "patient", words[b - 1], phrase(a, b), via, "subject of a passive verb"
        return "agent", words[b - 1], phrase(a, b), via, "subject of an active verb"
    if p >= 0 and tags[p] in VERBS - {"MD"}:
        a, b = _verbs_before(sent, p)
        if not _passive(sent, a, b):
            return "patient", words[p], phrase(a, b), via, "object of an active verb"
    if p > 0 and words[p].lower() == "by":
        verb = max((k for k in range(p) if tags[k] in VERBS), default=None)
        if verb is not None and _passive(sent, *_verbs_before(sent, verb)):
            a, b = _verbs_before(sent, verb)
            return "agent", words[verb], phrase(a, b), via, "by-phrase of a passive verb"
    return "other", None, None, via, "none"


def roles(text: str, actors: Actors = DEFAULT_ACTORS) -> pd.DataFrame:
    """The semantic role of each mention of :func:`mentions`: "agent", "patient" or "other".

    Columns: ``mention_id``, ``sentence``, ``surface``, ``actor``, ``role``, ``verb`` (the main
    verb), ``verb_phrase`` (with its auxiliaries: "has given", "was awarded"), ``via`` (the head
    noun when the actor acts through what it possesses: "Russia's ambassador handed" gives
    Russia agent via "ambassador"), ``pattern`` (which rule fired). Every mention has a row.

    The mention's noun phrase runs from its titles (and a determiner) to the possessed head
    noun if any. Rules, on Penn Treebank tags (:func:`analysis.tagger.tag`), first match wins:

    1. the phrase may open a clause (after a sentence start, comma, quote, "where", "who",
       "while", "that", ..., a verb: "said Moscow was wrong", or "and" after another such
       phrase: "Matsegora and Ri held") and a finite verb group
       follows, after an optional apposition, "in/of/at/from" + name, or "and" + noun phrase:
       subject, so "agent" of an active verb, "patient" of a passive one ("Kim was awarded"),
       "other" of a copula ("Kim was ill");
    2. a verb right before the phrase, in an active group: "patient" (direct or indirect object:
       "has given North Korean leader Kim Jong Un a medal");
    3. "by" after a passive verb group earlier in the sentence: "agent" ("was awarded a medal
       by Putin");
    4. otherwise "other" (objects of prepositions, possessors of non-arguments, ...).

    Caveats: a heuristic without a parser (Jurafsky & Martin, *Speech and Language Processing*,
    3rd ed. draft, ch. 21 for what semantic role labelling does properly): subjects separated
    from their verb by clauses, relative clauses, subjects of infinitives and objects of
    prepositional verbs ("met with Putin") come out as "other"; a verb mis-tagged as a noun
    ("agency reports/NNS") loses its subject.
    """
    found = mentions(text, actors)
    sentences = _tagged(text, found)
    rows = [
        (row.mention_id, row.sentence, row.surface, row.actor, *_role(sentences[row.sentence], row))
        for row in found.itertuples(index=False)
    ]
    frame = pd.DataFrame(rows, columns=ROLE_COLUMNS)
    frame.attrs["actors"] = _provenance("roles")
    return frame
