"""Normalisation, block roles, sentence splitting and quotation spans.

Every function works on character offsets into the text it is given, so evidence can always be
shown exactly as published."""

from __future__ import annotations

import re
import unicodedata

from .models import Block, Sentence

OPEN_QUOTES = "\u201c\u201e\u00ab"  # “ „ «
CLOSE_QUOTES = "\u201d\u00bb"  # ” »
STRAIGHT = '"'

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "sgt", "gov", "sen", "rep", "st", "jr", "sr",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "no", "vs", "etc", "inc", "corp", "ltd", "co", "u.s", "u.k", "u.n", "e.u", "a.m", "p.m", "approx",
}
_BYLINE = re.compile(r"^\s*(by|from|reporting by|written by|editing by|additional reporting)\b", re.I)
_CAPTION = re.compile(
    r"^\s*(\(?photo\b|file photo|pictured|image:|picture:|caption:|\[photo|credit:|photograph:"
    r"|(image|media|video) (caption|source)\s*[:,])", re.I
)
# teasers for other articles that pages carry inside the text: "Read also: Zelensky says ..."
_PROMO = re.compile(r"^\s*(read (also|more)|also read|see also|related( articles?| stories| coverage)?|more on this"
                    r"|recommended|watch|listen|follow us|subscribe)\s*[:\u2013\u2014|-]", re.I)
# interview transcripts: "Q: ..." is the interviewer's question, "A: ..." the interviewee's answer
_QA_LABEL = re.compile(r"^\s*(?:(?-i:(Q)|(A))|(question)|(answer))\s*[:\u2013\u2014-]\s+", re.I)
_BULLET = re.compile(r"^\s*([-*\u2022\u2013\u25aa\u25cf]|\d+[.)])\s+")
_DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Za-z.'\u2019-]+(?:[ ,/]+[A-Z][A-Za-z.'\u2019-]+){0,3}),?\s*"
    r"(?:[A-Z][a-z]{2,8}\.? \d{1,2},?\s*(?:\d{4})?\s*)?(?:\([^)]{2,40}\)\s*)?[-\u2013\u2014:]+\s+"
)
_UPPER_DATELINE = re.compile(r"^\s*[A-Z][A-Z .'\u2019-]{2,}(?:,\s*[A-Za-z .]+)?\s*(?:\([^)]{2,40}\))?\s*[-\u2013\u2014]+\s+")


def normalise(text: str) -> str:
    """Make a page's text safe to analyse while keeping it as published.

    Line endings are unified, invisible characters dropped and runs of blank lines collapsed;
    letters and punctuation (including curly quotes) are left untouched."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    if " \n" in text or "\t\n" in text:
        text = re.sub(r"[ \t]+\n", "\n", text)
    if "\n\n\n" in text:
        text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def split_blocks(text: str) -> list[Block]:
    """Split text into line blocks and guess each one's role (headline, byline, caption, ...)."""
    blocks: list[Block] = []
    for match in re.finditer(r"[^\n]+", text):
        line = match.group(0)
        if not line.strip():
            continue
        role = "body"
        stripped = line.strip()
        if _CAPTION.match(stripped):
            role = "caption"
        elif _PROMO.match(stripped):
            role = "link"
        elif _BYLINE.match(stripped) and len(stripped) < 120:
            role = "byline"
        elif qa := _QA_LABEL.match(line):
            role = "question" if qa.group(1) or qa.group(3) else "answer"
        elif _BULLET.match(line):
            role = "bullet"
        elif not blocks and not re.search(r"[.!?\"\u201d]\s*$", stripped) and len(stripped) < 200:
            role = "headline"
        elif len(stripped) < 70 and not re.search(r"[.!?:\"\u201d]\s*$", stripped) and not _has_quote(stripped):
            role = "headline"  # sub-headings, standalone labels such as "KEY POINTS"
        blocks.append(Block(match.start(), match.end(), role))
    if not any(b.role == "question" for b in blocks):  # "A: ..." with no questions is no transcript
        blocks = [Block(b.start, b.end, "body") if b.role == "answer" else b for b in blocks]
    return blocks


def bullet_end(text: str, start: int, end: int) -> int:
    """Offset after a list item's marker ("- ", "\u2022 ", "2. ") at the start of a paragraph."""
    m = _BULLET.match(text[start:end])
    return start + m.end() if m else start


def label_end(text: str, start: int, end: int) -> int:
    """Offset after a transcript label ("Q: ", "A: ") at the start of a paragraph."""
    m = _QA_LABEL.match(text[start:end])
    return start + m.end() if m else start


def _has_quote(s: str) -> bool:
    return any(c in s for c in OPEN_QUOTES + CLOSE_QUOTES + STRAIGHT)


