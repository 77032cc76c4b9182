"""Extraction throughput on one core: papers per second through kg.extract.pipeline.

    python bench/bench_extract.py [--papers 5000] [--words 200] [--seed 1] [--corpus DIR]

Synthesizes ``--papers`` distinct ~``--words``-word abstracts from sentence
templates filled with names drawn from the shipped lexicons (methods, families,
datasets, modality cues) plus invented coined names, so every rule has work to
do. Prints the pipeline start-up time, the papers/s of the spaCy tokenizer alone
and of the whole extraction (CPU time of this one process), and, when the shared
corpus is present, the time to extract all of it after start-up.

``--markup F`` also extracts the same papers with a share F of them written in
LaTeX/HTML (``\\textit{Name}``, ``Name-{\\alpha}``, ``20\\%``, ``&amp;``) and prints
that run's papers/s as a ratio to the plain run: the cost of reading markup
(``kg.markup``), measured in the same process.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kg.model import Paper  # noqa: E402

TEMPLATES = [
    "We propose {coined}, a novel {method_word} for {task} that builds on {method}.",
    "{coined} outperforms {method} and {method2} on {dataset} by {num} points.",
    "Compared with {family}, our approach is {num}x faster while matching its quality.",
    "Experiments on {dataset} and {dataset2} show that {coined} achieves state-of-the-art "
    "results.",
    "Recent {family} such as {method} have shown strong results in {task}.",
    "We introduce {long} ({acronym}), which combines {family} with {method}.",
    "Unlike {method}, {acronym} does not require additional training data.",
    "Our model reaches {method}-level quality with {num}% fewer parameters.",
    "We evaluate on {dataset}, where it is {num} points behind {method2}.",
    "The {modality} encoder is trained with {family} on a large corpus of {modality} data.",
    "This enables {compound} generation with high fidelity and diversity.",
    "Furthermore, we release {coined2}, a benchmark of {num} tasks for {task}.",
    "Code and models are available online.",
]
# Sentences without names: real abstracts spend most of their words on these.
FILLER = [
    "However, existing approaches struggle to scale to long inputs and often require "
    "expensive training on large amounts of labelled data.",
    "To address this limitation, we study how the representation learned by the model "
    "changes during training and what drives its generalisation.",
    "Extensive experiments and ablation studies demonstrate the effectiveness and efficiency "
    "of the proposed design across a wide range of settings.",
    "Our analysis reveals that simple changes to the training recipe lead to consistent "
    "improvements, which we hope will inform future work in this area.",
    "Here we move towards closing this gap by revisiting the core "
    "assumptions behind current systems.",
    "The results show that the approach is robust to noise, generalises to unseen domains "
    "and remains competitive at a fraction of the computational cost.",
]
TASKS = ["summarization", "machine translation", "image generation", "question answering",
         "speech recognition", "code generation", "video synthesis"]
WORDS = ["framework", "model", "method", "architecture", "algorithm"]
SYLLABLES = ["Flow", "Gen", "Mind", "Diff", "Lum", "Vox", "Pix", "Form", "Net", "Ra", "Zeta",
             "Tok", "Mix", "Seq", "Align"]


def load_names(filename: str, key: str = "label") -> list[str]:
    path = REPO / "schemas" / "lexicons" / filename
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line)[key] for line in handle if line.strip()]


def coined(rng: random.Random) -> str:
    name = "".join(rng.sample(SYLLABLES, 2))
    return name + rng.choice(["", "-2", "GPT", "V", "-XL", ""])


def synthesize(n: int, words: int, seed: int) -> list[Paper]:
    rng = random.Random(seed)
    methods = load_names("methods.jsonl")
    families = load_names("families.jsonl")
    datasets = load_names("datasets.jsonl")
    modalities = load_names("modalities.jsonl")
    compounds = load_names("compounds.jsonl", key="phrase")
    papers = []
    for i in range(n):
        name, name2 = coined(rng), coined(rng)
        long_words = [rng.choice(["Adaptive", "Sparse", "Hierarchical", "Latent", "Masked"]),
                      rng.choice(["Token", "Diffusion", "Memory", "Context", "Routing"]),
                      rng.choice(["Transformer", "Decoder", "Network", "Alignment"])]
        fill = {
            "coined": name, "coined2": name2 + "Bench", "method": rng.choice(methods),
            "method2": rng.choice(methods), "family": rng.choice(families).lower() + "s",
            "dataset": rng.choice(datasets), "dataset2": rng.choice(datasets),
            "task": rng.choice(TASKS), "method_word": rng.choice(WORDS),
            "num": rng.randint(2, 40), "long": " ".join(long_words),
            "acronym": "".join(w[0] for w in long_words), "modality": rng.choice(modalities),
            "compound": rng.choice(compounds),
        }
        sentences, count = [], 0
        while count < words:
            pool = TEMPLATES if rng.random() < 0.5 else FILLER
            sentence = rng.choice(pool).format(**fill)
            sentences.append(sentence)
            count += len(sentence.split())
        title = f"{name}: {rng.choice(TASKS).capitalize()} with {fill['family']} ({i})"
        papers.append(Paper(id=f"bench{i}", title=title, abstract=" ".join(sentences)))
    return papers


def mark_up(paper: Paper, rng: random.Random) -> Paper:
    """The paper as an arXiv listing may write it: names in LaTeX, escaped percent signs."""
    abstract = paper.abstract
    for word in {w.strip(".,;:()") for w in abstract.split()}:
        if word[:1].isupper() and len(word) > 4 and rng.random() < 0.3:
            abstract = abstract.replace(word, rng.choice(
                [f"\\textit{{{word}}}", f"{word}-{{\\alpha}}", f"$\\textbf{{{word}}}$"]))
    abstract = abstract.replace("%", "\\%").replace(" and ", rng.choice([" and ", " &amp; "]))
    return Paper(id=paper.id, title=paper.title, abstract=abstract + " At $256\\times 256$.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=5000)
    parser.add_argument("--words", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--corpus", default=str(REPO.parent / "shared" / "corpus"))
    parser.add_argument("--markup", type=float, default=0.2,
                        help="share of papers written with LaTeX/HTML markup in the second run")
    args = parser.parse_args()

    started = time.process_time()
    from kg.extract.pipeline import build_pipeline, extract

    nlp = build_pipeline()
    startup = time.process_time() - started
    # The real corpus first, right after start-up, as `kg extract` would see it.
    corpus = Path(args.corpus)
    if corpus.is_dir():
        from kg.ingest import read_papers

        real = read_papers([corpus]).papers
        wall, cpu = time.perf_counter(), time.process_time()
        list(extract(real, nlp=nlp))
        corpus_line = (f"shared corpus:       {len(real)} papers extracted in "
                       f"{time.process_time() - cpu:.2f} s CPU "
                       f"({time.perf_counter() - wall:.2f} s wall) after start-up")
    else:
        corpus_line = "shared corpus:       not found"

    papers = synthesize(args.papers, args.words, args.seed)
    mean_words = sum(len(p.abstract.split()) for p in papers) / len(papers)

    tokenizer_copy = type(nlp.tokenizer)(
        nlp.vocab, rules=nlp.tokenizer.rules, prefix_search=nlp.tokenizer.prefix_search,
        suffix_search=nlp.tokenizer.suffix_search, infix_finditer=nlp.tokenizer.infix_finditer,
        token_match=nlp.tokenizer.token_match, url_match=nlp.tokenizer.url_match)
    started = time.process_time()
    for paper in papers:
        tokenizer_copy(paper.title + "\n\n" + paper.abstract)
    tokenizer_rate = len(papers) / (time.process_time() - started)

    started = time.process_time()
    mentions = sum(len(x.mentions) for x in extract(papers, nlp=nlp))
    seconds = time.process_time() - started
    print(f"pipeline start-up:   {startup:.2f} s")
    print(f"synthetic papers:    {len(papers)} (mean abstract {mean_words:.0f} words), "
          f"{mentions / len(papers):.1f} mentions each")
    print(f"tokenizer alone:     {tokenizer_rate:,.0f} papers/s")
    print(f"extraction:          {len(papers) / seconds:,.0f} papers/s (1 process, CPU time)")
    print(corpus_line)
    if args.markup > 0:
        rng = random.Random(args.seed)
        marked = [mark_up(p, rng) if rng.random() < args.markup else p for p in papers]
        started = time.process_time()
        list(extract(marked, nlp=nlp))
        marked_rate = len(marked) / (time.process_time() - started)
        print(f"with markup:         {marked_rate:,.0f} papers/s with {args.markup:.0%} of them "
              f"in LaTeX/HTML ({marked_rate / (len(papers) / seconds):.2f} x the plain run)")



if __name__ == "__main__":
    main()
