"""Graph analysis for notebooks: plain functions ``f(G, ...)`` over the built graph.

Every function takes the ``nx.MultiDiGraph`` that ``kg build`` writes (load it
with ``kg.load("out")``) and returns a pandas ``DataFrame`` (tables) or a
networkx graph (graphs). pandas comes with the ``analysis`` extra
(``pip install 'papers-kg[analysis]'``) and is imported only inside the
functions that build tables.

An entity's *papers* are the distinct papers linked to it by any relation
(``usesMethod``, ``usesDataset``, ``hasModality``, ``comparesWith``,
``proposes``), unless a function takes ``relations`` to narrow that down.

The examples below run as doctests over this small graph (``tiny_graph``):

=====  ===========================  ==================  ==========  ===========
paper  proposes                     uses methods        datasets    modalities
=====  ===========================  ==================  ==========  ===========
p1     Alpha (compares with BERT)   Alpha, BERT         SQuAD       text
p2     Beta (compares with BERT,    Beta, BERT, GPT-4   SQuAD,      text
       GPT-4)                                           MMLU
p3     --                           ResNet              ImageNet    image
=====  ===========================  ==================  ==========  ===========

p1 and p2 report the metric F1 and these results on SQuAD: Alpha 88.5 (p1's own),
Beta 90.1 (p2's own) and BERT 84.0 (p2, the baseline); p3 reports no result.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

import networkx as nx

from kg.errors import KgError
from kg.schema import COMPARES_WITH, ENTITY_TYPES, PAPER, PROPOSES, REPORTS_METRIC

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "tiny_graph",
    "find_entity",
    "find_paper",
    "entity_papers",
    "cooccurrence_graph",
    "top_entities",
    "co_usage_matrix",
    "baseline_graph",
    "most_compared",
    "entity_communities",
    "communities",
    "modality_mix",
    "modality_mix_by_date",
    "similar_papers",
    "neighbourhood",
    "leaderboard",
    "method_results",
    "CENTRALITIES",
]

# by= name -> networkx centrality over the entity co-occurrence graph (no scipy needed).
CENTRALITIES = {
    "degree": nx.degree_centrality,
    "betweenness": nx.betweenness_centrality,
    "closeness": nx.closeness_centrality,
}


def _pandas():
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - depends on the installation
        raise KgError("kg.analysis needs pandas: pip install 'papers-kg[analysis]'"
                      " (in a checkout: pip install -e '.[analysis]', as make demo does)") from None
    return pd


# --------------------------------------------------------------------------- lookups


def tiny_graph() -> nx.MultiDiGraph:
    """The three-paper graph the docstring examples use (see the module docstring).

    Examples
    --------
    >>> G = tiny_graph()
    >>> sorted(n for n, t in G.nodes(data="type") if t == "paper")
    ['paper/p1', 'paper/p2', 'paper/p3']
    """
    from kg.graph import build_graph
    from kg.model import Entity, Evidence, Link, Paper, Result

    papers = [
        Paper("p1", "Alpha for reading", "A", date="--03-18"),
        Paper("p2", "Beta beats GPT-4", "B", date="--03-18"),
        Paper("p3", "Residual vision", "C", date="2024-04-02"),
    ]
    names = {
        "method/alpha": "Alpha", "method/beta": "Beta", "method/bert": "BERT",
        "method/gpt-4": "GPT-4", "method/resnet": "ResNet", "dataset/squad": "SQuAD",
        "dataset/mmlu": "MMLU", "dataset/imagenet": "ImageNet", "modality/text": "text",
        "modality/image": "image",
    }
    uses = {
        "p1": ["method/alpha", "method/bert", "dataset/squad", "modality/text"],
        "p2": ["method/beta", "method/bert", "method/gpt-4", "dataset/squad", "dataset/mmlu",
               "modality/text"],
        "p3": ["method/resnet", "dataset/imagenet", "modality/image"],
    }
    links = [Link(p, ENTITY_TYPES[e.split("/")[0]].uses, e) for p, es in uses.items() for e in es]
    links += [Link("p1", PROPOSES, "method/alpha"), Link("p2", PROPOSES, "method/beta"),
              Link("p1", COMPARES_WITH, "method/bert"), Link("p2", COMPARES_WITH, "method/bert"),
              Link("p2", COMPARES_WITH, "method/gpt-4"), Link("p1", REPORTS_METRIC, "metric/f1"),
              Link("p2", REPORTS_METRIC, "metric/f1")]
    evidence = Evidence("abstract", 0, 1, "x", "x", "lexicon", 0.9)
    links = [Link(link.paper_id, link.relation, link.entity_id, (evidence,)) for link in links]
    counts = Counter(e for es in uses.values() for e in es)
    entities = [Entity(node, node.split("/")[0], label, paper_count=counts[node])
                for node, label in names.items()]
    entities.append(Entity("metric/f1", "metric", "F1", paper_count=2, direction="higher"))
    score = Evidence("abstract", 0, 1, "x", "x", "result:value-metric", 0.75)
    results = [Result("p1", "metric/f1", "88.5", 88.5, score, "method/alpha", "dataset/squad",
                      own=True),
               Result("p2", "metric/f1", "84.0", 84.0, score, "method/bert", "dataset/squad"),
               Result("p2", "metric/f1", "90.1", 90.1, score, "method/beta", "dataset/squad",
                      own=True)]
    return build_graph(papers, entities, links, results)


def find_entity(G: nx.MultiDiGraph, name: str, type: str | None = None) -> str:
    """The node key of an entity given its key, label or an alias (case-insensitive).

    :func:`kg.lookup.find_node` restricted to entities. Raises ``KgError`` when
    nothing matches, or when a name matches entities of several types and ``type``
    does not pick one.

    Examples
    --------
    >>> G = tiny_graph()
    >>> find_entity(G, "bert"), find_entity(G, "method/gpt-4")
    ('method/bert', 'method/gpt-4')
    """
    from kg.lookup import NodeNotFound, find_node

    try:
        node = find_node(G, name, type=type)
    except NodeNotFound as err:
        raise NodeNotFound(str(err).replace("no node named", "no entity named", 1)) from None
    if G.nodes[node].get("type") not in ENTITY_TYPES:
        raise KgError(f"no entity named {name!r} in the graph ({node} is a paper)")
    return node


def find_paper(G: nx.MultiDiGraph, paper: str) -> str:
    """The node key of a paper given its key, its ``paper_id``, arXiv id or title.

    :func:`kg.lookup.find_node` restricted to papers.

    Examples
    --------
    >>> find_paper(tiny_graph(), "p2")
    'paper/p2'
    """
    from kg.lookup import find_node

    return find_node(G, paper, type=PAPER.name)


def _entities(G: nx.MultiDiGraph, types: Iterable[str] | None = None) -> list[str]:
    types = set(ENTITY_TYPES if types is None else types)
    unknown = types - set(ENTITY_TYPES)
    if unknown:
        raise KgError(f"unknown entity type(s) {sorted(unknown)}; known: {', '.join(ENTITY_TYPES)}")
    return [n for n, t in G.nodes(data="type") if t in types]


def _paper_entities(G: nx.MultiDiGraph, relations: Iterable[str] | None = None,
                    types: Iterable[str] | None = None) -> dict[str, set[str]]:
    """paper node -> the entities it links to (optionally by these relations / of these types)."""
    relations = None if relations is None else set(relations)
    types = set(ENTITY_TYPES if types is None else types)
    result: dict[str, set[str]] = {}
    nodes, succ = G._node, G._succ  # the graph's own dicts, in G.out_edges order
    for node, node_type in G.nodes(data="type"):
        if node_type != PAPER.name:
            continue
        result[node] = {
            target for target, keyed in succ[node].items() for key in keyed
            if (relations is None or key in relations) and nodes[target]["type"] in types
        }
    return result


def entity_papers(G: nx.MultiDiGraph, entity: str,
                  relations: Iterable[str] | None = None) -> set[str]:
    """The paper nodes linked to ``entity`` (by any relation, or by ``relations``).

    Examples
    --------
    >>> sorted(entity_papers(tiny_graph(), "method/bert"))
    ['paper/p1', 'paper/p2']
    >>> sorted(entity_papers(tiny_graph(), "method/gpt-4", relations=["comparesWith"]))
    ['paper/p2']
    """
    relations = None if relations is None else set(relations)
    return {source for source, _, key in G.in_edges(entity, keys=True)
            if relations is None or key in relations}


def _label(G: nx.MultiDiGraph, node: str) -> str:
    return G.nodes[node].get("label", node)


def _unique_labels(G: nx.MultiDiGraph, nodes: Iterable[str]) -> dict[str, str]:
    """node -> label, with the node key appended where two nodes share a label."""
    nodes = list(nodes)
    counts = Counter(_label(G, n) for n in nodes)
    return {n: _label(G, n) if counts[_label(G, n)] == 1 else f"{_label(G, n)} ({n})"
            for n in nodes}


def _rank(G: nx.MultiDiGraph, nodes: Iterable[str], papers: dict[str, int]) -> list[str]:
    """Most papers first, then by label, then by key: a stable order for tables and charts."""
    return sorted(nodes, key=lambda n: (-papers.get(n, 0), _label(G, n).casefold(), n))


# --------------------------------------------------------------------------- rankings


def cooccurrence_graph(G: nx.MultiDiGraph, types: Iterable[str] | None = None,
                       relations: Iterable[str] | None = None) -> nx.Graph:
    """Entities joined when one paper links to both; ``weight`` = number of such papers.

    Every entity of the chosen ``types`` is a node (with ``label``, ``type`` and
    ``papers``), also when it shares no paper with another entity.

    Examples
    --------
    >>> C = cooccurrence_graph(tiny_graph(), types=["method", "dataset"])
    >>> C["method/bert"]["dataset/squad"]["weight"], C.nodes["method/bert"]["papers"]
    (2, 2)
    >>> C.has_edge("method/resnet", "dataset/squad")
    False
    """
    nodes = _entities(G, types)
    chosen = set(nodes)
    C = nx.Graph()
    per_paper = _paper_entities(G, relations, types)
    papers = Counter(e for entities in per_paper.values() for e in entities)
    for node in sorted(nodes):
        C.add_node(node, label=_label(G, node), type=G.nodes[node]["type"], papers=papers[node])
    weights: Counter = Counter()
    for paper in sorted(per_paper):
        members = sorted(per_paper[paper] & chosen)
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                weights[a, b] += 1
    for (a, b), weight in sorted(weights.items()):
        C.add_edge(a, b, weight=weight)
    return C


def top_entities(G: nx.MultiDiGraph, type: str = "method", by: str = "papers", n: int = 10,
                 relations: Iterable[str] | None = None) -> pd.DataFrame:
    """The ``n`` top entities of one ``type`` by number of papers or by a centrality.

    ``by="papers"`` counts distinct papers; ``by="degree"``, ``"betweenness"`` or
    ``"closeness"`` is that networkx centrality of the entity in the co-occurrence
    graph of all entities (see :func:`cooccurrence_graph`). Ties are broken by
    paper count, then label. Columns: ``node``, ``label``, ``papers``, ``score``.

    Examples
    --------
    >>> G = tiny_graph()
    >>> top_entities(G, "method", n=2)[["label", "papers"]].values.tolist()
    [['BERT', 2], ['Alpha', 1]]
    >>> top = top_entities(G, "dataset", by="degree", n=1)
    >>> top.label.tolist(), float(top.score[0].round(3))
    (['SQuAD'], 0.7)
    """
    pd = _pandas()
    if by != "papers" and by not in CENTRALITIES:
        raise KgError(f"unknown ranking {by!r}; use papers, {', '.join(CENTRALITIES)}")
    C = cooccurrence_graph(G, relations=relations)
    nodes = _entities(G, [type])
    papers = {node: C.nodes[node]["papers"] for node in nodes}
    scores = papers if by == "papers" else CENTRALITIES[by](C)
    ranked = sorted(nodes, key=lambda v: (-scores[v], -papers[v], _label(G, v).casefold(), v))
    rows = [{"node": v, "label": _label(G, v), "papers": papers[v], "score": scores[v]}
            for v in ranked[:n]]
    return pd.DataFrame(rows, columns=["node", "label", "papers", "score"])


def co_usage_matrix(G: nx.MultiDiGraph, rows: str = "method", columns: str = "dataset",
                    top_rows: int | None = None, top_columns: int | None = None,
                    relations: Iterable[str] | None = None) -> pd.DataFrame:
    """How many papers link to both a row entity and a column entity (method × dataset).

    Rows and columns are entity labels ordered by number of papers; ``top_rows``
    and ``top_columns`` keep only the most-used ones. Entities that share no
    paper with the other side are kept (an all-zero row says so).

    Examples
    --------
    >>> M = co_usage_matrix(tiny_graph(), top_rows=3)
    >>> list(M.columns), int(M.loc["BERT", "SQuAD"]), int(M.loc["Alpha", "MMLU"])
    (['SQuAD', 'ImageNet', 'MMLU'], 2, 0)
    >>> list(M.index)
    ['BERT', 'Alpha', 'Beta']
    """
    pd = _pandas()
    per_paper = _paper_entities(G, relations, [rows, columns])
    papers = Counter(e for entities in per_paper.values() for e in entities)
    row_nodes = _rank(G, _entities(G, [rows]), papers)[:top_rows]
    col_nodes = _rank(G, _entities(G, [columns]), papers)[:top_columns]
    index = {node: i for i, node in enumerate(row_nodes)}
    position = {node: j for j, node in enumerate(col_nodes)}
    counts = [[0] * len(col_nodes) for _ in row_nodes]
    for entities in per_paper.values():
        for r in entities & index.keys():
            for c in entities & position.keys():
                counts[index[r]][position[c]] += 1
    labels = _unique_labels(G, [*row_nodes, *col_nodes])
    frame = pd.DataFrame(counts, index=[labels[n] for n in row_nodes],
                         columns=[labels[n] for n in col_nodes], dtype="int64")
    frame.index.name, frame.columns.name = rows, columns
    return frame


def baseline_graph(G: nx.MultiDiGraph) -> nx.DiGraph:
    """Who compares against whom: proposed method → baseline method.

    An edge ``A -> B`` means some paper proposes ``A`` and compares it with
    ``B``; ``weight`` is the number of such papers and ``papers`` lists them.
    Papers that compare with a baseline but propose no named method add no edge
    (they still count in :func:`most_compared`). Nodes carry ``label``.

    Examples
    --------
    >>> B = baseline_graph(tiny_graph())
    >>> sorted(B.edges(data="weight"))
    [('method/alpha', 'method/bert', 1), ('method/beta', 'method/bert', 1), \
('method/beta', 'method/gpt-4', 1)]
    >>> B.in_degree("method/bert")
    2
    """
    B = nx.DiGraph()
    for paper, node_type in sorted(G.nodes(data="type")):
        if node_type != PAPER.name:
            continue
        out = [(target, key) for target, keyed in G._succ[paper].items() for key in keyed]
        proposed = sorted(t for t, key in out if key == PROPOSES)
        baselines = sorted(t for t, key in out if key == COMPARES_WITH)
        for a in proposed:
            for b in baselines:
                if a == b:
                    continue
                for node in (a, b):
                    B.add_node(node, label=_label(G, node))
                if B.has_edge(a, b):
                    B[a][b]["weight"] += 1
                    B[a][b]["papers"].append(paper)
                else:
                    B.add_edge(a, b, weight=1, papers=[paper])
    return B


def most_compared(G: nx.MultiDiGraph, n: int = 10) -> pd.DataFrame:
    """The methods most often compared against (``comparesWith`` links), most first.

    Columns: ``node``, ``label``, ``papers`` (papers comparing with it) and
    ``compared_by`` (labels of the methods those papers propose).

    Examples
    --------
    >>> most_compared(tiny_graph()).values.tolist()
    [['method/bert', 'BERT', 2, ['Alpha', 'Beta']], ['method/gpt-4', 'GPT-4', 1, ['Beta']]]
    """
    pd = _pandas()
    counts = Counter(target for _, target, key in G.edges(keys=True) if key == COMPARES_WITH)
    B = baseline_graph(G)
    rows = []
    for node in _rank(G, counts, counts)[:n]:
        by = B.predecessors(node) if node in B else ()
        rows.append({"node": node, "label": _label(G, node), "papers": counts[node],
                     "compared_by": sorted((_label(G, m) for m in by), key=str.casefold)})
    return pd.DataFrame(rows, columns=["node", "label", "papers", "compared_by"])


# --------------------------------------------------------------------------- structure


def communities(G: nx.MultiDiGraph, types: Iterable[str] | None = ("method", "dataset"),
                seed: int = 0, resolution: float = 1.0, min_size: int = 1,
                C: nx.Graph | None = None) -> list[list[str]]:
    """Louvain communities of co-occurring entities, largest first, members most papers first.

    The pure half of :func:`entity_communities` (no pandas): the views colour by it.
    ``C`` is a co-occurrence graph already made with :func:`cooccurrence_graph`.

    Examples
    --------
    >>> communities(tiny_graph())[-1]
    ['dataset/imagenet', 'method/resnet']
    """
    C = cooccurrence_graph(G, types=types) if C is None else C
    if C.number_of_nodes() == 0:
        return []
    papers = {node: C.nodes[node]["papers"] for node in C}
    groups = nx.community.louvain_communities(C, weight="weight", resolution=resolution, seed=seed)
    groups = [_rank(G, group, papers) for group in groups if len(group) >= min_size]
    groups.sort(key=lambda g: (-len(g), -sum(papers[n] for n in g), _label(G, g[0]).casefold()))
    return groups


def entity_communities(G: nx.MultiDiGraph, types: Iterable[str] = ("method", "dataset"),
                       seed: int = 0, resolution: float = 1.0, label_size: int = 3,
                       min_size: int = 1) -> pd.DataFrame:
    """Communities of entities that appear in the same papers (networkx Louvain).

    Runs ``nx.community.louvain_communities`` with a fixed ``seed`` on the
    weighted co-occurrence graph (:func:`cooccurrence_graph`), so results are
    deterministic. A community's ``label`` joins its ``label_size`` members with
    the most papers. Columns: ``community`` (0 = largest), ``label``, ``size``,
    ``papers`` (distinct papers linking to a member), ``members`` (labels, most
    papers first) and ``nodes`` (keys, same order).

    Examples
    --------
    >>> C = entity_communities(tiny_graph(), label_size=2)
    >>> C[["label", "size", "papers"]].values.tolist()
    [['BERT / SQuAD', 3, 2], ['Beta / GPT-4', 3, 1], ['ImageNet / ResNet', 2, 1]]
    """
    pd = _pandas()
    columns = ["community", "label", "size", "papers", "members", "nodes"]
    groups = communities(G, types, seed=seed, resolution=resolution, min_size=min_size)
    if not groups:
        return pd.DataFrame([], columns=columns)
    rows = []
    for number, nodes in enumerate(groups):
        touching = set().union(*(entity_papers(G, node) for node in nodes))
        members = [_label(G, node) for node in nodes]
        rows.append({"community": number, "label": " / ".join(members[:label_size]),
                     "size": len(nodes), "papers": len(touching), "members": members,
                     "nodes": nodes})
    return pd.DataFrame(rows, columns=columns)


_YEAR_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH_DAY = re.compile(r"^--(\d{2})-(\d{2})$")
UNDATED = "undated"


def _date_key(date: str | None, by: str) -> tuple[str, tuple]:
    """(period label, sort key): year-less dates sort before dated ones, undated last."""
    if date:
        if match := _YEAR_DATE.match(date):
            year, month, day = match.groups()
            label = f"{year}-{month}" if by == "month" else date
            return label, (1, year, month, day if by == "day" else "")
        if match := _MONTH_DAY.match(date):
            month, day = match.groups()
            label = f"--{month}" if by == "month" else date
            return label, (0, "", month, day if by == "day" else "")
    return UNDATED, (2, "", "", "")


def modality_mix(G: nx.MultiDiGraph, include_none: bool = True) -> pd.DataFrame:
    """How many papers have each modality, and what share of all papers that is.

    A paper with several modalities counts once for each, so shares can add up
    to more than 1. With ``include_none`` a last row ``(none)`` counts papers
    without any modality. Columns: ``modality``, ``papers``, ``share``.

    Examples
    --------
    >>> modality_mix(tiny_graph()).values.tolist()
    [['text', 2, 0.6666666666666666], ['image', 1, 0.3333333333333333], ['(none)', 0, 0.0]]
    """
    pd = _pandas()
    per_paper = _paper_entities(G, types=["modality"])
    counts = Counter(m for modalities in per_paper.values() for m in modalities)
    total = len(per_paper)
    rows = [(_label(G, m), counts[m]) for m in _rank(G, _entities(G, ["modality"]), counts)]
    if include_none:
        rows.append(("(none)", sum(1 for modalities in per_paper.values() if not modalities)))
    frame = pd.DataFrame(rows, columns=["modality", "papers"])
    frame["share"] = frame["papers"] / total if total else 0.0
    return frame


def modality_mix_by_date(G: nx.MultiDiGraph, by: str = "day", share: bool = False,
                         include_undated: bool = True) -> pd.DataFrame:
    """Papers per modality for each listing date (``by="day"``) or month (``by="month"``).

    Dates may be ``"YYYY-MM-DD"``, year-less ``"--MM-DD"`` (daily listings) or
    missing; anything else counts as missing. Rows are periods in date order —
    year-less periods first, then dated ones, then ``"undated"`` (dropped with
    ``include_undated=False``); columns are modality labels plus ``papers`` (all
    papers of the period). ``share=True`` divides each modality count by
    ``papers``.

    Examples
    --------
    >>> M = modality_mix_by_date(tiny_graph())
    >>> M.index.tolist(), M.loc["--03-18"].tolist()
    (['--03-18', '2024-04-02'], [2, 0, 2])
    >>> list(M.columns)
    ['text', 'image', 'papers']
    >>> modality_mix_by_date(tiny_graph(), by="month").index.tolist()
    ['--03', '2024-04']
    """
    pd = _pandas()
    if by not in ("day", "month"):
        raise KgError(f"unknown period {by!r}; use day or month")
    per_paper = _paper_entities(G, types=["modality"])
    modalities = _rank(G, _entities(G, ["modality"]),
                       Counter(m for ms in per_paper.values() for m in ms))
    labels = _unique_labels(G, modalities)
    table: dict[str, Counter] = defaultdict(Counter)
    order: dict[str, tuple] = {}
    for paper, found in per_paper.items():
        period, key = _date_key(G.nodes[paper].get("date"), by)
        if period == UNDATED and not include_undated:
            continue
        order[period] = key
        table[period]["papers"] += 1
        for modality in found:
            table[period][labels[modality]] += 1
    periods = sorted(table, key=lambda p: (order[p], p))
    columns = [labels[m] for m in modalities] + ["papers"]
    frame = pd.DataFrame([[table[p][c] for c in columns] for p in periods],
                         index=pd.Index(periods, name="date"), columns=columns, dtype="int64")
    if share:
        values = frame[columns[:-1]].div(frame["papers"].where(frame["papers"] > 0), axis=0)
        frame = pd.concat([values.fillna(0.0), frame[["papers"]]], axis=1)
    return frame


def similar_papers(G: nx.MultiDiGraph, paper: str, n: int = 10,
                   types: Iterable[str] = ("method", "dataset")) -> pd.DataFrame:
    """Papers sharing entities with ``paper``, by Jaccard similarity of their entity sets.

    ``paper`` is a node key, ``paper_id`` or arXiv id. Entities are methods and
    datasets by default (modalities are too coarse to say much); papers sharing
    nothing are left out. Columns: ``node``, ``title``, ``jaccard``, ``shared``
    (labels of the shared entities).

    Examples
    --------
    >>> similar_papers(tiny_graph(), "p1")[["node", "jaccard", "shared"]].values.tolist()
    [['paper/p2', 0.3333333333333333, ['BERT', 'SQuAD']]]
    """
    pd = _pandas()
    node = find_paper(G, paper)
    per_paper = _paper_entities(G, types=types)
    mine = per_paper[node]
    rows = []
    for other, theirs in per_paper.items():
        shared = mine & theirs
        if other == node or not shared:
            continue
        rows.append({"node": other, "title": G.nodes[other].get("title", _label(G, other)),
                     "jaccard": len(shared) / len(mine | theirs),
                     "shared": sorted((_label(G, e) for e in shared), key=str.casefold)})
    rows.sort(key=lambda r: (-r["jaccard"], -len(r["shared"]), r["title"].casefold(), r["node"]))
    return pd.DataFrame(rows[:n], columns=["node", "title", "jaccard", "shared"])


def neighbourhood(G: nx.MultiDiGraph, entity: str, types: Iterable[str] | None = None,
                  n: int | None = None) -> pd.DataFrame:
    """The entities that appear in papers together with ``entity``, as a table.

    ``entity`` is a node key, label or alias. One row per neighbouring entity:
    ``node``, ``label``, ``type``, ``papers`` (papers linking to both), and
    ``relations`` (how those papers link to the neighbour). Most shared papers
    first; ``types`` narrows the neighbours, ``n`` keeps the first rows.

    Examples
    --------
    >>> T = neighbourhood(tiny_graph(), "BERT", types=["method", "dataset"])
    >>> T[["label", "papers", "relations"]].values.tolist()[:3]
    [['SQuAD', 2, ['usesDataset']], ['Alpha', 1, ['proposes', 'usesMethod']], \
['Beta', 1, ['proposes', 'usesMethod']]]
    """
    pd = _pandas()
    node = find_entity(G, entity)
    allowed = set(_entities(G, types))
    shared: Counter = Counter()
    relations: dict[str, set[str]] = defaultdict(set)
    for paper in entity_papers(G, node):
        seen = set()
        for _, target, key in G.out_edges(paper, keys=True):
            if target == node or target not in allowed:
                continue
            relations[target].add(key)
            if target not in seen:
                seen.add(target)
                shared[target] += 1
    rows = [{"node": v, "label": _label(G, v), "type": G.nodes[v]["type"], "papers": shared[v],
             "relations": sorted(relations[v])} for v in _rank(G, shared, shared)[:n]]
    return pd.DataFrame(rows, columns=["node", "label", "type", "papers", "relations"])


# --------------------------------------------------------------------------- results


def leaderboard(G: nx.MultiDiGraph, dataset: str, metric: str, n: int | None = None,
                best_per_method: bool = False) -> pd.DataFrame:
    """The results reported on ``dataset`` for ``metric``, best first.

    "Best" follows the metric's ``direction`` (``"lower"``: smallest first, as for
    FID or latency; ``"higher"`` or unknown: largest first). ``dataset`` and
    ``metric`` are labels, aliases or node keys. ``best_per_method`` keeps each
    method's best result only (the paper's own unnamed systems stay apart, one per
    paper). Columns: ``rank`` (ties share one), ``method_label``, ``method``,
    ``own``, ``value``, ``number``, ``unit``, ``paper``, ``title``, ``sentence``.

    Examples
    --------
    >>> board = leaderboard(tiny_graph(), "SQuAD", "F1")
    >>> board[["rank", "method_label", "number", "paper"]].values.tolist()
    [[1, 'Beta', 90.1, 'paper/p2'], [2, 'Alpha', 88.5, 'paper/p1'], [3, 'BERT', 84.0, 'paper/p2']]
    """
    from kg.frames import results_frame

    dataset_node = find_entity(G, dataset, type="dataset")
    metric_node = find_entity(G, metric, type="metric")
    frame = results_frame(G)
    frame = frame[(frame.dataset == dataset_node) & (frame.metric == metric_node)]
    lower = G.nodes[metric_node].get("direction") == "lower"
    frame = frame.sort_values(["number", "method_label", "paper"],
                              ascending=[lower, True, True], kind="stable")
    if best_per_method:
        key = frame.method.where(frame.method.notna(), "own:" + frame.paper)
        frame = frame[~key.duplicated()]
    frame = frame.reset_index(drop=True)
    ranks = (frame.number if lower else -frame.number).rank(method="min")
    frame.insert(0, "rank", ranks.astype(int) if len(frame) else ranks)
    columns = ["rank", "method_label", "method", "own", "value", "number", "unit", "paper",
               "title", "sentence"]
    frame = frame[columns]
    return frame.head(n) if n is not None else frame


def method_results(G: nx.MultiDiGraph, method: str) -> pd.DataFrame:
    """Every result of one method, in every paper, on every dataset and metric.

    Columns: ``dataset_label``, ``metric_label``, ``direction``, ``value``,
    ``number``, ``unit``, ``own`` (the reporting paper's own system), ``paper``,
    ``title``, ``sentence``; sorted by dataset, metric, then best first.

    Examples
    --------
    >>> method_results(tiny_graph(), "BERT")[["dataset_label", "number", "own"]].values.tolist()
    [['SQuAD', 84.0, False]]
    """
    from kg.frames import results_frame

    node = find_entity(G, method, type="method")
    frame = results_frame(G)
    frame = frame[frame.method == node].copy()
    frame["_order"] = frame.number.where(frame.direction == "lower", -frame.number)
    frame = frame.sort_values(["dataset_label", "metric_label", "_order"], kind="stable")
    columns = ["dataset_label", "metric_label", "direction", "value", "number", "unit", "own",
               "paper", "title", "sentence"]
    return frame[columns].reset_index(drop=True)
