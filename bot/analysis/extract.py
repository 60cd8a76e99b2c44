"""The engine: article text in, attributed and classified statements out. No I/O."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from .classify import FIRST_PERSON, TopicMatcher, classify_statement, counted_votes
from .classify import forget_texts as forget_classify_texts
from .framing import framing_cues
from .heads import folded, matches, starts
from .heads import forget_texts as forget_heads_texts
from .lexicon import Lexicon, load_lexicon
from .models import Analysis, Block, Framing, OfficialEntry, Registry, Sentence, Statement
from .recap import is_recap
from .speakers import ArticleState, Mention, SpeakerResolver
from .speakers import forget_texts as forget_speaker_texts
from .text import bullet_end, dateline_end, label_end, normalise, quote_spans, split_blocks, split_sentences

QUOTE_FILL = "\u2591"  # blanks quoted text out of the attribution frame; not a word character
SKIP_ROLES = {"byline", "caption", "link"}
# "responded to a question from ..." is narration: a verb followed by this carries no content.
NO_CONTENT = re.compile(
    r"^\s*(?:to\s+(?:a|the|questions?|reporters)\b'?\s*(?:question|questions|query|queries|request|criticism|remarks)?"
    r"|\s*[.,]?\s*$)", re.IGNORECASE)
# What may stand between a subject and its verb: adverbs, auxiliaries, an appositive in commas.
SUBJECT_GAP = re.compile(
    r"^(?:\s|,|also|then|later|again|previously|earlier|further|however|repeatedly|recently|once|"
    r"separately|flatly|firmly|has|have|had|was|is|would|reportedly|meanwhile|too|though|yesterday|today|now|still|"
    r"on\s+\w+|in\s+\w+(?:\s+\w+)?|(?:this|last)\s+(?:week|month|year|morning|afternoon|evening|weekend)|"
    r"for\s+(?:his|her|their|its)\s+part|in\s+turn|"
    # a US legislator's state and party: "Sen. Richard Blumenthal of Connecticut said", "Gary Peters, D-Mich., said"
    r"of\s+(?-i:[A-Z])[\w.]+(?:\s+(?-i:[A-Z])[\w.]+)?|,\s*(?-i:[DRI])-(?-i:[A-Z])[\w.]*,|"
    r"at\s+(?:a|the)\s+\w+(?:\s+\w+)?|(?:,\s+(?:who|whose|which|the|a|an|speaking|asked)(?:[^,]{0,90},){1,2})"  # may hold a short quote
    # an age or a participle phrase set off by commas: "Berg, 54, said", "Berg, seen as a hawk, said",
    # "Berg, widely tipped to lead the party, has called for"
    # (an age and then a relative clause: "Berg, 47, who chairs the committee, said")
    r"|,\s+\d{1,3},(?:\s+(?:who|whose|which|the|a|an)\b[^,\u2591]{0,90},)?|,\s+(?:[a-z]+ly\s+)?[a-z]+(?:ed|en|ing)\b[^,\u2591]{0,90},"
    # "Tomasz Wrona, Poland's deputy interior minister, who said ...": an appositive, then the relative pronoun
    r"|,\s+[^,\u2591]{1,90},\s+who\s+"
    # a possessive appositive whose title lists several portfolios: "Mary Ng, Canada's minister of export
    # promotion, international trade and economic development, said"
    r"|,\s+(?:[A-Z][\w.\u2019'-]*\s+){0,3}[A-Z][\w.\u2019'-]*['\u2019]s\s+[^\u2591;:]{1,160},\s*"
    # ("Elbridge Colby, President Donald Trump's nominee for ..., told"), or a lower-case title: "Sunil Bhatia,
    # president of the Engineering Exporters' Council of India, welcomed"
    r"|,\s+(?-i:[a-z])[^,\u2591;:]{0,90},\s*"
    # a first verb phrase coordinated with the reporting verb: "Zelensky thanked the partners and stressed that"
    # (the first verb runs to the nearest conjunction, so the text splits one way only: no exponential backtracking)
    r"|[a-z]+ed\b(?:(?!\s+(?:and|but)\s)[^,.;:!?\"\u201c\u201d\u2591]){0,80}\s+and\s+"
    # ... or contrasted with it, over a short quoted word: 'Cooper called the delays "frustrating" but insisted'
    r"|[a-z]+ed\b(?:(?!\s+(?:and|but)\s)[^,.;:!?]){0,80}\s+but\s+)*$",
    re.IGNORECASE,
)


# "Zelensky has commented on the strike.", "he said on Telegram.": a topic or a channel, no content
_TOPIC_ONLY = re.compile(r"comment|said|says|wrote|writes|posted")
_ON_SOMETHING = re.compile(r"\s*(?:on|about)\s+(?!(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b)"
                           r"(?:[\w\u2019'-]+\s+){0,3}[\w\u2019'-]+[.]?\s*$", re.IGNORECASE)
# "The main obstacle is Putin, says Kellogg": a name just before ", says" is content, the one after it speaks
_COMMA_BEFORE = re.compile(r"\s*,\s*")
_INVERTED = re.compile(r"said|says|added|adds|noted|notes|wrote|writes|insisted|insists|warned|warns|explained|explains")
_WORD_BEFORE = re.compile(r"\w[\s]*$")
_OBJECT_SPEAKER = re.compile(r"quot|cit")  # "quoted X as saying", "citing X": the speaker is the object
# between a verb and the name after it, a bare role title: "citing spokesperson Anne Regnier"
_TITLE_GAP = re.compile(r"\s+(?:[\w.-]+\s+){1,5}")  # "said Commerce and Industry Minister Arvind Rao"
# a clause about the subject set between commas: "X, who ...," and "X, following a meeting with Y, said"
_RELATIVE = re.compile(r"\s*,\s+(?:who|whose|following|after|before|during|alongside|flanked\s+by|speaking|talking"
                       r"|writing|appearing)\b", re.IGNORECASE)
BACK_REFERENCE = re.compile(
    r"^\s*(?:that|this|those|these|such|so)\s+(?:was|were|is|are|said|says|came|come)\b|^\s*(?:the|those|these|his|her)\s+"
    r"(?:remarks|comments|words|message|warning|assessment|pledge|promise)\b"
    r"|^\s*(?:with|in|by)\s+(?:those|these|that|this|such)\s+(?:words|remarks|comments|warning|message|appeal|plea|"
    r"promise|pledge|argument|assessment|verdict)\b", re.IGNORECASE)
SPEECH_NOUN = re.compile(
    r"\b(?:remarks?|comments?|words|message|speaking|spoke|statement|summed up|put it|told|said|says|interview|"
    r"press conference|briefing|speech)\b", re.IGNORECASE)


@dataclass
class _Attribution:
    mention: Mention
    verb: str
    verb_start: int
    verb_end: int


class Engine:
    """Build once per registry, then call `analyze(text)` for each article."""

    def __init__(self, registry: Registry, lexicon: Lexicon | None = None):
        self.registry = registry
        self.lexicon = lexicon or load_lexicon()
        self.resolver = SpeakerResolver(registry, self.lexicon)
        self.topics = TopicMatcher(registry.topics)

    def clear_caches(self) -> None:
        """Drop memoised per-text work (results never depend on it; for benchmarks and memory)."""
        self.resolver.clear_caches()
        self.topics.clear_caches()

    def _forget_texts(self) -> None:
        """Work memoised by a sentence's text serves one article only: its sentences are read several
        times, another article's never (a copy of an article, as a benchmark ingests, is read afresh)."""
        forget_speaker_texts()
        forget_classify_texts()
        forget_heads_texts()
        self.resolver.clear_caches()

    def analyze(self, raw_text: str) -> Analysis:
        text = normalise(raw_text)
        return self.analyze_normalised(text)

    def analyze_normalised(self, text: str, published: date | None = None) -> Analysis:
        """Offsets in the result refer to `text` exactly (already normalised by the caller).
        `published` lets recaps be told from news ("said in March" in a March article is news).

        The text is read with typographic apostrophes as straight ones ("We\u2019ll see" is the
        "We'll see" every lexicon entry spells), a same-length change, so offsets hold; quotes,
        mentions and cues are then given back as the article wrote them."""
        if "\u2019" not in text:
            return self._analyze(text, published)
        analysis = self._analyze(text.replace("\u2019", "'"), published)

        def as_written(s: str) -> str:
            curly = s.replace("'", "\u2019")
            return curly if curly != s and s not in text and curly in text else s

        return Analysis(tuple(replace(st, text=text[st.start:st.end], mention=as_written(st.mention),
                                      cues=tuple(as_written(c) for c in st.cues)) for st in analysis.statements),
                        analysis.discovered,
                        tuple(replace(f, cue=text[f.start:f.start + len(f.cue)]) for f in analysis.framings))

    def _analyze(self, text: str, published: date | None) -> Analysis:
        self._forget_texts()
        blocks = split_blocks(text)
        sentences = split_sentences(text, blocks)
        quotes = quote_spans(text, blocks)
        state = ArticleState(text=text)
        turns, asking = _transcript_turns(text, blocks)
        framed = []
        for sent in sentences:
            block = blocks[sent.block]
            if block.role in ("link", "question") or sent.block in asking:
                continue  # "Read also: ..." (another article's headline) and an interviewer's "Q: ...": no one's statement
            # a speaker label in capitals that heads several paragraphs ("CALLAHAN: ...") is no dateline
            dateline = dateline_end(text, block.start, block.end) if sent.block not in turns else block.start
            start = max(sent.start, dateline, label_end(text, block.start, block.end),
                        bullet_end(text, block.start, block.end) if block.role == "bullet" else 0) \
                if sent.start == block.start else sent.start
            sent = Sentence(start, sent.end, sent.block, sent.index)
            in_quotes = [(a, b, g) for a, b, g in quotes if a < sent.end and b > sent.start]
            framed.append((sent, block, in_quotes, _frame(text, sent, in_quotes)))
        self._learn_names(framed, state)
        self.resolver.learn_title_genders(state)
        per_sentence: list[dict] = []
        labelled: tuple[int, _Attribution] | None = None  # a paragraph opened by "Spokesman: ..."
        # an interview transcript's answers belong to the person the article introduces before the
        # first question: the one named most often there (the first of equals)
        intro: dict[str, list[Mention]] = {}
        first_question = next((i for i, b in enumerate(blocks) if b.role == "question"), len(blocks))
        # a transcript's turns may be headed by the speaker's name on a line of its own ("Christine
        # Lagarde", "ANDREW BAILEY, BANK OF ENGLAND GOVERNOR"): the paragraphs after it are theirs
        transcript = first_question < len(blocks) or bool(
            blocks and _TRANSCRIPT.search(text, 0, blocks[min(3, len(blocks) - 1)].end))
        # an interview's answer is about what was asked: the latest question's text, per answer paragraph
        question_of: dict[int, str] = {}
        asked = ""
        for i, b in enumerate(blocks):
            if b.role == "question" or i in asking:  # "Q: ..." or an interviewer's labelled turn ("JOURNALIST: ...")
                asked = text[b.start:b.end]
            elif b.role == "answer" or (i in turns and asked):
                question_of[i] = asked
        # in a transcript, a paragraph with no label of its own that speaks in the first person ("So we
        # were waiting for their response ...") goes on with the turn before it
        turn_paragraphs = {i for i, b in enumerate(blocks) if (turns or first_question < len(blocks))
                           and FIRST_PERSON.search(text, b.start, b.end)}
        owner: Mention | None = None
        owner_block = -1  # a live blog's heading ("Matteo Rinaldi") heads the quotes of its own entry
        list_end = -2  # the last block of a list of someone's points (see below)
        for sent, block, in_quotes, frame in framed:
            mentions = self.resolver.mentions(frame, state, headline=block.role == "headline")
            attribution = self._attribute(frame, mentions, state, bool(in_quotes))
            heading = _speaker_heading(text, sent, block, mentions)
            bare_heading = heading is None and attribution is None and _LIST_HEADING.fullmatch(frame)
            if heading is None and attribution is None and (bare_heading or _quote_list(frame)):
                # "Here are key quotes from Powell's news conference:": the bare quotes after it are his;
                # under a bare "Key takeaways" heading they are the one person the article named before it
                named = mentions
                if bare_heading and not any(m.slug and m.kind not in ("pronoun", "anon") for m in mentions):
                    named = [m for r in per_sentence for m in r["mentions"]]
                people = {m.slug for m in named if m.slug and m.kind not in ("pronoun", "anon")}
                his = _HIS.search(frame) if not people else None
                if his is not None:
                    # "Key points from his remarks:": the person the paragraph is about, as for "he"
                    slug = self.resolver.resolve_pronoun("he" if his.group(0).lower() == "his" else "she", state)
                    if slug:
                        owner, owner_block, transcript = Mention(his.start(), his.end(), his.group(0), "pronoun", slug), \
                            sent.block, True
                        list_end = sent.block
                if len(people) == 1:
                    owner, owner_block, transcript = next(m for m in named if m.slug in people), sent.block, True
                    list_end = sent.block
            if heading is not None:
                owner, owner_block, attribution = heading, sent.block, None  # the heading itself is no statement
            elif owner is not None and attribution is None and block.role == "bullet" and 0 <= sent.block - list_end <= 1:
                # "Key points from Governor X's news conference:" and its bullets: each item is what X said,
                # quoted or not, for as long as the list runs on
                attribution, list_end = _Attribution(owner, "answer", 0, 0), sent.block
            elif owner is not None and attribution is None and block.role in ("body", "answer") \
                    and not text[sent.start:sent.end].isupper() \
                    and (in_quotes and (transcript or sent.block - owner_block <= 2) or first_question < len(blocks)):
                # not a subheading in capitals ("ON INFLATION:"); in an excerpt list only the quotes are
                # the speaker's (the narration after them is the reporter's), in an interview the answers
                attribution = _Attribution(owner, "answer", 0, 0)
            if sent.block < first_question and block.role not in SKIP_ROLES:
                for m in mentions:
                    if m.slug and m.kind not in ("pronoun", "anon"):
                        intro.setdefault(m.slug, []).append(m)
            if attribution is None and block.role == "answer" and intro:
                top = max(intro.values(), key=len)
                attribution = _Attribution(top[0], "answer", 0, 0)
            label = _label(frame)
            if labelled is not None and labelled[0] == sent.block - 1 and attribution is None and not label \
                    and not in_quotes and block.role == "body" and sent.block in turn_paragraphs:
                labelled = (sent.block, labelled[1])  # an unlabelled paragraph that goes on speaking continues the turn
            # a transcript turn ("Spokesman: ...", "SECRETARY BLINKEN: ...", an interview's "A: ..."): the
            # speaker's own words, unquoted, from after the label to the end of the paragraph
            turn = attribution is not None and attribution.verb == "answer"
            if attribution is not None and label and attribution.verb_end == label.end():
                labelled = (sent.block, attribution)
                turn = block.role != "headline"
            elif attribution is None and labelled is not None and labelled[0] == sent.block and not in_quotes:
                attribution = _Attribution(labelled[1].mention, "next", 0, 0)  # the rest of the labelled answer
                turn = True
            info = {"sent": sent, "block": block, "quotes": in_quotes, "frame": frame,
                    "attr": attribution, "mentions": mentions, "turn": turn, "heading": heading is not None,
                    "question": question_of.get(sent.block, "")}
            per_sentence.append(info)
            # pronouns resolve to the most recent speaker: update as we go
            for m in mentions:
                if m.slug:
                    state.seen(m.slug)
            opener = mentions[0] if mentions and not frame[:mentions[0].start].strip() else None
            if heading is not None:
                state.topic_person = heading.slug
            elif attribution is not None or not in_quotes:  # a quote running on keeps the person it follows
                if opener is not None and attribution is None and not in_quotes and opener.kind in ("name", "new", "title") \
                        and block.role == "body":
                    # "Gherasimov, standing beside him, struck a more urgent tone."; an unresolved title
                    # ("The Italian MEP, who ...") keeps the person named before it
                    state.topic_person = opener.slug or state.topic_person
                else:
                    state.topic_person = None
            self.resolver.learn_gender(frame, mentions, state, attribution.mention if attribution else None)
            if attribution and attribution.mention.slug:
                state.spoke(attribution.mention.slug)
        group_speaker = self._group_speakers(per_sentence, state)
        group_recap: dict[int, bool] = {}
        for row in per_sentence:
            for _a, _b, g in row["quotes"]:
                group_recap[g] = group_recap.get(g, False) or (row["attr"] is not None and _recap(row, published))
        statements = _consistent_stances(self._statements(text, per_sentence, group_speaker, state, group_recap,
                                                          published))
        return Analysis(tuple(statements), tuple(state.discovered.values()), self._framings(per_sentence, published))

    def _framings(self, rows: list[dict], published: date | None) -> tuple[Framing, ...]:
        """The reporter's words that someone's stance changed (see `framing`), each given to the
        person the sentence refers to before those words (else the speaker of the sentence or of
        the one just before). Not given to a name set off in commas ("sacked her chancellor, X,
        and announced a reversal") or to the owner of something else ("walk back Trump's
        confirmation"). Old news ("He reversed course in August" in a November article) is dropped."""
        out: list[Framing] = []
        recent: tuple[int, str] | None = None  # (block, slug) of the latest attributed speech
        for row in rows:
            sent, frame, attr = row["sent"], row["frame"], row["attr"]
            if row["block"].role not in SKIP_ROLES:
                for kind, cue, a, b in framing_cues(frame, self.lexicon):
                    if is_recap(frame[max(0, a - 15):b + 20], published):
                        continue
                    people = [m for m in row["mentions"] if m.slug and m.kind != "anon" and m.end <= a
                              and not (m.possessive and a - m.end > 25) and not _set_off(frame, m)]
                    # "a change of course for Reindl", "the climbdown by the chancellor": named as its holder
                    holder = next((m for m in row["mentions"] if m.slug and m.kind != "anon" and m.start >= b
                                   and _HOLDER.fullmatch(frame, b, m.start)), None)
                    slug = holder.slug if holder else people[-1].slug if people else None
                    if slug is None and attr is not None and attr.mention.slug:
                        slug = attr.mention.slug
                    if slug is None and recent is not None and sent.block - recent[0] <= 1:
                        slug = recent[1]
                    if slug is None:
                        continue
                    topics = tuple(dict.fromkeys(t[0] for t in self.topics.find(frame, fuzzy=False)))
                    out.append(Framing(slug, kind, cue, sent.start + a, topics))
            if attr is not None and attr.mention.slug:
                recent = (sent.block, attr.mention.slug)
        return tuple(out)

    def _learn_names(self, framed: list, state: ArticleState) -> None:
        """First pass: learn the article's people (full names with titles) before attributing.

        Headlines and standfirsts name people by surname or bare title ("Lindner says ...",
        "Governor warns ...") before the body introduces them in full. Each sentence is read on its
        own, then the results are merged; only names and titles are kept from this pass."""
        scratch = ArticleState()
        people: list[list[Mention]] = []  # per sentence, as read on its own
        for _sent, _block, _quotes, frame in framed:
            fresh = ArticleState(text=state.text)  # each sentence on its own: a bare surname cannot hide a full name
            people.append(self.resolver.mentions(frame, fresh, learn_only=True))
            for slug, entry in fresh.discovered.items():
                old = scratch.discovered.get(slug)
                scratch.discovered[slug] = entry if old is None else OfficialEntry(
                    slug, old.name, tuple(dict.fromkeys((*old.titles, *entry.titles))), old.aliases)
            for key, slug in fresh.local_names.items():
                scratch.local_names.setdefault(key, slug)
            for title, slug in fresh.local_titles:
                scratch.note_title(title, slug)
        # a surname discovered on its own ("Van Rijn says ...") belongs to the full name
        merged: dict[str, str] = {}
        for short in scratch.discovered.values():
            for full in scratch.discovered.values():
                if full.name.lower().endswith(" " + short.name.lower()) and full.slug != short.slug:
                    merged[short.slug] = full.slug
        for old, new in merged.items():
            scratch.discovered.pop(old, None)
            for key, slug in list(scratch.local_names.items()):
                if slug == old:
                    scratch.local_names[key] = new
            scratch.local_titles[:] = [(t, new if slug == old else slug) for t, slug in scratch.local_titles]
        state.discovered.update(scratch.discovered)
        state.local_names.update(scratch.local_names)
        for title, slug in scratch.local_titles:
            state.note_title(title, slug)
        self._titles_named_next(framed, people, state, merged)

    def _titles_named_next(self, framed: list, people: list[list[Mention]], state: ArticleState,
                           merged: dict[str, str]) -> None:
        """A wire lead that gives only the office ("Sweden's migration minister declined on Tuesday
        to ...") names the person in the next sentence or two ("Greta Lindholm, answering ..."):
        the office is that person's when nothing else holds it and the person is introduced
        there with no office of their own."""
        titled = {slug for _title, slug in state.local_titles}
        untitled = {slug for slug, entry in state.discovered.items() if not entry.titles and slug not in titled}
        # the office comes a sentence or two before the name: only sentences before a new untitled person
        last = max((j for j, found in enumerate(people)
                    if any(merged.get(p.slug, p.slug) in untitled for p in found if p.slug)), default=0)
        for i, (sent, _block, _quotes, frame) in enumerate(framed[:last]):
            if i + 3 <= last and not any(merged.get(p.slug, p.slug) in untitled
                                         for found in people[i + 1:i + 3] for p in found if p.slug):
                continue
            for m in self.lexicon.bare_title.finditer(frame):
                words = m.group(1).lower().replace("\u2019", "'")
                owner, mark, office = words.rpartition("'s ")
                before = frame[max(0, m.start(1) - 4):m.start(1)].lower()
                if not (mark and owner) and not before.endswith("the "):
                    continue  # "Sweden's migration minister", "the migration minister": not "a minister"
                phrase = office if mark else words
                if self.resolver.resolve_title(phrase, state):
                    continue
                addressed: set[str] = set()
                for j in range(i + 1, min(i + 3, len(framed))):
                    if framed[j][0].block - sent.block > 1:
                        break
                    named = next((p for p in people[j] if p.kind in ("new", "name") and p.slug), None)
                    if named is not None and (named.slug in addressed or _SPOKEN_TO.search(framed[j][3], 0, named.start)):
                        addressed.add(named.slug)
                        continue  # "He spoke to Niamh Brennan": the one spoken to holds no office here
                    if named is not None:
                        slug = merged.get(named.slug, named.slug)
                        entry = state.discovered.get(slug)
                        if entry is not None and not entry.titles and slug not in titled:
                            state.note_title(phrase, slug)
                            titled.add(slug)
                        break

    # -- attribution -----------------------------------------------------------------------------
    def _attribute(self, frame: str, mentions: list[Mention], state: ArticleState, quoted: bool) -> _Attribution | None:
        label = _label(frame)
        if label:  # "Virkkunen: No blanket pause for AI Act", "Spokesman: We have seen the reports"
            # the label names the person, perhaps after a qualifier: "Virkkunen:", "ECB's Lagarde:"
            speaker = next((m for m in mentions if m.start >= label.start(1) - 1 and (
                m.end >= label.end(1) - 1 or _LABEL_TOPIC.fullmatch(frame, m.end, label.end(1)))
                            and m.start < label.end(1) and m.slug and m.kind not in ("pronoun", "anon")), None)
            if speaker is None:  # a bare title as the label: "Spokesman:" after "Stéphane Dujarric, Spokesman for ..."
                # or a transcript's capitals and honorifics: "SECRETARY BLINKEN:", "MS. LEAVITT:"
                slug = self.resolver.resolve_title(label.group(1), state) or self.resolver.resolve_label(label.group(1), state)
                if slug:
                    speaker = Mention(label.start(1), label.end(1), label.group(1), "title", slug)
            if speaker is not None:
                return _Attribution(speaker, "according to", label.end(1), label.end())
        words = _IN_HIS_WORDS.match(frame)
        if words:  # "In his words, the price cap is too high": like "according to him"
            speaker = Mention(words.start(1), words.end(1), words.group(1), "pronoun")
            speaker.slug = self.resolver.resolve_pronoun("he" if words.group(1).lower() == "his" else "she", state)
            return _Attribution(speaker, "according to", words.start(), words.end())
        earlier = False  # a verb of saying before this one: what follows it is content
        for verb in matches(self.lexicon.reporting_verbs, frame, starts(frame, self.lexicon.sentence_index).get(self.lexicon.verbs_at, ())):
            v = verb.group(0).lower()
            if earlier and v in _STANCE_VERBS:
                continue  # "Kremlin says Putin supports a truce": Putin's support is what the Kremlin says
            earlier = True
            after = frame[verb.end():]
            speaker = None
            if v.startswith("according"):
                speaker = next((m for m in mentions if 0 <= m.start - verb.end() <= 6), None)
                him = _ACCORDING_PRONOUN.match(frame, verb.end())
                if speaker is None and him:  # "According to him, ...": the object pronoun is the source
                    speaker = Mention(him.start(1), him.end(1), him.group(1), "pronoun")
            else:
                right = next((m for m in mentions if not m.possessive and self._right_after(frame, verb.end(), m)), None)
                left = None
                for m in mentions:
                    if m.end <= verb.start() and not m.possessive and SUBJECT_GAP.match(frame[m.end:verb.start()]):
                        left = m
                # a participle after a comma takes the sentence's subject: "Powell held rates steady, saying ..."
                participle = v.endswith("ing") and frame[:verb.start()].rstrip().endswith(",")
                if left is not None:
                    # a name inside a relative clause is not the subject: "Ford, who ... New York, struck"; nor one
                    # inside an appositive: "Basem Naim, an adviser to Hamas chief Ismail Haniyeh, said"
                    head = next((m for m in mentions if m.end <= left.start and m.kind not in ("pronoun", "anon")
                                 and not m.possessive and (_RELATIVE.match(frame, m.end) or _APPOSITIVE.fullmatch(
                                     frame, m.end, left.start)) and "\u2591" not in frame[m.end:left.start]), None)
                    if head is not None and frame[left.end:verb.start()].lstrip().startswith(","):
                        left = head
                    if participle:
                        # "Zelensky discussed air defence with Minister Umerov, stating that ...": the
                        # participle's subject is the sentence's, not the nearest name
                        opener = next((m for m in mentions if m.kind not in ("pronoun", "anon") and not m.possessive),
                                      None)
                        if opener is not None and opener is not left and not frame[:opener.start].strip() \
                                and "," not in frame[opener.end:left.start]:
                            left = opener
                if left is None and participle:
                    left = next((m for m in mentions if m.end <= verb.start() and not m.possessive
                                 and m.start <= 60 and m.kind != "anon"), None)
                if left is not None and not (right is not None and (
                        _ends_quote(frame, verb.start()) or _inverted(frame, v, verb.start(), left, right, mentions))):
                    speaker = left
                elif right is not None and (right.kind == "pronoun" or _OBJECT_SPEAKER.match(v)
                                            or not _WORD_BEFORE.search(frame, 0, verb.start())):
                    # "..., said Rutte" / '"...," said Rutte' / "the minister said she ..."; but in "Kremlin
                    # says Putin supports a truce" a subject (no person) stands before the verb and Putin is
                    # what it says
                    speaker = right
            if speaker is None:
                continue
            is_deflection = bool(self.lexicon.deflection_verbs.fullmatch(v))
            # a title glued before the name belongs to the speaker's phrase: "..., Kremlin spokesman Dmitry Peskov said."
            lead = min((m.start for m in mentions if m.kind == "title" and speaker.start - 1 <= m.end <= speaker.start),
                       default=speaker.start)
            glued = _GLUED_TITLE.search(frame, 0, lead)
            if glued and self.lexicon.role_pattern.search(frame, glued.start(1), speaker.end):
                lead = glued.start(1)  # a lower-case title too: "..., foreign policy chief Kaja Kallas said."
            rest = after[max(0, speaker.end - verb.end()) if speaker.start > verb.start() else 0:]
            if not quoted and not is_deflection and (NO_CONTENT.match(rest) or _TOPIC_ONLY.match(v) and _ON_SOMETHING.match(rest)) \
                    and not _content_before(frame, min(lead, verb.start())):
                continue
            if speaker.kind == "pronoun":
                speaker.slug = self.resolver.resolve_pronoun(speaker.text, state)
            return _Attribution(speaker, v, verb.start(), verb.end())
        return None

    def _right_after(self, frame: str, verb_end: int, m: Mention) -> bool:
        """A mention starting right after the verb, or after a bare role title ("citing spokesperson X");
        the title may end inside the mention ("said Commerce and [Industry Minister Arvind Rao]")."""
        return 0 <= m.start - verb_end <= 2 or bool(
            _TITLE_GAP.fullmatch(frame, verb_end, m.start) and self.lexicon.role_pattern.search(frame, verb_end, m.end))

    def _group_speakers(self, rows: list[dict], state: ArticleState) -> dict[int, _Attribution | None]:
        """One speaker per quotation group: its own attribution, else the sentence after it, else
        the previous speaker when the quote directly continues their paragraph."""
        groups: dict[int, list[int]] = {}
        for i, row in enumerate(rows):
            for _a, _b, g in row["quotes"]:
                groups.setdefault(g, []).append(i)
        result: dict[int, _Attribution | None] = {}
        for g, idxs in groups.items():
            attrib = next((rows[i]["attr"] for i in idxs if rows[i]["attr"]), None)
            if attrib is None and any(_INSTITUTION_SAID.search(rows[i]["frame"]) for i in idxs):
                # '"...," Zelensky's office said': an institution speaks, and the bot records people
                result[g] = _INSTITUTION
                continue
            first = idxs[0]
            if attrib is None and first > 0 and rows[first - 1]["block"] is rows[first]["block"] \
                    and rows[first - 1]["quotes"] and rows[first - 1]["attr"] is not None:
                # '"...," he said. "And more ..."': a quote that follows an attributed quote in the
                # same paragraph continues that speaker
                attrib = rows[first - 1]["attr"]
            if attrib is None:
                attrib = self._next_sentence_speaker(rows, idxs[-1] + 1)
            if attrib is None:
                first = idxs[0]
                for j in range(first - 1, max(-1, first - 4), -1):
                    prev = rows[j]
                    if rows[first]["block"] is not prev["block"] and rows[first]["sent"].block - prev["sent"].block > 1:
                        break
                    if prev["attr"] is not None:
                        attrib = prev["attr"]
                        break
                    people = {m.slug for m in prev["mentions"] if m.slug and m.kind not in ("anon", "pronoun")}
                    if j == first - 1 and not prev["quotes"] and len(people) == 1:
                        # "Mr Miliband was in combative mood." then a quote: the one person just named
                        attrib = _Attribution(next(m for m in prev["mentions"] if m.slug in people), "next", 0, 0)
                        break
                    prev_groups = {q[2] for q in prev["quotes"]}
                    carried = next((result.get(pg) for pg in prev_groups if result.get(pg)), None)
                    if carried:
                        attrib = carried
                        break
            result[g] = attrib
        return result

    def _next_sentence_speaker(self, rows: list[dict], nxt: int) -> _Attribution | None:
        """A quote whose speaker is named only in the following sentence: '"..." That was how
        Federal Reserve Chair Jerome Powell summed up the decision.'"""
        if nxt >= len(rows):
            return None
        frame = rows[nxt]["frame"]
        back_reference = BACK_REFERENCE.match(frame)
        if rows[nxt]["quotes"] and rows[nxt]["attr"] is None and not back_reference:
            return None  # a quote of its own; but "Those were the words of X, who had said "...""
        speech = SPEECH_NOUN.search(frame)
        if not (back_reference or speech):
            return None
        if rows[nxt]["attr"] is not None and rows[nxt]["attr"].mention.kind != "pronoun":
            # a new paragraph that speaks for itself ("Trump says he is ready to ...") after a quote
            # paragraph is not that quote's attribution; "That was how X put it", the rest of the
            # quote's own paragraph, and the lead after a headline quote are
            prev = rows[nxt - 1] if nxt > 0 else None
            follows = prev is not None and (prev["block"] is rows[nxt]["block"] or prev["block"].role == "headline")
            return rows[nxt]["attr"] if back_reference or follows or rows[nxt]["attr"].verb == "next" else None
        m = next((m for m in rows[nxt]["mentions"] if m.slug and m.kind not in ("pronoun", "anon")), None)
        return _Attribution(m, "next", 0, 0) if m else None

    # -- statements ------------------------------------------------------------------------------
    def _statements(self, text: str, rows: list[dict], group_speaker: dict, state: ArticleState,
                    group_recap: dict[int, bool], published: date | None) -> list[Statement]:
        out: list[Statement] = []
        prev_topics: tuple[str, ...] = ()
        prev_slug: str | None = None
        prev_groups: set[int] = set()
        prev_block: int | None = None
        context = self.topics.article_topics(text)
        absent = self.topics.unanchored(text)
        headline = next((text[b.start:b.end] for b in _blocks_of(rows) if b.role == "headline"), "")
        focus = self.topics.focus(text, headline)
        question_topics: dict[str, tuple[str, ...]] = {}  # an interview question's topics, found once per question
        group_sizes: dict[int, int] = {}  # words per quotation group, across sentences and paragraphs
        for row in rows:
            for a, b, g in row["quotes"]:
                group_sizes[g] = group_sizes.get(g, 0) + len(text[a:b].split())
        for i, row in enumerate(rows):
            sent, block, quotes, attrib = row["sent"], row["block"], row["quotes"], row["attr"]
            if block.role in SKIP_ROLES or row["heading"] or _stated_by(row["frame"]):
                continue  # "This was stated by X ...": the attribution of the sentence before, not speech
            if attrib is None and not quotes and block.role != "headline":
                attrib = _stated_after(rows, i)
            quoted_words = sum(len(text[a:b].split()) for a, b, _ in quotes)
            direct = quoted_words >= 3
            if direct and row["attr"] is None and _scare_quotes(text, sent, quotes, group_sizes) \
                    and not self.lexicon.reporting_verbs.search(row["frame"]):
                continue  # narration with a quoted label: 'a "stop the clock" campaign from industry'
            if row["turn"] and _only_asks(text[block.start:block.end]):
                continue  # a member's question in a parliamentary record: "Anders Holm (S): Does the minister accept ...?"
            if row["turn"] and not quotes and attrib is row["attr"]:
                # a transcript turn: the speaker's own words, unquoted, after the label if it opens the
                # sentence (a label line's attribution ends where its label does; answers' at 0)
                start, end, direct = sent.start + attrib.verb_end, sent.end, True
            elif direct:
                speakers = [group_speaker.get(g) for _a, _b, g in quotes]
                if attrib is None and all(sp is _INSTITUTION for sp in speakers):
                    continue  # an institution's words (see `_group_speakers`)
                attrib = attrib or next((sp for sp in speakers if sp and sp is not _INSTITUTION), None)
                start = max(sent.start, min(a for a, _b, _g in quotes))
                end = min(sent.end, max(b for _a, b, _g in quotes))
                # a quote that covers little of the sentence is reported speech with a quoted phrase
                # ("said the plan was "dead on arrival""), unless it is a whole utterance of its own
                if attrib and quoted_words < 0.5 * len(text[sent.start:sent.end].split()) and attrib.verb_start \
                        and (block.role == "headline" or not any(_whole_utterance(text, sent.start, a)
                                                                 for a, _b, _g in quotes)):
                    start, end, direct = sent.start, sent.end, False
            elif attrib is not None:
                start, end = sent.start, sent.end
                if attrib is row["attr"] and attrib.verb_end and _INTRODUCES.fullmatch(row["frame"], attrib.verb_end) \
                        and i + 1 < len(rows) and rows[i + 1]["quotes"]:
                    continue  # "Foreign Minister Anna Lund said:" on a line of its own introduces the quote below
            else:
                continue
            start, end = _trim(text, start, end)
            if end - start < 3:
                continue
            slug = attrib.mention.slug if attrib else None
            mention = attrib.mention.text if attrib else ""
            body = text[start:end]
            groups = {g for _a, _b, g in quotes}
            same_quote = direct and bool(groups & prev_groups)
            # the same speaker going on in the next sentence, same or next paragraph: a sentence with no
            # topic word of its own ("We are not there yet.") stays on the previous one's topic
            near = prev_block is not None and sent.block - prev_block <= 1
            inherit = prev_topics if slug and slug == prev_slug and (same_quote or _continues(body) or near) else ()
            if row["question"]:
                # "Q: Will you commit to 2% on defence? A: It is too early to say.": the question's topics
                asked = question_topics.get(row["question"])
                if asked is None:
                    asked = question_topics[row["question"]] = tuple(
                        f[0] for f in self.topics.find(row["question"], context=context, absent=absent))
                inherit = asked or inherit
            said, narration = body, ""
            if direct and quotes:
                # the words around the quote ("Asked whether a cut was possible, he said: ...") may
                # name its topic; kind and stance still come from the quote
                outside, last = [], sent.start
                for a, b, _g in sorted(quotes):
                    outside.append(text[last:max(last, a)])
                    last = max(last, b)
                outside.append(text[last:sent.end])
                narration = " ".join(part.strip(' "\u201c\u201d,') for part in outside).strip()
            else:
                said = text[sent.start:sent.end]
                part = _speaker_part(row["frame"], row["attr"]) if row["attr"] is attrib else None
                if part is not None:
                    said, narration = said[part:], said[:part]
            # other people named in the sentence: a commitment of theirs ("Putin will not stop") is not the speaker's
            # (a spokesperson announcing their principal's decision does commit: "Trump will sign the order, Leavitt said")
            others = frozenset(m.text.split()[-1].lower().removesuffix("'s") for m in row["mentions"]
                               if m.slug and m.slug != slug and m.kind in ("name", "new"))
            if others and _SPOKESPERSON.search(" ".join([mention, *(t for t, s in state.local_titles if s == slug)])):
                others = frozenset()
            kind, subtype, cues, topics = classify_statement(said, self.lexicon, self.topics, inherit, context,
                                                             focus, reported=not direct, narration=narration,
                                                             absent=absent, others=others)
            out.append(Statement(
                speaker_slug=slug,
                speaker_name=self.resolver.name_of(slug, state) if slug else None,
                mention=mention,
                text=body,
                start=start,
                end=end,
                direct=direct,
                kind=kind,
                subtype=subtype,
                cues=cues,
                topics=topics,
                sentence_index=sent.index,
                recap=_recap(row, published) or any(group_recap.get(g, False) for g in groups),
            ))
            prev_topics = tuple(t.slug for t in topics)
            prev_slug = slug
            prev_groups = groups
            prev_block = sent.block
        return out


