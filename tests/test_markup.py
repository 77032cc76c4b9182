"""kg.markup: LaTeX and HTML markup read as plain text, with a map back to the raw text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.markup import clean_markup, has_markup


@pytest.mark.parametrize(("raw", "clean"), [
    # LaTeX: symbols, groups, formatting, accents, escapes, inline math
    (r"We extend Blorp-{\alpha} and Blorp-\Sigma.", "We extend Blorp-α and Blorp-Σ."),
    (r"We introduce \textit{Quuxformer}, a model.", "We introduce Quuxformer, a model."),
    (r"$\textit{sparse}$-Zed: a decoder", "sparse-Zed: a decoder"),
    (r"$\beta$-Sampling is fast", "β-Sampling is fast"),
    (r"trained at $512\times 512$ and \(64\times64\)", "trained at 512× 512 and 64×64"),
    (r"as shown by M{\"u}ller and Jos\'e", "as shown by Müller and José"),
    (r"Norwegian Bokm{\aa}l", "Norwegian Bokmål"),
    (r"gains of 12\% at \$3 per run (Q\&A, snake\_case)",
     "gains of 12% at $3 per run (Q&A, snake_case)"),
    (r"tokens\textemdash units\textemdash and \textmu P", "tokens—units—and µP"),
    (r"a 4\,GB card (\ie, small), vs.\ 3", "a 4 GB card (i.e., small), vs. 3"),
    (r"about 1{,}200 rules", "about 1,200 rules"),
    (r"see \url{https://example.org/a\_b}", "see https://example.org/a_b"),
    (r"the \textbf{Gap Effect} and \emph{why}", "the Gap Effect and why"),
    (r"Zork-\gamma$ is strong", "Zork-γ is strong"),  # a stray "$" after a macro
    (r"a $\boldsymbol{\cdot}$ b", "a · b"),  # an unknown macro formats its group
    (r"Model Audio~3 and Difference~(TD)", "Model Audio 3 and Difference (TD)"),
    # HTML entities and formatting tags
    ("R&amp;D on Q&amp;A, &lt;tags&gt; &#39;quoted&#39;", "R&D on Q&A, <tags> 'quoted'"),
    ("a <i>bold</i> move<br>next <a href=\"https://x.org\">link</a><br/>",
     "a bold move next link "),
    # Left as written: money, percent, bare specials, sets, sub/superscripts, tokens in <>,
    # an author's own macro, unknown entities, approximate values
    ("costs $5 and $10, 20% of A&B # x", "costs $5 and $10, 20% of A&B # x"),
    ("from $1M-$2M, a<b and c>d, &nbsp;", "from $1M-$2M, a<b and c>d,  "),
    ("in {True, False} and O(n^2), A^2B, x_{i}", "in {True, False} and O(n^2), A^2B, x_{i}"),
    ("the <EOS> token and &bogus; and ~50% to ~6%", "the <EOS> token and &bogus; and ~50% to ~6%"),
    (r"we propose \OurName, which", r"we propose \OurName, which"),
])
def test_clean_text(raw, clean):
    assert clean_markup(raw).text == clean


@pytest.mark.parametrize(("raw", "name", "raw_name"), [
    (r"We extend Blorp-{\alpha} by far.", "Blorp-α", r"Blorp-{\alpha}"),
    (r"$\textit{sparse}$-Zed: a decoder", "sparse-Zed", r"$\textit{sparse}$-Zed"),
    (r"$\textit{sparse}$-Zed: a decoder", "Zed", "Zed"),
    (r"We introduce \textit{Quux Former}, a model.", "Quux Former", r"\textit{Quux Former}"),
    (r"We introduce \textit{Quux Former}, a model.", "Former", "Former"),
    (r"by M{\"u}ller et al.", "Müller", r"M{\"u}ller"),
    ("in R&amp;D labs", "R&D", "R&amp;D"),
    ("a <b>Zed</b> model", "Zed", "Zed"),
])
def test_a_name_in_the_clean_text_maps_to_its_raw_spelling(raw, name, raw_name):
    clean = clean_markup(raw)
    start = clean.text.index(name)
    raw_start, raw_end = clean.raw_span(start, start + len(name))
    assert raw[raw_start:raw_end] == raw_name
    assert clean.clean_span(raw_start, raw_end) == (start, start + len(name))


def test_text_without_markup_is_returned_as_is():
    raw = "We fine-tune BERT on SQuAD (v1.1) at 20% cost, O(n^2)."
    clean = clean_markup(raw)
    assert not has_markup(raw) and clean.unchanged and clean.text is raw
    assert clean.raw_span(13, 17) == (13, 17)


# Pieces that random texts are built from: markup, near-markup and plain words.
_PIECES = [
    "\\alpha", "\\Sigma", "\\times", "\\textit{", "\\textbf{", "\\emph{", "\\url{", "\\%",
    "\\$", "\\&", "\\_", "\\\"u", "\\'e", "{\\aa}", "\\,", "\\ ", "\\\\", "\\ie", "\\Own",
    "\\textmu ", "\\(", "\\)", "$", "{", "}", "~", "^", "_", "%", "&", "#", "&amp;", "&#39;",
    "&lt;", "&bogus;", "<i>", "</i>", "<br>", "<EOS>", "--", "``", "''",
    "Zed", "model", "Blorp-", "2", "12", " ", " ", ". ", ", ", "(", ")", "α", "é",
]
_TEXTS = st.one_of(
    st.lists(st.sampled_from(_PIECES), max_size=30).map("".join),
    st.text(alphabet=st.sampled_from(sorted(set("".join(_PIECES)))), max_size=40),
)


@settings(max_examples=200, deadline=None)
@given(_TEXTS)
def test_every_clean_span_maps_to_a_raw_slice_and_back(raw):
    clean = clean_markup(raw)
    n = len(clean.text)
    starts = [clean.raw_start(i) for i in range(n)]
    ends = [clean.raw_end(i) for i in range(n)]
    # Each character comes from inside the raw text, in order.
    assert all(0 <= s < e <= len(raw) for s, e in zip(starts, ends, strict=True))
    assert starts == sorted(starts) and ends == sorted(ends)
    for a in range(n + 1):
        for b in range(a, min(n, a + 16) + 1):  # every span up to 16 characters
            raw_start, raw_end = clean.raw_span(a, b)
            assert 0 <= raw_start <= raw_end <= len(raw)
            if b > a:
                # Round trip: the raw slice reads back as (at least) the same clean span.
                back_start, back_end = clean.clean_span(raw_start, raw_end)
                assert back_start <= a and b <= back_end
    # A character copied one for one is the raw character (or a space for a tie or \,).
    for start, end, raw_start, _, copied in clean.segments:
        if copied:
            for offset in range(end - start):
                char, raw_char = clean.text[start + offset], raw[raw_start + offset]
                assert char == raw_char or char == " "


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from("aZ09 .,;:!?()[]}>%#^_-+*/|'\"@αμé\t\n"), max_size=60))
def test_text_without_markup_characters_is_unchanged(raw):
    clean = clean_markup(raw)
    assert clean.text == raw and clean.raw_span(0, len(raw)) == (0, len(raw))


def test_docstring_examples_run():
    import doctest

    import kg.markup

    failures, tests = doctest.testmod(kg.markup)
    assert tests and not failures


def test_a_times_sign_that_lost_its_backslash_is_read_as_one():
    clean = clean_markup("MobileNetV2times 1.4 runs 2.4times faster, sometimes 5 times.")
    assert clean.text == "MobileNetV2× 1.4 runs 2.4× faster, sometimes 5 times."
    start, end = clean.raw_span(0, len("MobileNetV2×"))
    assert clean.raw[start:end] == "MobileNetV2times"
