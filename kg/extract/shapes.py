"""What a name looks like: the word shapes that several rules test.

>>> is_shaped("LLaMAntino"), is_shaped("PixArt-Σ"), is_shaped("model")
(True, True, False)
>>> not_a_name("16kHz"), not_a_name("1K-4K"), not_a_name("2D-rendered"), not_a_name("GPT-4")
(True, True, True, False)
"""

from __future__ import annotations

import re
from functools import cache

from kg.extract.cued import cued_compile
from kg.extract.rules import alternation, words

__all__ = ["TOKEN", "SHAPED", "SHAPE_OF_NAME", "VERSION", "is_shaped", "not_a_name", "emphasised",
           "attached_modifier", "extend_version", "is_placeholder", "coined_name"]

# One word of a name: letters, digits, Greek, joined by - . + / ("GPT-3.5", "OPT-175B/BLOOM").
TOKEN = cued_compile(
    r"(?<![\w\u0370-\u03ff/.-])[A-Za-z0-9\u0370-\u03ff][\w\u0370-\u03ff]*"
    r"(?:[-.+/][\w\u0370-\u03ff]+)*")
# A name-shaped word: inner capitals (LLaMAntino, mT5), letters with digits (GPT-3.5),
# two or more capitals (BAMM) or a Greek letter (PixArt-Σ).
SHAPED = cued_compile(
    r"(?:[a-z0-9][A-Z]|[A-Z]{2}|[A-Za-z]-?\d|\d[A-Za-z]|[\u0370-\u03ff])")
# The same test on spaCy's token shapes ("XxxXx", "dX", "Xxxx-d.d").
SHAPE_OF_NAME = cued_compile(r"(?:[xd]X|XX|[Xx]-?d|d[Xx])")
# A version number after a name: "Llama 3", "Gemini 1.5", "Stage II".
VERSION = cued_compile(r"\s(?:v?\d+(?:\.\d+)*|[IVX]{1,3})(?![\w.)-]|\.\d)")


def is_shaped(word: str) -> bool:
    return SHAPED.search(word) is not None


@cache
def _not_name() -> re.Pattern:
    # Numbers with units, sizes, years, one capital, language pairs, "X-to-Y", "X-based",
    # "2D-rendered" (a participle after a hyphen)...
    suffixes = alternation(words("not_name_suffixes"))
    return cued_compile(
        r"^(?:\d+(?:[.,]\d+)?(?:[a-zA-Z%]{0,7}|[-x×]\d+)|"
        r"\d+(?:\.\d+)?[kKMBTx×]?[-–]\d+(?:\.\d+)?[kKMBTx×]?|[xk×]\d+(?:\.\d+)?|\d+D|[A-Z]\d?|"
        # a count of a unit or a size before a noun: "4-NFE", "10-DoF", "7B-parameter",
        # "1T-class", "30B-A3B"; a bare version: "v0.3", "V1.5"
        r"\d+(?:\.\d+)?-[A-Z][A-Za-z]{1,3}|\d+(?:\.\d+)?[kKMBT]-(?:[a-z]+|A\d+(?:\.\d+)?B)|"
        r"[vV]\d+(?:\.\d+)+|"
        r"(?:19|20)\d\d[a-z]?|[a-z]+\d+[a-z]*[kKMB]?|[A-Za-z]{2}-[A-Za-z]{2}|[\w-]*-to-[\w-]*|"
        rf"non-[\w-]+|[\w-]+-(?:{suffixes})|[\w-]+-[a-z]{{2,}}ed|"
        r"[a-z]+(?:-[a-z]+)*-\d+(?:\.\d+)?[kKMBT]?|"
        r"\w+\.(?:com|org|io|ai|net|github)\b.*)$")


# "a novel dIffusion language modEl ..., which we call GENIE": a lower-case word with a
# capital inside that spells the name's letters.
_ODD_CAPITAL = cued_compile(r"[a-z]+[A-Z][a-z]*")


