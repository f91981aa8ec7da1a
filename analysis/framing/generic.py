"""Generic news frames as yes/no indicator questions answered by documented text rules.

:func:`generic_frames` gives one row per text: for each frame a boolean, a ``<frame>_score``
(questions answered yes / questions asked) and ``<frame>_evidence`` (``(start, end, indicator)``
character spans); :func:`generic_frame_evidence` gives the same evidence as a long, tidy frame.

Method. Semetko & Valkenburg (2000, *Journal of Communication* 50(2)) measure five generic frames
with 20 yes/no questions that a coder answers for a whole story; Frermann, Li, Khanehzar &
Haffari (2023, ACL, "Conflicts, villains, resolutions") add *resolution*. Here each question is a
rule over sentences (:func:`analysis.tokenize.sentence_spans`): a list of cue words or phrases
(a compiled regular expression) that answers it, sometimes with a second pattern that must occur
in the same sentence (a government actor, a problem noun ...). A question is answered yes when
one sentence satisfies its rule; the words that did so are its evidence. A cue preceded within
three words by *no, not, never, without, nor* or *-n't* is ignored. A frame is present when its
score is at least ``threshold`` (default 0.25: one question of the 2-4 asked for most frames,
two of the five responsibility questions, since a government acting is in almost all political
news). :data:`QUESTIONS` lists every question with its rule (also printed below).

The rules answer the QUESTION, not the topic: military vocabulary (troops, war, parade) is not
conflict, and cooperation statements are not conflict; *victory* is not a winner/loser cue
(commemorative "Victory Day" language dominates state media); *paying tribute/homage* is not a
cost; signing a cooperation agreement is not a resolution unless a problem is named with it.

Validity caveats (read before interpreting):

* No corpus labelled with these frames was available while writing the rules; they follow the
  questions' wording, were checked on hand-written sentences and read against the seed article,
  KCNA and BBC items, and have no measured accuracy. Validate on a hand-coded sample of your own
  corpus before comparing outlets (Grimmer & Stewart 2013).
* Question 10 (visual information) cannot be answered from text and is not asked, so human
  interest has four questions, not five.
* Word lists miss paraphrase and irony and cannot tell who says what: a reported accusation and
  the outlet's own accusation count the same. Coreference is not resolved: "he" is no actor.
* Affect (question 7) uses a short hand list of outrage/sympathy words, not NRC or VADER: their
  word-emotion associations mark topics ("war", "government") rather than appeals to feeling.
  Likewise the Moral Foundations Dictionary 2.0 (Frimer et al. 2019) is not used for morality:
  its sanctity lists include *virus, pandemic, disease, food, blood, body, marriage* and its care
  and authority lists *kill, war, law, leader*, so its hits measure the news topic, not a moral
  message; questions 15-16 use explicit moral-evaluation and religion words instead.
* Scores are counts of questions, not intensities; long texts answer more questions by chance,
  so compare frames between texts of similar length, or per sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from analysis.tokenize import sentence_spans

__all__ = ["FRAMES", "QUESTIONS", "Question", "generic_frame_evidence", "generic_frames"]

FRAMES = ("conflict", "human_interest", "economic", "morality", "responsibility", "resolution")
DEFAULT_THRESHOLD = 0.25


def _words(*alternatives: str) -> re.Pattern:
    """A case-insensitive pattern matching any of ``alternatives`` as whole words."""
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.IGNORECASE)


@dataclass(frozen=True)
class Question:
    """One indicator question: its frame, key, wording, source and the rule that answers it.

    The rule: some sentence contains ``cue`` (not negated) and, when given, ``context``.
    """

    frame: str
    key: str
    wording: str
    source: str
    rule: str
    cue: re.Pattern
    context: re.Pattern | None = None


# --- shared vocabularies ------------------------------------------------------------------------

_GOVERNMENT = _words(
    r"governments?", r"ministr(?:y|ies)", r"(?:prime )?ministers?", r"authorities", r"administration",
    r"cabinet", r"parliament", r"congress", r"senate", r"council", r"officials", r"president",
    r"premier", r"mayor", r"governor", r"lawmakers", r"legislators?", r"legislature", r"regulators?",
    r"(?:the )?state department", r"white house", r"kremlin", r"downing street", r"whitehall",
    r"federal", r"municipal", r"the state", r"(?:local )?council",
)
_PROBLEM = _words(
    r"problems?", r"issues?", r"crisis", r"crises", r"disputes?", r"conflicts?", r"standoff",
    r"stand-off", r"stalemate", r"impasse", r"deadlock", r"row", r"tensions?", r"strikes?", r"war",
    r"fighting", r"hostilities", r"protests?", r"outbreak", r"epidemic", r"pandemic", r"shortages?",
    r"blockade", r"sanctions", r"ban", r"lawsuit", r"case", r"disagreements?", r"differences",
)
_CONFLICT_WORD = (
    r"disagree\w*", r"disputes?", r"disputed", r"clash\w*", r"feud\w*", r"rift", r"at odds",
    r"oppos(?:e|ed|es|ing)", r"reject(?:s|ed|ing)?", r"protest(?:s|ed|ing|ers?)?", r"tensions?",
    r"confrontation\w*", r"stand-?off", r"stalemate", r"objected", r"refused",
    r"quarrel\w*", r"spat", r"war of words", r"sanction(?:s|ed)?", r"hostil\w*", r"standoff",
    r"(?:fight|fought|battle|battled|battling|fighting) over", r"row(?:ed)? (?:over|with)",
)
_REPROACH = (
    r"accus\w*", r"blam(?:ed|es|ing)", r"criticis\w*", r"criticiz\w*", r"critici?sm", r"condemn\w*",
    r"denounc\w*", r"denunciation", r"slam(?:s|med)?", r"lambast\w*", r"rebuk\w*", r"chastis\w*",
    r"censur\w*", r"castigat\w*", r"reproach\w*", r"decr(?:y|ies|ied)", r"vilif\w*", r"slander\w*",
    r"hit out at", r"lash(?:ed|es)? out", r"provocations?", r"warmonger\w*", r"hypocri\w*", r"lying",
    r"lies", r"liars?", r"shameless\w*", r"despicable",
)
_PEOPLE = (
    r"people", r"residents?", r"families", r"children", r"workers", r"citizens", r"civilians",
    r"villagers", r"patients", r"farmers", r"victims", r"communities", r"households", r"consumers",
    r"pensioners", r"students", r"employees", r"parents", r"migrants", r"refugees", r"locals",
)
_NEGATION = re.compile(r"\b(?:no|not|never|without|nor)\s+(?:\S+\s+){0,2}$|n't\s+(?:\S+\s+){0,2}$", re.I)


QUESTIONS: tuple[Question, ...] = (
    # --- attribution of responsibility (Semetko & Valkenburg questions 1-5)
    Question(
        "responsibility", "government_can_alleviate",
        "Does the story suggest that some level of government has the ability to alleviate the problem?",
        "Semetko & Valkenburg 2000, q1",
        "a government actor and, in the same sentence, a pledge or ability to act (can/must/will act, "
        "plans, measures, legislation, reform, aid)",
        _words(r"(?:can|could|must|should|will|would|has to|have to|needs? to|pledged to|promised to|"
               r"vowed to|plans? to|planned to|is able to|intends? to) (?:\w+ )?(?:act|fix|solve|address|tackle|"
               r"help|resolve|stop|end|protect|provide|ensure|ease|reduce|curb|introduce|take action)",
               r"measures", r"legislation", r"reforms?", r"(?:aid|relief|rescue|stimulus) (?:package|plan)",
               r"(?:new|emergency) (?:law|rules|policy|programme|program)"),
        _GOVERNMENT,
    ),
    Question(
        "responsibility", "government_responsible",
        "Does the story suggest that some level of the government is responsible for the issue/problem?",
        "Semetko & Valkenburg 2000, q2",
        "a government actor and, in the same sentence, blame or failure language (responsible for, to "
        "blame, accused, failed, failure, negligence, mishandled, incompetence, held accountable)",
        _words(r"responsible for", r"to blame", r"blam(?:e|ed|es|ing)", r"accus\w*", r"fail(?:ed|s|ing|ure)",
               r"neglect\w*", r"negligen\w*", r"mishandl\w*", r"incompeten\w*", r"accountable", r"at fault",
               r"caused"),
        _GOVERNMENT,
    ),
    Question(
        "responsibility", "solution",
        "Does the story suggest solution(s) to the problem/issue?",
        "Semetko & Valkenburg 2000, q3",
        "solution language: solution, solve, remedy, fix, address/tackle/curb/combat + object, proposal, "
        "recommend, called for, urged",
        _words(r"solutions?", r"solv(?:e|es|ed|ing)", r"remed(?:y|ies)", r"fix(?:es|ed|ing)? the",
               r"(?:address|tackle|tackling|curb|combat|prevent)(?:s|ed|ing)? (?:the|this|these|a)",
               r"proposals?", r"propos(?:e|es|ed|ing) (?:to|a|an|the|that)", r"recommend\w*",
               r"call(?:s|ed|ing)? for", r"urg(?:e|es|ed|ing)"),
    ),
    Question(
        "responsibility", "individual_responsible",
        "Does the story suggest that an individual (or group of people in society) is responsible for the "
        "issue-problem?",
        "Semetko & Valkenburg 2000, q4",
        "blame or culpability language in a sentence without a government actor (responsible for, to "
        "blame, blamed, guilty, at fault, culprit, caused by, accused of)",
        _words(r"responsible for", r"to blame", r"blam(?:e|ed|es|ing)", r"guilty", r"at fault",
               r"culprits?", r"caused by", r"accused of", r"perpetrators?"),
    ),
    Question(
        "responsibility", "urgency",
        "Does the story suggest the problem requires urgent action?",
        "Semetko & Valkenburg 2000, q5",
        "urgency language: urgent(ly), immediate(ly), without delay, as soon as possible, act now, "
        "time is running out, emergency measures, no time to lose",
        _words(r"urgent\w*", r"immediate(?:ly)?", r"without delay", r"as soon as possible",
               r"(?:act|action) now", r"now is the time", r"time is running out", r"no time to (?:lose|waste)",
               r"emergency (?:measures|action|steps|session|meeting)", r"at once", r"swift action"),
    ),
    # --- human interest (questions 6-9; question 10, visual information, is not asked)
    Question(
        "human_interest", "human_example",
        "Does the story provide a human example or 'human face' on the issue?",
        "Semetko & Valkenburg 2000, q6",
        "an individual presented as a case: an age descriptor (34-year-old, aged 34, 'Name, 34,'), or "
        "'a mother/father of N', or an ordinary-person noun (resident, victim, survivor ...) in the "
        "singular with a personal name following",
        re.compile(
            r"\b\d{1,3}-year-old\b|\baged \d{1,3}\b|\b(?:[Mm]other|[Ff]ather) of (?:one|two|three|four|five|six|\d)\b"
            r"|[A-Z][a-z]+, \d{1,2},"
            r"|\b(?:resident|victim|survivor|patient|refugee|widow|pensioner|villager|farmer|nurse|student|"
            r"mother|father)s? (?:[A-Z][a-z]+ )+[A-Z][a-z]+\b"
        ),
    ),
    Question(
        "human_interest", "emotional_language",
        "Does the story employ adjectives or personal vignettes that generate feelings of outrage, "
        "empathy-caring, sympathy, or compassion?",
        "Semetko & Valkenburg 2000, q7",
        "a hand list of outrage/sympathy words (heartbreaking, tragic, grief, mourning, tears, anguish, "
        "suffering, desperate, horrific, outrageous, cruel, brutal, innocent, helpless, plight, ordeal, "
        "traumatised, terrified ...)",
        _words(r"heartbreak\w*", r"heartbroken", r"heart-?wrenching", r"tragic\w*", r"traged(?:y|ies)",
               r"devastat(?:ed|ing)", r"grief", r"griev\w*", r"mourn\w*", r"tearful", r"tears", r"wept",
               r"weep\w*", r"sobb?\w*", r"anguish\w*", r"agony", r"suffering", r"desperate\w*", r"despair\w*",
               r"horrific", r"horrifying", r"harrowing", r"shocking", r"outrage\w*", r"appalling", r"cruel\w*",
               r"brutal\w*", r"innocent", r"helpless", r"plight", r"ordeal", r"traumati[sz]ed", r"terrified",
               r"frightened", r"compassion\w*", r"sympath\w*", r"poignant", r"distraught", r"heartless"),
    ),
    Question(
        "human_interest", "people_affected",
        "Does the story emphasize how individuals and groups are affected by the issue/problem?",
        "Semetko & Valkenburg 2000, q8",
        "a group of ordinary people (people, residents, families, children, workers, civilians ...) and, "
        "in the same sentence, being affected (affected, hit, hurt, suffer, struggle to, forced to, lost "
        "their, displaced, killed, injured, evacuated, stranded, cannot afford)",
        _words(r"affected", r"hit hard", r"hard-hit", r"hurt", r"harmed", r"suffer\w*", r"struggl(?:e|es|ed|ing) to",
               r"forced to", r"lost their", r"left homeless", r"displaced", r"killed", r"injured", r"wounded",
               r"evacuated", r"stranded", r"unable to", r"can(?:not|'t) afford", r"fear for", r"died"),
        _words(*_PEOPLE),
    ),
    Question(
        "human_interest", "private_lives",
        "Does the story go into the private or personal lives of the actors?",
        "Semetko & Valkenburg 2000, q9",
        "a possessive with a private-life noun (his/her/their wife, husband, children, family, parents, "
        "marriage, divorce, childhood, health, illness, funeral), or 'personal/private life'",
        _words(r"(?:his|her|their) (?:wife|husband|children|child|sons?|daughters?|family|mother|father|"
               r"parents|sisters?|brothers?|girlfriend|boyfriend|partner|marriage|wedding|divorce|childhood|"
               r"health|illness|funeral|home life|love life)", r"(?:personal|private|family) life"),
    ),
    # --- conflict (questions 11-14)
    Question(
        "conflict", "disagreement",
        "Does the story reflect disagreement between parties-individuals-groups-countries?",
        "Semetko & Valkenburg 2000, q11",
        "disagreement words: disagree, dispute, clash, feud, rift, at odds, oppose, reject, protest, "
        "tension, confrontation, standoff, stalemate, refused, quarrel, sanctions, hostile, "
        "fight/battle over, row over/with (military words are not cues; a sports 'rival' is not a "
        "disagreement but may be a winner/loser)",
        _words(*_CONFLICT_WORD),
    ),
    Question(
        "conflict", "reproach",
        "Does one party-individual-group-country reproach another?",
        "Semetko & Valkenburg 2000, q12",
        "reproach words: accuse, blamed/blames (not 'to blame'), criticise, condemn, denounce, slam, lambast, rebuke, censure, "
        "hit out at, lash out, provocation, warmonger, hypocrisy, lying/lies, shameless",
        _words(*_REPROACH),
    ),
    Question(
        "conflict", "two_sides",
        "Does the story refer to two sides or to more than two sides of the problem or issue?",
        "Semetko & Valkenburg 2000, q13",
        "an explicit two-sides phrase (both sides, the other side, on the one hand, critics and "
        "supporters, opponents/proponents, for and against, versus), or a conflict or reproach word "
        "followed by with/against/between and a named (capitalised) party",
        re.compile(
            r"\b(?:both sides|(?:the )?other side|two sides|all sides|either side|on the one hand|on the other hand"
            r"|(?:critics|opponents) and (?:supporters|proponents|allies)|proponents|for and against"
            r"|pro- and anti-|versus|vs\.?)\b"
            r"|\b(?:" + "|".join(_CONFLICT_WORD + _REPROACH) + r")\s+(?:\w+\s+){0,2}?(?:with|against|between)"
            r"\s+(?:the\s+)?(?-i:[A-Z]\w+(?:\s+[A-Z]\w+)*)",
            re.IGNORECASE,
        ),
    ),
    Question(
        "conflict", "winners_losers",
        "Does the story refer to winners and losers?",
        "Semetko & Valkenburg 2000, q14",
        "winner/loser words, or win/lose/defeat with a contest noun within three words (election, vote, "
        "race, battle, case, seats, majority, dispute, bid, rival, opponent, match); 'victory' is not "
        "a cue",
        re.compile(
            r"\b(?:winners?|losers?)\b|\b(?:w[io]n|wins|winning|lost|lose|loses|losing|defeat(?:s|ed)?|beat|beaten)"
            r"\s+(?:\w+\s+){0,3}?(?:elections?|votes?|race|battle|case|seats?|majority|dispute|bid|contest|"
            r"referendum|lawsuit|appeal|fight|argument|rivals?|opponents?|match|final)\b",
            re.IGNORECASE,
        ),
    ),
    # --- morality (questions 15-17)
    Question(
        "morality", "moral_message",
        "Does the story contain any moral message?",
        "Semetko & Valkenburg 2000, q15",
        "explicit moral evaluation: moral(ly), immoral, (un)ethical, shameful, disgrace, evil, wicked, "
        "virtue, conscience, righteous, injustice, unjust, 'the right thing', 'morally wrong'",
        _words(r"moral(?:ly|ity)?", r"immoral\w*", r"(?:un)?ethical(?:ly)?", r"ethics", r"shameful\w*",
               r"disgrace\w*", r"evil\w*", r"wicked\w*", r"virtues?", r"virtuous", r"conscience",
               r"righteous\w*", r"injustice", r"unjust", r"the right thing", r"decency", r"sinful"),
    ),
    Question(
        "morality", "religion",
        "Does the story make reference to morality, God, and other religious tenets?",
        "Semetko & Valkenburg 2000, q16",
        "religion words (God, Allah, religion, faith, church, mosque, temple, prayer, holy, sacred, sin, "
        "Bible, Koran, pope, priest, imam, rabbi, Christian, Muslim, Jewish, Buddhist, blessing)",
        _words(r"god", r"gods", r"allah", r"religio\w*", r"faith", r"churche?s?", r"mosques?", r"temples?",
               r"synagogues?", r"pray\w*", r"holy", r"sacred", r"sins?", r"bible", r"biblical", r"koran",
               r"quran", r"pope", r"priests?", r"imams?", r"rabbis?", r"christian\w*", r"muslims?",
               r"islam\w*", r"jewish", r"judaism", r"buddhis\w*", r"hindu\w*", r"bless(?:ing|ings|ed)?",
               r"divine", r"clergy", r"scripture"),
    ),
    Question(
        "morality", "social_prescription",
        "Does the story offer specific social prescriptions about how to behave?",
        "Semetko & Valkenburg 2000, q17",
        "a modal of obligation addressed to people in general (we/people/everyone/society/citizens/"
        "parents/you/one/all of us + should/must/ought to/have to/need to), or 'it is our duty'",
        re.compile(
            r"\b(?:we|people|everyone|everybody|society|citizens|parents|you|one|all of us|the public|each of us)"
            r"\s+(?:all\s+)?(?:should|must|ought to|have to|need to)\b|\bit is (?:our|everyone's|a moral) "
            r"(?:duty|obligation|responsibility)\b",
            re.IGNORECASE,
        ),
    ),
    # --- economic consequences (questions 18-20)
    Question(
        "economic", "financial_loss_gain",
        "Is there a mention of financial losses or gains now or in the future?",
        "Semetko & Valkenburg 2000, q18",
        "financial outcome words: profit, revenue, earnings, income, deficit, surplus, bankruptcy, debt, "
        "GDP, financial/economic loss or gain, money lost/saved/earned",
        _words(r"profit\w*", r"revenues?", r"earnings", r"incomes?", r"deficits?", r"surplus\w*",
               r"bankrupt\w*", r"debts?", r"gdp", r"(?:financial|economic|monetary) (?:loss(?:es)?|gains?|damage)",
               r"(?:lost|lose|losing|saved?|saving|earn(?:ed|s|ing)?|made) (?:\w+ )?(?:money|millions|billions)"),
    ),
    Question(
        "economic", "costs",
        "Is there a mention of the costs/degree of expense involved?",
        "Semetko & Valkenburg 2000, q19",
        "a sum of money (a number with a currency sign or name) or a cost word: cost, expense, spending, "
        "price, budget, afford, funding, tax, fee, subsidy, invest ('pay tribute/homage/respects/a visit' "
        "is not a cost)",
        re.compile(
            r"(?:US\$|[$€£¥₩]|\b(?:USD|EUR|GBP|RUB|KRW)\s?)\d[\d,.]*(?:\s?(?:million|billion|trillion|bn|mn|m)\b)?"
            r"|\b\d[\d,.]*(?:\s(?:million|billion|trillion))?\s(?:dollars|euros|pounds|yen|won|rubles|roubles|"
            r"yuan|rupees)\b"
            r"|\b(?:costs?|costing|costly|expens\w*|spending|spend|spent|prices?|budgets?|afford\w*|funding|"
            r"funded|taxe?s?|taxpayers?|fees?|subsid(?:y|ies|i[sz]ed?|i[sz]ing)|invest(?:ed|ing|ment|ments)?|paid for|pay for|"
            r"pay(?:s|ing)? (?!tribute|homage|respects|attention|a visit|visit)\w+ (?:for|to)\b)\b",
            re.IGNORECASE,
        ),
    ),
    Question(
        "economic", "economic_consequences",
        "Is there a reference to economic consequences of pursuing or not pursuing a course of action?",
        "Semetko & Valkenburg 2000, q20",
        "an economic noun (economy, market, trade, jobs, unemployment, investment, inflation, recession, "
        "growth, business, industry, exports) and, in the same sentence, a consequence word (impact, "
        "effect, consequence, damage, hurt, boost, benefit, harm, hit, cripple, drive up)",
        _words(r"impacts?", r"effects?", r"consequences?", r"damag\w*", r"hurt\w*", r"boost\w*", r"benefit\w*",
               r"harm\w*", r"hit", r"crippl\w*", r"devastat\w*", r"ruin\w*", r"(?:drive|push|drove|pushed) up",
               r"slow(?:ed|ing)? (?:down )?(?:the )?(?:economy|growth)", r"lead to", r"led to", r"result in"),
        _words(r"econom\w*", r"markets?", r"trade", r"jobs", r"(?:un)?employment", r"investment", r"investors",
               r"inflation", r"recession", r"growth", r"business(?:es)?", r"industr(?:y|ies)", r"exports?",
               r"imports?", r"prices", r"financial"),
    ),
    # --- resolution (Frermann et al. 2023)
    Question(
        "resolution", "problem_resolved",
        "Is a problem, dispute or crisis reported as resolved, settled, ended or overcome?",
        "Frermann et al. 2023, resolution frame",
        "a resolution verb (resolved, settled, ended, solved, overcome, lifted, defused, eased, brought "
        "under control, restored) and a problem noun (dispute, crisis, conflict, standoff, strike, "
        "tension, outbreak, sanctions ...) in the same sentence",
        _words(r"resolv(?:e|ed|es|ing)", r"settl(?:e|ed|es|ing)", r"ended", r"solved", r"overcome",
               r"overcame", r"lifted", r"defused", r"eased", r"brought under control", r"under control",
               r"restored", r"called off"),
        _PROBLEM,
    ),
    Question(
        "resolution", "agreement_reached",
        "Is an agreement, compromise, ceasefire or settlement reported as reached?",
        "Frermann et al. 2023, resolution frame",
        "a settling agreement (ceasefire, truce, compromise, settlement, peace deal/agreement/accord) "
        "reached/signed/agreed/struck, or 'agreed to end/lift/resolve/settle' (a cooperation agreement "
        "alone does not count)",
        re.compile(
            r"\b(?:reach(?:ed|es|ing)?|struck|sign(?:ed|s|ing)?|agre(?:ed|e|es|eing) (?:on|to)|conclud(?:ed|e)|"
            r"clinch(?:ed)?|broker(?:ed)?|seal(?:ed)?|hammer(?:ed)? out|secur(?:ed|e))\s+(?:\w+\s+){0,3}?"
            r"(?:ceasefire|cease-fire|truce|compromise|settlement|peace (?:deal|agreement|accord|treaty))\b"
            r"|\b(?:ceasefire|cease-fire|truce|compromise|settlement|peace (?:deal|agreement|accord))\s+"
            r"(?:was|has been|had been|is)\s+(?:reached|agreed|signed|struck|brokered)\b"
            r"|\bagreed to (?:end|lift|resolve|settle|halt|stop)\b",
            re.IGNORECASE,
        ),
    ),
)

_GOVERNMENT_BLAME = {"individual_responsible"}  # answered only in sentences WITHOUT a government actor


def _negated(text: str, sentence_start: int, position: int) -> bool:
    return bool(_NEGATION.search(text, sentence_start, position)) if position > sentence_start else False


def _answer(question: Question, text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Evidence spans of ``question`` in the sentence ``text[start:end]`` ([] = no)."""
    cues = [m.span() for m in question.cue.finditer(text, start, end) if not _negated(text, start, m.start())]
    if not cues:
        return []
    if question.key in _GOVERNMENT_BLAME and _GOVERNMENT.search(text, start, end):
        return []
    if question.context is None:
        return cues
    context = [m.span() for m in question.context.finditer(text, start, end)]
    return sorted(set(cues + context)) if context else []


