"""A small hand-made graph with known answers for the RDF, query and validation tests.

Synthetic papers (invented names); hostile titles and names on purpose.
"""

from __future__ import annotations

from kg.graph import build_graph
from kg.model import Entity, Evidence, Link, Paper, Result, Source

HOSTILE_TITLE = 'Quotes "x" \\ back\\slash <tag> #hash %25 {curly} \n new line \x01 é 😀 \u202e'
HOSTILE_LABEL = 'A/B "net" #1 %zz <x> ?q=1 é'
HOSTILE_ID = 'method/a b/"c"#d%e<f>?g é'


def ev(text: str, sentence: str, rule: str = "lexicon", confidence: float = 0.9,
       field: str = "abstract", start: int = 0) -> Evidence:
    return Evidence(field, start, start + len(text), text, sentence, rule, confidence)


def paper(pid: str, title: str, date: str | None = None, arxiv: str | None = None) -> Paper:
    return Paper(pid, title, f"An abstract about {title}.", date=date, arxiv_id=arxiv,
                 sources=(Source("fixture.txt", len(pid)),))


PAPERS = [
    paper("p1", "DiffuseX: Fast Text-to-Image Diffusion", "2024-03-18", "2403.00001"),
    paper("p2", "Speechy: Listening Better", "--03-19"),
    paper("p3", "PairSet: A Caption Dataset"),
    paper("p4", "Wordy: A Text Model"),
    paper("p5", HOSTILE_TITLE),
]

ENTITIES = [
    Entity("method/diffusex", "method", "DiffuseX", paper_count=1),
    Entity("method/sdxl", "method", "SDXL", ("SD-XL", "Stable Diffusion XL"), paper_count=2),
    Entity("method/whisper", "method", "Whisper", paper_count=1),
    Entity("method/clip", "method", "CLIP", paper_count=1),
    Entity("method/wordy", "method", "Wordy", paper_count=1),
    Entity("method/diffusion-model", "method", "diffusion model", family=True, paper_count=1),
    Entity(HOSTILE_ID, "method", HOSTILE_LABEL, ('alias "one"',), paper_count=1),
    Entity("dataset/coco", "dataset", "COCO", ("MS COCO",), paper_count=2),
    Entity("dataset/laion", "dataset", "LAION", paper_count=1),
    Entity("dataset/librispeech", "dataset", "LibriSpeech", paper_count=1),
    Entity("dataset/pairset", "dataset", "PairSet", paper_count=1),
    Entity("modality/text", "modality", "text", paper_count=4),
    Entity("modality/image", "modality", "image", paper_count=2),
    Entity("modality/speech", "modality", "speech", paper_count=1),
    Entity("task/text-to-image-generation", "task", "Text-to-image generation", paper_count=2),
    Entity("task/speech-recognition", "task", "Speech recognition", paper_count=1),
    Entity("metric/fid", "metric", "FID", paper_count=2, direction="lower"),
    Entity("metric/clip-score", "metric", "CLIP score", paper_count=1, direction="higher"),
    Entity("metric/wer", "metric", "WER", paper_count=1, direction="lower", unit="%"),
]

S1 = "We propose DiffuseX and compare it with SDXL on COCO and LAION."
S2 = "Speechy beats Whisper on LibriSpeech."
S3 = "PairSet pairs captions with images; SDXL and CLIP are evaluated on COCO."
S4 = "Wordy is a text model."
R1 = "DiffuseX reaches an FID of 5.2 on COCO, against 8.1 for SDXL."
R2 = "Our system gets a WER of 4.1% on LibriSpeech, where Whisper gets 5.0%."
R3 = "On COCO, SDXL reaches an FID of 9.5 and a CLIP score of 0.31."