# Attribution after the content, in a sentence of its own: "Ukraine expects new systems this month.
# This was stated by President Volodymyr Zelensky in his evening address." / "X said this at a
# press conference." / "He made these remarks in Brussels."
_STATED_BY = re.compile(
    r"^\s*(?:as\s+(?:previously\s+)?reported(?:\s+by\s+[^,\u2591]{1,40})?,\s*)?"  # "As reported by Ukrinform, ..."
    r"(?:(?:that['\u2019]s|that\s+is|this\s+is)\s+according\s+to\b"  # "That's according to President X, who spoke ..."
    r"|(?:this|that|these|such|the)(?:\s+(?:statement|remarks?|comments?|announcement|words|view|position|opinion|assessment))?\s+"
    r"(?:was|were|has\s+been|have\s+been)\s+(?:\w+ly\s+)?(?:stated|said|announced|noted|declared|emphasi[sz]ed|"
    r"stressed|made|voiced|expressed|written|posted|told)\s+by\b"
    r"|(?:[\w.\u2019'-]+\s+){1,6}?(?:said|stated|announced|noted|wrote|declared|made)\s+(?:this|these\s+remarks"
    r"|this\s+statement|the\s+remarks?|the\s+statement)(?=\s+(?:at|in|during|on|while|when|after|before|to|as|via"
    r"|through|from|speaking|today|yesterday)\b|\s*[,.;]))",
    re.IGNORECASE)