def _check_texts(texts) -> list[str]:
    if isinstance(texts, str):
        raise TypeError("texts must be a sequence of strings, not one string")
    texts = list(texts)
    for i, text in enumerate(texts):
        if not isinstance(text, str):
            raise TypeError(f"texts[{i}] is {type(text).__name__}; expected str")
    return texts


def generic_frame_evidence(texts: Iterable[str]) -> pd.DataFrame:
    """``generic_frame_evidence(texts)``: every piece of evidence, one row per matched span.

    Columns: ``doc`` (position in ``texts``), ``frame``, ``indicator`` (the question's key, see
    :data:`QUESTIONS`), ``sentence`` (its number in the text), ``start``, ``end`` (character
    offsets into the text) and ``text`` (the matched words). Method, reference and caveats: the
    module docstring (Semetko & Valkenburg 2000; Frermann et al. 2023).
    """
    rows = []
    for doc, text in enumerate(_check_texts(texts)):
        for number, (s, e) in enumerate(sentence_spans(text)):
            for question in QUESTIONS:
                for a, b in _answer(question, text, s, e):
                    rows.append((doc, question.frame, question.key, number, a, b, text[a:b]))
    columns = ["doc", "frame", "indicator", "sentence", "start", "end", "text"]
    out = pd.DataFrame(rows, columns=columns).astype({c: "int64" for c in ("doc", "sentence", "start", "end")})
    out.attrs["instrument"] = "analysis.framing.generic"
    return out