# a transcript's speaker label looks like a dateline ("MS. LEAVITT: ...", "SECRETARY BLINKEN: ...")
_SPEAKER_LABEL = re.compile(
    r"^\s*(?:MR|MRS|MS|DR|SIR|DAME|LORD|LADY|SECRETARY|PRESIDENT|VICE\s+PRESIDENT|PRIME\s+MINISTER|MINISTER|SPOKESMAN|"
    r"SPOKESWOMAN|SPOKESPERSON|AMBASSADOR|GOVERNOR|SENATOR|REPRESENTATIVE|CHAIRMAN|CHAIRWOMAN|CHAIR|COMMISSIONER|"
    r"CHANCELLOR|GENERAL|ADMIRAL|DIRECTOR|MODERATOR|SPEAKER|MAYOR|Q|A)\b\.?", re.IGNORECASE)


def dateline_end(text: str, start: int, end: int) -> int:
    """Offset after a wire dateline ("BRUSSELS, Dec 3 (Reuters) -") at the start of a paragraph."""
    chunk = text[start:end]
    for pattern in (_UPPER_DATELINE, _DATELINE):
        m = pattern.match(chunk)
        if m and m.end() < len(chunk) and len(m.group(0)) < 60 and not _SPEAKER_LABEL.match(m.group(0)) \
                and not re.search(r"\w['\u2019]s\b", m.group(0)):  # "ECB's Lagarde:" is a speaker, no place
            head = m.group(0)
            if pattern is _DATELINE and not re.search(r"\(|\d|[A-Z]{3,}", head):
                continue
            if pattern is _DATELINE and head.rstrip().endswith(":") and not re.search(
                    r"\d|[A-Z]{3,}", re.sub(r"\([^)]*\)", "", head)):
                # "Greta Lindholm (Minister for Migration):", "Ioana Vlad (PSD):" are a parliamentary
                # record's speaker labels (a party in capitals is no place)
                continue
            return start + m.end()
    return start


_QUOTE_CHAR = re.compile("[" + OPEN_QUOTES + CLOSE_QUOTES + STRAIGHT + "]")


def quote_spans(text: str, blocks: list[Block]) -> list[tuple[int, int, int]]:
    """Return (start, end, group) for each quoted stretch, inner text only.

    A paragraph that opens a quote without closing it continues into the next paragraph (the
    journalistic convention re-opens the quote there); such stretches share one group id."""
    spans: list[tuple[int, int, int]] = []
    group = -1
    carry = False  # previous paragraph ended inside a quote
    run_to = -1  # a quote left open runs, unmarked, through the paragraphs up to this one (see `_closes_later`)
    for k, block in enumerate(blocks):
        seg = text[block.start:block.end]
        open_at: int | None = None
        if carry and seg.lstrip()[:1] not in OPEN_QUOTES + STRAIGHT:
            carry = False
            run_to = _closes_later(text, blocks, k)
        if k < run_to:  # found once, when the quote was left open: the paragraphs up to run_to hold no quote mark
            spans.append((block.start, block.start + len(seg.rstrip()), group))
            continue
        if k == run_to:
            open_at, carry = 0, False  # the quote's last paragraph: it closes at its first quote mark
        for qm in _QUOTE_CHAR.finditer(seg):
            i, ch = qm.start(), qm.group(0)
            is_open = ch in OPEN_QUOTES or (ch == STRAIGHT and open_at is None)
            is_close = ch in CLOSE_QUOTES or (ch == STRAIGHT and open_at is not None)
            if open_at is None and is_open:
                if not _looks_like_opening(seg, i):
                    continue
                open_at = i + 1
                if not carry:
                    group += 1
                carry = False
            elif open_at is not None and is_close:
                if i > open_at:
                    spans.append((block.start + open_at, block.start + i, group))
                open_at = None
        if open_at is not None:
            end = len(seg.rstrip())
            if end > open_at:
                spans.append((block.start + open_at, block.start + end, group))
            carry = True
        else:
            carry = False
        if not any(a >= block.start for a, _b, _g in spans):
            # British style, single quote marks, only where a paragraph has no double quotes: an
            # utterance opens with a capital and closes after its own punctuation ('We will respond.')
            single = False
            for m in _SINGLE_QUOTED.finditer(seg):
                group += 1
                spans.append((block.start + m.start(1), block.start + m.end(1), group))
                single = True
            # a headline's quote has no full stop: "Minister: 'We will raise the bar'" (an apostrophe before
            # a letter is a contraction, and nothing is given back, so no text makes it slow); a crosshead
            # that is nothing but a quoted phrase ("'A pale imitation'") names no one
            tail = _HEADLINE_SINGLE.search(seg) if block.role == "headline" and not single else None
            if tail and seg[:tail.start()].strip():
                group += 1
                spans.append((block.start + tail.start(1), block.start + tail.end(1), group))
    return spans