def _stated_by(frame: str) -> bool:
    return bool(_STATED_BY.match(frame))


def _stated_after(rows: list[dict], i: int) -> _Attribution | None:
    """The speaker of an unattributed sentence whose attribution follows in a sentence of its own,
    in the same paragraph or at the start of the next one."""
    if i + 1 >= len(rows) or rows[i + 1]["sent"].block - rows[i]["sent"].block > 1:
        return None
    nxt = rows[i + 1]
    if not _stated_by(nxt["frame"]):
        return None
    if nxt["attr"] is not None and nxt["attr"].mention.slug:
        return _Attribution(nxt["attr"].mention, "next", 0, 0)
    m = next((m for m in nxt["mentions"] if m.slug and m.kind != "anon"), None)
    return _Attribution(m, "next", 0, 0) if m else None


# verbs that report a position rather than an utterance: in another verb's content they are content
_STANCE_VERBS = frozenset({"backs", "opposes", "supports", "slams", "blasts", "opens door", "opens the door"})
# what a headline label may add after the name: "Zelensky on Ramstein: ...", "Lagarde on rates: ..."
_LABEL_TOPIC = re.compile(r"\s+(?:on|about|over|in|at)\s+[\w.\u2019'-]+(?:\s+[\w.\u2019'-]+)?")
# a speaker's name or title as a label before a colon: headlines and transcripts, where a
# parliamentary record adds party or office in brackets ("Greta Lindholm (Minister for Migration):")
def _label(frame: str) -> re.Match[str] | None:
    return _LABEL.match(frame) if ":" in frame else None  # a label ends in a colon