def generic_frames(texts: Iterable[str], threshold: float = DEFAULT_THRESHOLD) -> pd.DataFrame:
    """``generic_frames(texts, threshold=0.25)``: Semetko & Valkenburg's generic frames plus resolution.

    One row per text, in order. For each frame in :data:`FRAMES`: ``<frame>`` (bool: score at
    least ``threshold``), ``<frame>_score`` (questions answered yes / questions asked, 0..1) and
    ``<frame>_evidence`` (list of ``(start, end, indicator)``). Blank texts get NaN scores, False
    frames and ``blank=True`` (marked, not dropped). Method: each question of
    :data:`QUESTIONS` is a sentence-level rule (module docstring). References: Semetko &
    Valkenburg (2000, *Journal of Communication*); Frermann et al. (2023, ACL). Caveats: rules
    without a measured accuracy; see the module docstring before interpreting.
    """
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1], got {threshold}")
    texts = _check_texts(texts)
    evidence = generic_frame_evidence(texts)
    asked = {f: sum(q.frame == f for q in QUESTIONS) for f in FRAMES}
    by_doc = {doc: group for doc, group in evidence.groupby("doc")}
    rows = []
    for doc, text in enumerate(texts):
        found = by_doc.get(doc, evidence.iloc[:0])
        row: dict = {"blank": not text.strip()}
        for frame in FRAMES:
            hits = found[found["frame"] == frame]
            score = hits["indicator"].nunique() / asked[frame] if not row["blank"] else float("nan")
            row[frame] = bool(score >= threshold)
            row[f"{frame}_score"] = score
            row[f"{frame}_evidence"] = list(zip(hits["start"], hits["end"], hits["indicator"]))
        rows.append(row)
    columns = ["blank", *FRAMES, *(f"{f}_score" for f in FRAMES), *(f"{f}_evidence" for f in FRAMES)]
    out = pd.DataFrame(rows, columns=columns)
    out.attrs.update(instrument="analysis.framing.generic.generic_frames", threshold=threshold,
                     questions_asked=asked)
    return out


def _question_table() -> str:
    lines = ["", "The questions and their rules", "-----------------------------", ""]
    for q in QUESTIONS:
        lines.append(f"* {q.source} [{q.frame} / {q.key}]: {q.wording}")
        lines.append(f"  Rule: {q.rule}.")
        if q.key == "private_lives":
            lines.append("* Semetko & Valkenburg 2000, q10 [human_interest]: Does the story contain visual "
                         "information that might generate feelings of outrage, empathy-caring, sympathy, or "
                         "compassion?")
            lines.append("  Not asked: text only.")
    return "\n".join(lines) + "\n"


__doc__ += _question_table()