def _closes_later(text: str, blocks: list[Block], k: int, reach: int = 8) -> int:
    """For a quote left open at the end of paragraph k-1 when paragraph k does not re-open it: the
    index of the paragraph that closes it, when a later one (within `reach`) starts its quote marks
    with a closing one and the paragraphs between have none (a statement published as one quote
    without re-opening marks: '"We had a long day. ... / ... / ... in this regard".'), else -1."""
    for j in range(k, min(k + reach, len(blocks))):
        seg = text[blocks[j].start:blocks[j].end]
        qm = _QUOTE_CHAR.search(seg)
        if qm is None:
            continue
        ch, i = qm.group(0), qm.start()
        closing = ch in CLOSE_QUOTES or (ch == STRAIGHT and i > 0 and not seg[i - 1].isspace())
        return j if closing else -1
    return -1


# 'Quote starting with a capital, ending with punctuation,' said X  -- never an apostrophe: it
# opens after a space or the paragraph start and closes before a space or the paragraph end
_SINGLE_QUOTED = re.compile(r"(?:^|(?<=\s))['\u2018](?=[A-Z])(.+?[.!?,])['\u2019](?=\s|$)")


_HEADLINE_SINGLE = re.compile(r"(?:^|(?<=\s))['\u2018](?=[A-Z])((?:[^\n'\u2018\u2019]|['\u2019](?=\w))++)['\u2019]\s*$")


def _looks_like_opening(seg: str, i: int) -> bool:
    """A straight quote right after a letter or digit is an inch mark or closing; skip it."""
    if seg[i] != STRAIGHT:
        return True
    return i == 0 or not seg[i - 1].isalnum()


_SENTENCE_END = re.compile(
    r"(?:[.!?]+|\u2026)[\"\u201d\u2019')\]]*(?=\s+[\"\u201c\u2018'(\[]?[A-Z0-9\u00c0-\u024f])"
)


def split_sentences(text: str, blocks: list[Block]) -> list[Sentence]:
    """Split each block into sentences, protecting abbreviations, initials and decimals."""
    sentences: list[Sentence] = []
    for b_index, block in enumerate(blocks):
        start = block.start
        for m in _SENTENCE_END.finditer(text, block.start, block.end):
            if _is_abbreviation(text, block.start, m.start(), m.group(0)):
                continue
            end = m.end()
            if text[start:end].strip():
                sentences.append(Sentence(start, end, b_index, len(sentences)))
            start = end
            while start < block.end and text[start].isspace():
                start += 1
        if start < block.end and text[start:block.end].strip():
            sentences.append(Sentence(start, block.end, b_index, len(sentences)))
    return sentences


def _is_abbreviation(text: str, floor: int, dot_at: int, mark: str) -> bool:
    if not mark.startswith("."):
        return False
    word = re.search(r"([A-Za-z.]+)$", text[max(floor, dot_at - 12):dot_at])
    if not word:
        return False
    token = word.group(1).lower().strip(".")
    if token in _ABBREVIATIONS:
        return True
    if len(token) != 1 or not word.group(1)[-1].isupper():
        return False
    # an initial ("Jerome H. Powell"), unless a pronoun or article starts a sentence after it: "in a post on X. He wrote"
    after = re.match(r"\s+[\"\u201c']?([A-Za-z]+)", text[dot_at + 1:dot_at + 20])
    return not (after and after.group(1) in _SENTENCE_OPENERS)


_SENTENCE_OPENERS = frozenset("He She It They We I The This That These Those But And In On His Her Its Their Our".split())


_ENGLISH = {
    "the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "with", "as", "was", "said", "it", "by",
    "be", "he", "she", "at", "from", "his", "her", "are", "have", "has", "will", "not", "this", "we", "they",
    "an", "but", "would", "which", "its", "their", "were", "been", "who",
}


def looks_english(text: str) -> bool:
    """Cheap language check: English prose is full of short function words."""
    head = text[:_SAMPLE_CHARS]
    words = _letter_words(head)
    if len(words) < 3000 and len(text) > _SAMPLE_CHARS:
        words = _letter_words(text)  # the first 3,000 words run past the first characters
    if len(words) < 8:
        return len(words) > 0 and any(w in _ENGLISH for w in words)
    sample = words[:3000]
    share = sum(map(_ENGLISH.__contains__, sample)) / len(sample)
    return share >= 0.12


def _letter_words(text: str) -> list[str]:
    # in ASCII text the letters are a-z and A-Z: a plain class is much faster than the Unicode one
    return _ASCII_LETTERS.findall(text.lower()) if text.isascii() else _LETTERS.findall(text.lower())


_LETTERS = re.compile(r"[^\W\d_]+")
_ASCII_LETTERS = re.compile(r"[a-z]+")
_SAMPLE_CHARS = 40_000  # usually holds the 3,000 words the check reads