_LABEL = re.compile(r"^\s*((?:[Tt]he\s+)?[A-Z][\w.\u2019'-]*(?:\s+[\w.\u2019'-]+){0,3}?)\s*(?:\([^()\n]{1,60}\)\s*"
                    r"|,\s+[a-z][^,:;()\n]{2,60}?)?:\s+(?=\S)")  # "Name (Party): ...", "Name, role: ..."
_IN_HIS_WORDS = re.compile(r"^\s*(?:in|by)\s+(his|her)\s+(?:own\s+)?(?:words|view|opinion|assessment|account)\s*,",
                           re.IGNORECASE)
# a transcript's speaker label at the start of a paragraph: "CALLAHAN:", "HOLT:", "MS. HARLAN:"
_TURN_LABEL = re.compile(r"[ \t]*([A-Z][A-Z.\u2019' -]{1,30}?)[ \t]*:[ \t]+\S")


_INTERVIEWERS = frozenset({"journalist", "reporter", "interviewer", "moderator", "host", "presenter", "question",
                           "audience member"})


def _transcript_turns(text: str, blocks: list[Block]) -> tuple[set[int], set[int]]:
    """Paragraphs opened by a speaker label in capitals that opens at least two paragraphs (a
    dateline opens one), and those of them whose speaker mostly asks: an interviewer's turns
    ("HOLT: ... What's your reaction?") are questions, no one's statements."""
    by_label: dict[str, list[int]] = {}
    for i, b in enumerate(blocks):
        m = _TURN_LABEL.match(text, b.start, b.end)
        if m and len(m.group(1).split()) <= 3:
            by_label.setdefault(m.group(1).strip(), []).append(i)
    turns: set[int] = set()
    asking: set[int] = set()
    for label, idxs in by_label.items():
        if len(idxs) < 2 or label in ("Q", "A"):
            continue
        if label.lower().rstrip(".") in _INTERVIEWERS:
            turns.update(idxs)  # "JOURNALIST: ...", "REPORTER: ...": the questions, named by role
            asking.update(idxs)
            continue
        last = label.split()[-1].strip(".").title()
        if not re.search(rf"[A-Z][\w.\u2019'-]*\s+{re.escape(last)}\b", text):
            continue  # no one of that name in the article ("Jenna Holt" for "HOLT:"): a repeated dateline ("KYIV:")
        turns.update(idxs)
        if 2 * sum(text[blocks[i].start:blocks[i].end].rstrip().endswith("?") for i in idxs) >= len(idxs):
            asking.update(idxs)
    return turns, asking