LINKS = [
    Link("p1", "proposes", "method/diffusex",
         (ev("DiffuseX", S1, "proposal-cue", 0.85, start=11),)),
    Link("p1", "usesMethod", "method/diffusex", (ev("DiffuseX", S1, start=11),
                                                  ev("DiffuseX", "DiffuseX", "title-colon", 0.8,
                                                     field="title"))),
    Link("p1", "usesMethod", "method/sdxl", (ev("SDXL", S1, start=40),)),
    Link("p1", "usesMethod", "method/diffusion-model", (ev("Diffusion", S1, "family", 0.5),)),
    Link("p1", "comparesWith", "method/sdxl", (ev("SDXL", S1, "baseline-cue", 0.8, start=40),)),
    Link("p1", "usesDataset", "dataset/coco", (ev("COCO", S1, start=48),)),
    Link("p1", "usesDataset", "dataset/laion", (ev("LAION", S1, start=57),)),
    Link("p1", "hasModality", "modality/text", (ev("Text", S1, "modality-cue", 0.8),)),
    Link("p1", "hasModality", "modality/image", (ev("Image", S1, "modality-cue", 0.8),)),
    Link("p2", "usesMethod", "method/whisper", (ev("Whisper", S2, start=14),)),
    Link("p2", "comparesWith", "method/whisper", (ev("Whisper", S2, "baseline-cue", 0.8),)),
    Link("p2", "usesDataset", "dataset/librispeech", (ev("LibriSpeech", S2, start=25),)),
    Link("p2", "hasModality", "modality/speech", (ev("Speechy", S2, "modality-cue", 0.8),)),
    Link("p2", "hasModality", "modality/text", (ev("Listening", S2, "modality-cue", 0.6),)),
    Link("p3", "proposes", "dataset/pairset", (ev("PairSet", S3, "proposal-cue", 0.85),)),
    Link("p3", "usesDataset", "dataset/pairset", (ev("PairSet", S3),)),
    Link("p3", "usesDataset", "dataset/coco", (ev("COCO", S3, start=66),)),
    Link("p3", "usesMethod", "method/sdxl", (ev("SDXL", S3, start=38),)),
    Link("p3", "usesMethod", "method/clip", (ev("CLIP", S3, start=47),)),
    Link("p3", "comparesWith", "method/sdxl", (ev("SDXL", S3, "baseline-cue", 0.75, start=38),)),
    Link("p3", "hasModality", "modality/text", (ev("captions", S3, "modality-cue", 0.8),)),
    Link("p3", "hasModality", "modality/image", (ev("images", S3, "modality-cue", 0.8),)),
    Link("p4", "proposes", "method/wordy", (ev("Wordy", S4, "proposal-cue", 0.85),)),
    Link("p4", "usesMethod", "method/wordy", (ev("Wordy", S4),)),
    Link("p4", "hasModality", "modality/text", (ev("text", S4, "modality-cue", 0.8),)),
    Link("p5", "usesMethod", HOSTILE_ID, (ev(HOSTILE_LABEL, HOSTILE_TITLE, "acronym", 0.7,
                                             field="title"),)),
    Link("p1", "worksOnTask", "task/text-to-image-generation",
         (ev("Text-to-Image", "DiffuseX: Fast Text-to-Image Diffusion", "task-lexicon", 0.85,
             field="title"),)),
    Link("p3", "worksOnTask", "task/text-to-image-generation", (ev("captions", S3, "task-phrase",
                                                                   0.7),)),
    Link("p2", "worksOnTask", "task/speech-recognition", (ev("Listening", S2, "task-phrase",
                                                             0.7),)),
    Link("p1", "reportsMetric", "metric/fid", (ev("FID", R1, "metric-lexicon", 0.85),)),
    Link("p3", "reportsMetric", "metric/fid", (ev("FID", R3, "metric-lexicon", 0.85),)),
    Link("p3", "reportsMetric", "metric/clip-score", (ev("CLIP score", R3, "metric-lexicon",
                                                         0.85),)),
    Link("p2", "reportsMetric", "metric/wer", (ev("WER", R2, "metric-lexicon", 0.85),)),
]

RESULTS = [
    Result("p1", "metric/fid", "5.2", 5.2, ev("5.2", R1, "result:metric-value", 0.75, start=21),
           "method/diffusex", "dataset/coco", own=True),
    Result("p1", "metric/fid", "8.1", 8.1, ev("8.1", R1, "result:metric-carried", 0.75, start=43),
           "method/sdxl", "dataset/coco"),
    Result("p2", "metric/wer", "4.1", 4.1, ev("4.1%", R2, "result:metric-value", 0.75, start=27),
           None, "dataset/librispeech", own=True, unit="%"),
    Result("p2", "metric/wer", "5.0", 5.0, ev("5.0%", R2, "result:metric-carried", 0.75,
                                              start=64), "method/whisper", "dataset/librispeech",
           unit="%"),
    Result("p3", "metric/fid", "9.5", 9.5, ev("9.5", R3, "result:metric-value", 0.75, start=31),
           "method/sdxl", "dataset/coco"),
    Result("p3", "metric/clip-score", "0.31", 0.31, ev("0.31", R3, "result:metric-value", 0.75,
                                                       start=52), "method/sdxl", "dataset/coco"),
]


def sample_graph(papers=PAPERS, entities=ENTITIES, links=LINKS, results=RESULTS):
    G = build_graph(papers, entities, links, results)
    G.graph["extractor_version"] = "kg-extract/test"
    return G
