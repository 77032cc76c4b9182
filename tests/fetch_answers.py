# ruff: noqa: E501  (the answers keep the APIs' own long lines)
"""Answers in the formats of the arXiv API (Atom + OpenSearch) and the Hugging Face
daily-papers API (JSON), built from short synthetic papers written for these tests."""

from __future__ import annotations

import json
from xml.sax.saxutils import escape

SYNTHETIC = [
    ("Blorpnet: Sparse Experts for Tiny Images",
     "We propose Blorpnet, a sparse mixture of experts trained on ImageNet. It outperforms "
     "ResNet-50 at a third of the cost."),
    ("Quillformer for Long Documents",
     "Quillformer reads long documents with linear attention. On arXiv summarisation it beats "
     "BART while using less memory."),
    ("Sound Pebbles: Audio Tokens from Scratch",
     "We introduce Sound Pebbles, discrete audio tokens learned without labels, and evaluate "
     "them on LibriSpeech speech recognition."),
    ("A Gentle Look at Graph Readout",
     "We study readout functions of graph neural networks on molecule property prediction and "
     "compare against GIN."),
    ("Driftwood: Video Diffusion with Few Steps",
     "Driftwood is a video diffusion model that samples in four steps. It is trained on "
     "WebVid and compared with Stable Video Diffusion."),
]


def paper(n: int) -> tuple[str, str, str]:
    """(arXiv id, title, abstract) of synthetic paper ``n`` (any n; titles are numbered)."""
    title, abstract = SYNTHETIC[n % len(SYNTHETIC)]
    return f"2611.{n + 1:05d}", f"{title} ({n})", abstract


def atom_entry(arxiv_id: str, title: str, abstract: str, published: str) -> str:
    return f"""  <entry>
    <id>http://arxiv.org/abs/{arxiv_id}v1</id>
    <updated>{published}</updated>
    <published>{published}</published>
    <title>{escape(title)}</title>
    <summary>  {escape(abstract)}
</summary>
    <author>
      <name>Ada Example</name>
    </author>
    <author>
      <name>Bo Sample</name>
    </author>
    <link href="http://arxiv.org/abs/{arxiv_id}v1" rel="alternate" type="text/html"/>
    <link title="pdf" href="http://arxiv.org/pdf/{arxiv_id}v1" rel="related" type="application/pdf"/>
    <arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="cs.CL" scheme="http://arxiv.org/schemas/atom"/>
    <category term="cs.CL" scheme="http://arxiv.org/schemas/atom"/>
  </entry>
"""


def atom_feed(numbers: list[int], *, total: int, start: int = 0,
              published: str = "2026-11-30T10:00:00Z") -> str:
    """A page of an arXiv API answer holding synthetic papers ``numbers``."""
    entries = "".join(atom_entry(*paper(n), published) for n in numbers)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <link href="http://arxiv.org/api/query?search_query%3Dcat%3Acs.CL&amp;id_list%3D&amp;start%3D{start}" rel="self" type="application/atom+xml"/>
  <title type="html">ArXiv Query: search_query=cat:cs.CL&amp;id_list=&amp;start={start}</title>
  <id>http://arxiv.org/api/synthetic{start}</id>
  <updated>2026-12-01T00:00:00-05:00</updated>
  <opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">{total}</opensearch:totalResults>
  <opensearch:startIndex xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">{start}</opensearch:startIndex>
  <opensearch:itemsPerPage xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">{len(numbers)}</opensearch:itemsPerPage>
{entries}</feed>
"""


def atom_error(message: str) -> str:
    """The arXiv API's answer to a bad request: a feed with one error entry."""
    anchor = message.replace(" ", "_")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <link href="http://arxiv.org/api/query?search_query%3D%26id_list%3Dx" rel="self" type="application/atom+xml"/>
  <title type="html">ArXiv Query: search_query=&amp;id_list=x</title>
  <id>http://arxiv.org/api/errortest</id>
  <updated>2026-12-01T00:00:00-05:00</updated>
  <opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">1</opensearch:totalResults>
  <opensearch:startIndex xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">0</opensearch:startIndex>
  <opensearch:itemsPerPage xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">1</opensearch:itemsPerPage>
  <entry>
    <id>http://arxiv.org/api/errors#{anchor}</id>
    <title>Error</title>
    <summary>{escape(message)}</summary>
    <updated>2026-12-01T00:00:00-05:00</updated>
    <link href="http://arxiv.org/api/errors#{anchor}" rel="alternate" type="text/html"/>
    <author>
      <name>arXiv api core</name>
    </author>
  </entry>
</feed>
"""


def hf_items(numbers: list[int], day: str = "2026-11-30") -> str:
    """A page of ``/api/daily_papers?date=DAY``: listing items wrapping synthetic papers."""
    items = []
    for n in numbers:
        arxiv_id, title, abstract = paper(n)
        items.append({
            "paper": {
                "id": arxiv_id,
                "authors": [{"_id": f"a{n}", "name": "Ada Example", "hidden": False},
                            {"_id": f"b{n}", "name": "Bo Sample", "hidden": False}],
                "publishedAt": f"{day}T09:00:00.000Z",
                "submittedOnDailyAt": f"{day}T11:30:00.000Z",
                "title": title,
                "summary": abstract,
                "upvotes": n,
                "discussionId": f"d{n}",
            },
            "publishedAt": f"{day}T11:30:00.000Z",
            "title": title,
            "thumbnail": f"https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/{arxiv_id}.png",
            "numComments": 0,
            "submittedBy": {"_id": "u1", "fullname": "A Curator", "name": "curator",
                            "type": "user"},
            "isAuthorParticipating": False,
        })
    return json.dumps(items, indent=2)