def _scare_quotes(text: str, sent: Sentence, quotes: list[tuple[int, int, int]], group_sizes: dict[int, int]) -> bool:
    """Short quoted labels inside a sentence with no reporting verb ('the arrangement, which
    ministers have branded "one in, one out", allows ...'): narration, not speech. A quote
    that opens the sentence, follows a colon or comma, or runs on into other sentences is speech."""
    return all(group_sizes.get(g, 0) <= 5 and not _whole_utterance(text, sent.start, a) for a, _b, g in quotes)


_ACCORDING_PRONOUN = re.compile(r"\s+(?:to\s+)?(him|her)\b", re.IGNORECASE)


def _whole_utterance(text: str, sentence_start: int, quote_start: int) -> bool:
    """A quote that opens its sentence, or follows a colon or comma ("he said: "I'm not going to
    give you a date""), and starts with a capital letter is a full utterance, not a quoted phrase."""
    if not text[quote_start:quote_start + 1].isupper():
        return False
    before = text[sentence_start:quote_start - 1].rstrip()
    return not before or before[-1] in ":,"


_SPOKESPERSON = re.compile(r"spokes|press\s+secretary|press\s+service|aide\b", re.IGNORECASE)
# nothing after a verb of saying but the colon or comma that introduces a quotation on the next line
_INTRODUCES = re.compile(r"\s*(?:(?:on|in|at|last|this)\s+\w+\s*)?[:,]\s*")
# an appositive that names someone else before the verb: ", an adviser to Hamas chief " (then "X, said")
_APPOSITIVE = re.compile(r"\s*,\s*(?:a|an|the|his|her|their|its)\s+[^,;:\u2591]{0,80}")
# the words between a comma and a name: "..., summit president Sultan al-Jaber told delegates"
_GLUED_TITLE = re.compile(r",\s*((?:[\w.\u2019'-]+\s+){1,5})$")
# Reported content placed before a sentence-final attribution: "Duties will follow next week, the
# minister said." / "..., she added." The content is a clause of at least three words ended by a comma.
_CONTENT_BEFORE = re.compile(r"\w+(?:\W+\w+){2,}[\"'\u2019\u201d)]*\s*,\s*$")


