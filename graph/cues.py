"""The grammar cues of ``ontology/events.toml`` (its ``[cues]`` table): words that decide how a
clause is read (negation, modality, placing, who takes part), as data. :class:`Cues` holds the
ones every extractor reads, :class:`ExtraCues` the rest; :mod:`graph.knowledge` loads both.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Cues:
    ceasefire_objects: frozenset[str]
    ceasefire_from: frozenset[str]
    negation_to_refusal: frozenset[str]
    irrealis_modals: frozenset[str]
    irrealis_governors: frozenset[str]
    relative_preps: tuple[str, ...]
    day_shifts: dict[str, int]
    blocking_preps: frozenset[str] = frozenset()
    generic_determiners: frozenset[str] = frozenset()
    light_verbs: frozenset[str] = frozenset()
    simultaneous_marks: frozenset[str] = frozenset()
    contact_preps: frozenset[str] = frozenset()
    sequel_shifts: dict[str, int] = field(default_factory=dict)   # "hours later", "the next day": after the last dated event


@dataclass(frozen=True)
class ExtraCues:
    """The grammar cues of the ``[cues]`` table of ``events.toml`` that :class:`Cues` does not hold."""

    ellipsis_marks: frozenset[str] = frozenset()    # "as Ukraine did": the clause repeats another's verb
    pro_verbs: frozenset[str] = frozenset()         # lemmas that stand for a verb phrase ("do")
    conditional_marks: frozenset[str] = frozenset()  # "if Moscow refuses": a condition, no event
    question_marks: frozenset[str] = frozenset()     # "whether Israel agreed is unclear": a question, no event
    generic_heads: frozenset[str] = frozenset()     # "those who refused": no one in particular
    position_hedges: frozenset[str] = frozenset()   # "agreed in principle": a stated position
    doubt_verbs: frozenset[str] = frozenset()       # "claimed Russia supported": the claim is the event
    source_phrases: frozenset[str] = frozenset()    # "according to the Kremlin": who the sentence is from
    talks_markers: frozenset[str] = frozenset()     # "a meeting between delegations" is Talks
    bounding_preps: frozenset[str] = frozenset()    # "until Friday": a bound, not the event's time
    new_event_modifiers: frozenset[str] = frozenset()  # "their next meeting" is not the one before
    reciprocal_verbs: frozenset[str] = frozenset()  # "Trump and Putin spoke": a contact between them
    reciprocal_meetings: frozenset[str] = frozenset()  # "Trump and Xi sat down": a meeting between them
    evaluative_verbs: frozenset[str] = frozenset()  # "described the call as excellent": no event
    onlooker_verbs: frozenset[str] = frozenset()    # "China is watching the visit": not China's visit
    phone_verbs: frozenset[str] = frozenset()       # "Trump called Putin": a phone call
    phone_preps: frozenset[str] = frozenset()       # "discussed Syria by telephone": a phone call
    phone_means: frozenset[str] = frozenset()
    in_person_phrases: frozenset[str] = frozenset()  # "spoke in person": a meeting, not a call
    venue_preps: frozenset[str] = frozenset()       # "spoke with Modi in Kazan", "at the summit": …
    venue_nouns: frozenset[str] = frozenset()       # … in a place or at a venue: a meeting, not a call
    durable_classes: frozenset[str] = frozenset()   # accords that last: "the truce collapsed on Tuesday"
    accord_enders: frozenset[str] = frozenset()     # … ended or broken on a day that is not theirs
    theme_preps: frozenset[str] = frozenset()       # "agreed to a swap": the swap is what was agreed
    theme_classes: frozenset[str] = frozenset()     # classes whose events are told apart by their theme
    object_control_verbs: frozenset[str] = frozenset()  # "persuaded Kyiv to accept": Kyiv accepts
    framing_preps: frozenset[str] = frozenset()     # "agreed during talks": the talks frame the agreement
    restated_classes: frozenset[str] = frozenset()  # classes an article may tell twice of one party
    prior_adverbs: frozenset[str] = frozenset()     # "said they had already talked": the saying is news too
    background_preps: frozenset[str] = frozenset()  # "on Monday, amid the invasion": not the invasion's day
    campaign_classes: frozenset[str] = frozenset()  # "amid the Russian invasion": a campaign with its agents
    campaign_parts: frozenset[str] = frozenset()    # "air attacks … amid the invasion": Russia's attacks
    outcome_classes: frozenset[str] = frozenset()   # "held talks on Monday … Kyiv proposed a summit": an outcome
    container_nouns: frozenset[str] = frozenset()   # "held a round of talks": the round stands for the talks
    third_party_verbs: frozenset[str] = frozenset()  # "talks mediated by Qatar": Qatar is no party
    occurrence_verbs: frozenset[str] = frozenset()  # "this came a day after the call": when, not what
    building_nouns: frozenset[str] = frozenset()  # "at the Miraflores palace": the name is the building's
    unmarked_contact_words: frozenset[str] = frozenset()  # "after talking with Modi" at a dated meeting: it
    obligation_modals: frozenset[str] = frozenset()  # "said Kyiv must/should …": a demand
    obligation_verbs: frozenset[str] = frozenset()   # "said Kyiv will have to / needs to …": a demand
    bidding_words: frozenset[str] = frozenset()     # "told Peru to stop": a demand
    comment_words: frozenset[str] = frozenset()     # "declined to comment": a statement, no refusal
    briefing_words: frozenset[str] = frozenset()    # "briefed Trump on the talks": no party to them
    placing_nouns: frozenset[str] = frozenset()     # "on the eve of the talks": the talks place the clause
    suffered_classes: frozenset[str] = frozenset()  # "there was shelling, the Moldovan president said": Moldova's
    consequence_classes: frozenset[str] = frozenset()  # "a strike that killed 12": the kill is the strike
    forceless_doers: frozenset[str] = frozenset()   # "sanctions targeting ships", "the storm hit": no attack
    schedule_passives: frozenset[str] = frozenset()  # "is expected to visit": a schedule, not a hope
    irrealis_adjectives: frozenset[str] = frozenset()  # "open to talks": readiness, no talks
    accord_nouns: frozenset[str] = frozenset()      # "a ceasefire deal" is a ceasefire ("a ceasefire plan" is not)
    informed_words: frozenset[str] = frozenset()    # "sources familiar with the talks": no talks told
    quarrel_words: frozenset[str] = frozenset()     # "their spat in the Oval Office": two people met
    fighting_words: frozenset[str] = frozenset()    # "ordered a halt to all operations": a ceasefire
    infinitive_governors: frozenset[str] = frozenset()  # "offered to host talks": no talks yet