def emphasised(text: str, word: str) -> bool:
    """"dIffusion", "modEl": an English word with one letter capitalised to spell an
    acronym, told from a name ("iNaturalist", "vLLM") by the paper writing the same word
    in ordinary case elsewhere ("Diffusion", "diffusion", "models").

    >>> emphasised("Diffusion Models. A dIffusion language modEl", "dIffusion")
    True
    >>> emphasised("Diffusion Models. A dIffusion language modEl", "modEl")
    True
    >>> emphasised("We train on iNaturalist.", "iNaturalist")
    False
    """
    if len(word) < 5 or not _ODD_CAPITAL.fullmatch(word):
        return False
    plain = word.lower()
    return re.search(r"(?<![\w-])(?:" + re.escape(plain) + "|" + re.escape(plain.capitalize())
                     + r")(?:e?s)?(?![\w-])", text) is not None


def not_a_name(word: str) -> bool:
    """A word that looks like a name but is a number, size, year, pair or modifier."""
    return _not_name().match(word) is not None


@cache
def _attached() -> re.Pattern:
    return cued_compile(r"-(?:" + alternation(words("modifier_suffixes")) + r")$", re.I)


def attached_modifier(word: str) -> bool:
    """"BERT-based", "GPT-style": a name used as a modifier, not named itself."""
    return _attached().search(word) is not None


def extend_version(text: str, end: int) -> int:
    """Where a name ending at ``end`` ends once a version number is added."""
    m = VERSION.match(text, end)
    return m.end() if m else end


_CAMEL_PARTS = cued_compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")


@cache
def _placeholder_parts() -> frozenset[str]:
    return frozenset(w.lower() for w in words("placeholder_parts"))


def is_placeholder(name: str, text: str = "", start: int = 0) -> bool:
    """A template placeholder, not a name: a LaTeX macro left in the text ("\\model"),
    or a compound of placeholder words only ("ModelName", "OurMethod", "XXX").

    >>> is_placeholder("ModelName"), is_placeholder("XXX"), is_placeholder("QuillNet")
    (True, True, False)
    """
    if start > 0 and text[start - 1] == "\\":
        return True
    parts = _CAMEL_PARTS.findall(name.replace("-", " "))
    return bool(parts) and all(p.lower() in _placeholder_parts() for p in parts)


# "BARREL-training", "VLM-as-judge", "reverse-KL", "MA+verify": a name or an acronym in
# an English compound, no name itself.
_ENGLISH_PART = cued_compile(r"-[a-z]{4,}(?:-|$)|-as-|^[a-z]+-[A-Z]+$|\+[a-z]")
# "EMotionally", "ECONomist": an English word with its first letters capitalised for a pun.
_CAPITALISED_PUN = cued_compile(r"^[A-Z]{2,}[a-z]{5,}$")
# "SAM-Optimized": a capitalised participle after a name.
_PARTICIPLE_PART = cued_compile(r"-[A-Z][a-z]+ed$")
# What LaTeX leaves when its markup is lost ("512times512", "sim0.6", "ArightarrowB"), and
# two words glued by a lost space ("introduceQuillGPT").
_DEBRIS = cued_compile(r"(?:times|sim|rightarrow|leftarrow|approx|cdot)(?=\d|[A-Z])|"
                       r"(?<=\d|[a-z])(?:times|sim)\d|^[a-z]{5,}[A-Z]")


def coined_name(word: str) -> bool:
    """A name-shaped word that is taken for a name on its own shape ("QuillNet-2",
    "gpt-4o-mini-tts", "Blorp-Image-20B"): no number, size or modifier, at least four
    characters (three capitals mean too many things), no English compound or pun.

    >>> coined_name("QuillNet-2"), coined_name("7B-parameter"), coined_name("NFE")
    (True, False, False)
    >>> coined_name("Quill-training"), coined_name("gpt-4o-mini-tts"), coined_name("ECONomist")
    (False, True, False)
    >>> coined_name("512times512"), coined_name("introduceQuillGPT")
    (False, False)
    """
    if len(word) < 4 or not is_shaped(word) or not_a_name(word):
        return False
    if word != word.lower() and _ENGLISH_PART.search(word):
        return False
    return not (_CAPITALISED_PUN.match(word) or _PARTICIPLE_PART.search(word)
                or _DEBRIS.search(word))