def _content_before(frame: str, at: int) -> bool:
    return bool(_CONTENT_BEFORE.search(frame, max(0, at - 80), at))


# what may follow a sentence-final attribution's verb: "..., she said on Tuesday, without ..."
_AFTER_VERB = re.compile(r"\s*(?:(?:on|in|at|last|this)\s+\w+\s*)?(?:[,.;:!?\u2013\u2014]|$)")
# narration joined to the attribution: "The bank cut rates, but the governor warned ..."
_JOINED = re.compile(r"\w\W*?(?:,\s*|\s)(?:but|and|as|while|whereas|with|yet|though|although|after)\s+(?:the\s+)?$",
                     re.IGNORECASE)


_INSTITUTION = _Attribution(Mention(0, 0, "", "anon"), "institution", 0, 0)  # a quotation group spoken by an institution
# an institution as the subject of a verb of saying: "Zelensky's office said", "the Kremlin said", "the statement added"
_INSTITUTION_SAID = re.compile(
    r"(?:^|[\s,])(?:the\s+)?(?:[\w\u2019'-]+\s+){0,3}?(?:office|ministry|kremlin|white\s+house|government|commission|"
    r"department|embassy|presidency|cabinet|council|agency|statement|spokesperson['\u2019]s\s+office|secretariat)"
    r"\s+(?:has\s+|had\s+|also\s+)?(?:said|says|stated|added|denied|announced|wrote|noted|confirmed|insisted|warned)\b",
    re.IGNORECASE)
_HIS = re.compile(r"\b(?:his|her)\b", re.IGNORECASE)


def _quote_list(frame: str) -> bool:
    low = folded(frame)  # the regex's words, as re.IGNORECASE finds them, are in the folded text
    return any(w in low for w in _QUOTE_LIST_WORDS) and bool(_QUOTE_LIST.search(frame))


_QUOTE_LIST_WORDS = ("quotes", "excerpts", "highlights", "takeaways", "points")
_QUOTE_LIST = re.compile(r"\b(?:(?:key\s+|main\s+|some\s+)?(?:quotes|excerpts|highlights|takeaways)|(?:key|main)\s+points)"
                         r"\s+(?:from|by|of)\b", re.IGNORECASE)
# a heading of its own over a list of bare quotes: "Key takeaways", "Key quotes:", "In his own words"
_LIST_HEADING = re.compile(r"\s*(?:(?:key|main|top)\s+(?:quotes|takeaways|comments|remarks)|(?:in\s+)?(?:his|her)\s+own\s+words"
                           r"|what\s+(?:he|she)\s+said|quotes)\s*:?\s*", re.IGNORECASE)
_TRANSCRIPT = re.compile(r"\b(?:transcript|excerpts? from|following are|edited for (?:length|clarity))\b", re.IGNORECASE)


def _speaker_heading(text: str, sent: Sentence, block: Block, mentions: list[Mention]) -> Mention | None:
    """A paragraph that is nothing but a person's name, with an optional title after a comma or a
    closing colon: a transcript's speaker heading."""
    label = text[block.start:block.end].rstrip().endswith(":")  # "MARTA KOS, commissioner, at the news conference:"
    if sent.start > block.start + 1 or sent.end < block.end - 1 or block.end - block.start > (200 if label else 90):
        return None
    m = next((m for m in mentions if m.slug and m.kind in ("name", "new") or label and m.kind == "anon"), None)
    if m is None or text[block.start:sent.start + m.start].strip():
        return None
    rest = text[sent.start + m.end:block.end].strip()
    if label and (not rest or rest.startswith(",") or rest == ":"):
        return m  # a label line heads what follows, however long its description; "A SENIOR DIPLOMAT, ...:" too
    if rest and rest[-1] in ".!?\"\u201d'\u2019":
        return None  # a heading has no closing punctuation: "Jerome Powell, though, said ... high." is a sentence
    if rest.startswith(",") and rest[1:].split()[:1] and rest[1:].split()[0].lower() in ("says", "said", "warns", "tells"):
        return None  # a headline: "..., Says Bailey"
    return m if not rest or rest.startswith(",") and len(rest.split()) <= 8 else None


def _speaker_part(frame: str, attr: _Attribution | None) -> int | None:
    """Where the speaker's own words start in an indirect statement whose content follows a
    narration: "The bank cut rates, but the governor warned that ..." and "X, who had objected to
    the change, said that ..." are read from the verb on; the narration before it is the reporter's.
    None when the sentence is the speaker's from its start ("X said ...") or the attribution
    follows its content ("..., she said")."""
    if attr is None or attr.verb == "next" or attr.verb.startswith("according"):
        return None
    m = attr.mention
    if m.end > attr.verb_start or _AFTER_VERB.match(frame, attr.verb_end):
        return None  # "..., Bailey, who ..., said on Tuesday.": the content stands before
    if _JOINED.search(frame, 0, m.start) or _RELATIVE.match(frame, m.end):
        return attr.verb_start
    return None


def _recap(row: dict, published: date | None) -> bool:
    """Whether the sentence's attribution places the speech in the past (see recap.py); decided
    once, for the sentences that need it."""
    recap = row.get("recap")
    if recap is None:
        recap = row["recap"] = is_recap(_attribution_part(row), published)
    return recap


def _attribution_part(row: dict) -> str:
    """Where a recap marker counts: the frame around the attribution ("In March, X had said that"),
    not dates inside the reported content ("... since the last hike in September")."""
    frame, attr = row["frame"], row["attr"]
    if attr is None or not attr.verb_end or row["quotes"]:
        return frame
    return frame[:attr.verb_end + 30]


def _blocks_of(rows: list[dict]) -> list[Block]:
    return list(dict.fromkeys(row["block"] for row in rows))


_HOLDER = re.compile(r"\s+(?:for|by)\s+(?:the\s+|a\s+)?")


_SPOKEN_TO = re.compile(r"\b(?:to|with|told|asked|by|interviewed)\s+$", re.IGNORECASE)


def _only_asks(paragraph: str) -> bool:
    """A paragraph that is nothing but a question (no sentence of it ends with a full stop)."""
    return paragraph.rstrip().endswith("?") and not re.search(r"[.!][\"\u201d\u2019')]*\s", paragraph)


def _set_off(frame: str, m: Mention) -> bool:
    """A name between commas after other words ("sacked her chancellor, X, and"): an aside, not the subject."""
    return m.start >= 2 and frame[m.start - 2:m.start] == ", " and frame[m.end:m.end + 1] == ","


def _frame(text: str, sent: Sentence, quotes: list[tuple[int, int, int]]) -> str:
    chars = list(text[sent.start:sent.end])
    for a, b, _g in quotes:
        for i in range(max(a, sent.start), min(b, sent.end)):
            chars[i - sent.start] = QUOTE_FILL
    return "".join(chars)


def _inverted(frame: str, verb: str, verb_start: int, left: Mention, right: Mention, mentions: list[Mention]) -> bool:
    """"The main obstacle is Putin, says Kellogg": a name right before ", says" is what is said and the
    name after the verb speaks; not when that name closes an appositive ("X, party spokesman, said ...")."""
    return (right.kind != "pronoun" and bool(_INVERTED.fullmatch(verb))
            and bool(_COMMA_BEFORE.fullmatch(frame, left.end, verb_start))
            and not any(m.slug == left.slug and m.end <= left.start for m in mentions))


def _ends_quote(frame: str, pos: int) -> bool:
    """True when the verb directly follows a quotation: '"...," said Rutte'."""
    return bool(re.search(QUOTE_FILL + r"[\"\u201d\u2019']?\s*[,.!?\u2013\u2014-]*\s*[\"\u201d]?\s*$", frame[:pos]))


def _continues(body: str) -> bool:
    return bool(re.match(r"\s*(?:he|she|it|this|that|they|these|those|such)\b", body, re.I))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\n,\"\u201c\u201d'":
        start += 1
    while end > start and text[end - 1] in " \t\n,\"\u201c\u201d":
        end -= 1
    return start, end


MIN_LINE = 1  # statements that must agree before a speaker's line fills a plain claim


COMMITMENT_WEIGHT = 2  # a commitment on a topic says more about the speaker's line than a claim
LINE_MARGIN = 2  # votes by which one side must lead when the speaker's statements disagree


def _line(stances: list[str]) -> str | None:
    """The speaker's line on a topic from their weighted votes: unanimous (at least MIN_LINE), or one
    side ahead of the other by LINE_MARGIN."""
    sup, opp = stances.count("support"), stances.count("oppose")
    if not opp and sup >= MIN_LINE or not sup and opp >= MIN_LINE:
        return "support" if sup else "oppose"
    if abs(sup - opp) >= LINE_MARGIN:
        return "support" if sup > opp else "oppose"
    return None


def _consistent_stances(statements: list[Statement]) -> list[Statement]:
    """A named speaker's plain claim with no direction of its own on a topic ("The whole world has
    now spoken") takes the line the same speaker argues on that topic elsewhere in the article,
    when that line is clear: the speaker's non-neutral, non-recap statements agree, or one side leads
    by LINE_MARGIN votes, a commitment counting COMMITMENT_WEIGHT times. A refusal whose object is
    no topic thing ("There will be no new deadline", "I will not let the system collapse") takes no
    side by itself (see `classify._polarity`): the speaker refuses what their line is against, so it
    takes the line too. Other commitments, deflections and recaps keep their own reading, and so does
    a tally of how others voted ("one member had not supported the decision"): it is no view of the
    speaker's own."""
    lines: dict[tuple[str, str], list[str]] = {}
    for s in statements:
        if s.speaker_slug is None or s.recap or s.kind == "deflection":
            continue
        for t in s.topics:
            if t.stance != "neutral":
                lines.setdefault((s.speaker_slug, t.slug), []).extend([t.stance] * (COMMITMENT_WEIGHT if s.kind == "commitment" else 1))
    lines = {k: _line(v) for k, v in lines.items()}
    lines = {k: v for k, v in lines.items() if v}
    if not lines:
        return statements
    out = []
    for s in statements:
        if s.speaker_slug is not None and (s.kind == "position" or s.subtype == "refusal") and not s.recap and any(
                t.stance == "neutral" for t in s.topics) and not next(counted_votes(s.text), None):
            topics = tuple(
                replace(t, stance=line)
                if t.stance == "neutral" and (line := lines.get((s.speaker_slug, t.slug))) else t
                for t in s.topics)
            s = replace(s, topics=topics)
        out.append(s)
    return out
