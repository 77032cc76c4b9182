/* papers-kg view: draws the JSON in #kg-data with vis-network. Input strings only ever
   reach the DOM through textContent / createTextNode, never as HTML. */
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("kg-data").textContent);
  var TYPES = DATA.style.types, RELS = DATA.style.relations, META = DATA.meta;
  var byId = new Map();
  DATA.nodes.forEach(function (n) { byId.set(n.id, n); });
  var linksOf = new Map();
  DATA.links.forEach(function (l, i) {
    [l[0], l[1]].forEach(function (id) {
      if (!linksOf.has(id)) linksOf.set(id, []);
      linksOf.get(id).push(i);
    });
  });

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) {
      if (k === "text") e.textContent = attrs[k];
      else if (k === "class") e.className = attrs[k];
      else e.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) {
      if (c !== null && c !== undefined) e.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return e;
  }
  function labelOf(id) {
    var n = byId.get(id);
    if (n) return n.l;
    var x = DATA.labels[id];
    return x ? x[1] : id;
  }
  function typeOf(id) {
    var n = byId.get(id);
    if (n) return n.t;
    var x = DATA.labels[id];
    return x ? x[0] : "paper";
  }
  function short(text, max) { return text.length > max ? text.slice(0, max - 1) + "…" : text; }
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  // "--03-18" (a listing's month and day, no year) reads as "Mar 18 (year not given)".
  function showDate(d) {
    var m = /^--(\d\d)-(\d\d)$/.exec(d || "");
    return m ? MONTHS[+m[1] - 1] + " " + (+m[2]) + " (year not given)" : d;
  }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  /* ---------- drawing ---------- */
  function tooltip(n) {
    var lines = [el("div", {class: "tip-title", text: n.t === "paper" ? n.p.title : n.l})];
    var links = linksOf.get(n.id) || [];
    if (n.t === "paper") {
      var meta = [showDate(n.p.date), n.p.arxiv ? "arXiv " + n.p.arxiv : null].filter(Boolean).join(" · ");
      if (meta) lines.push(el("div", {text: meta}));
      lines.push(el("div", {text: "Paper · " + plural(links.length, "link") + " to methods, datasets and modalities"}));
    } else {
      lines.push(el("div", {text: TYPES[n.t].name + (n.f ? " family" : "") + " · " + plural(n.n, "paper")}));
      if (n.a.length) lines.push(el("div", {text: "also: " + short(n.a.join(", "), 120)}));
    }
    lines.push(el("div", {class: "hint", text: "Click for details and evidence"}));
    return el("div", null, lines);
  }
  function relStyle(rel) { return RELS[rel] || RELS.usedWith; }

  var big = META.big;
  var visNodes = new vis.DataSet(DATA.nodes.map(function (n) {
    var s = TYPES[n.t];
    // Many paper titles on screen are unreadable: big views name papers in the tooltip only.
    var label = n.t !== "paper" ? n.l : big ? undefined : short(n.p.title, 40);
    return {id: n.id, label: label, x: n.x, y: n.y, font: {size: Math.round(Math.max(13, n.s * 0.45))},
            shape: s.shape, size: n.s, color: {background: s.color, border: "#555",
            highlight: {background: s.color, border: "#000"}}, title: tooltip(n)};
  }));
  var visEdges = new vis.DataSet(DATA.edges.map(function (e, i) {
    var s = relStyle(e[2]);
    var label = s.name;
    if (Array.isArray(e[3])) label += ": " + plural(e[3].length, "paper");
    else label += " (confidence " + DATA.links[e[3]][3] + ")";
    return {id: i, from: e[0], to: e[1], color: {color: s.color, highlight: s.color, hover: s.color, opacity: 0.7},
            dashes: s.dashes, width: Array.isArray(e[3]) ? Math.min(1 + e[3].length, 8) : s.width,
            arrows: e[2] === "usedWith" ? "" : "to", title: label};
  }));
  var options = {
    autoResize: true,
    layout: {improvedLayout: false},
    nodes: {font: {size: 13, face: "system-ui, sans-serif"}, borderWidth: 1},
    edges: {smooth: false, arrows: {to: {enabled: true, scaleFactor: 0.5}}, selectionWidth: 2},
    physics: META.physics ? {enabled: true, solver: "barnesHut",
      barnesHut: {gravitationalConstant: -6000, springLength: 140, avoidOverlap: 0.2},
      stabilization: {enabled: true, iterations: 150, fit: true}} : false,
    interaction: {hover: true, tooltipDelay: 150, hideEdgesOnDrag: big, hideEdgesOnZoom: big,
                  keyboard: false, multiselect: false}
  };
  var container = document.getElementById("graph");
  var network = new vis.Network(container, {nodes: visNodes, edges: visEdges}, options);
  // Ready (for people and for tests): drawn where the nodes will stay.
  function markReady() {
    network.once("afterDrawing", function () {
      document.body.setAttribute("data-ready", "1");
      window.kgReady = performance.now();
    });
  }
  if (!DATA.nodes.length) {
    container.appendChild(el("p", {class: "empty-view", text: "Nothing to show in this view."}));
    document.body.setAttribute("data-ready", "1");
    window.kgReady = performance.now();
  } else if (META.physics) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({physics: false});
      markReady();
      network.redraw();
    });
  } else {
    markReady();
  }

  /* ---------- legend and filters ---------- */
  var typeCount = {}, relCount = {};
  DATA.nodes.forEach(function (n) { typeCount[n.t] = (typeCount[n.t] || 0) + 1; });
  DATA.edges.forEach(function (e) { relCount[e[2]] = (relCount[e[2]] || 0) + 1; });
  var hiddenTypes = new Set(), hiddenRels = new Set();
  function filterRow(kind, key, swatch, name, count) {
    var box = el("input", {type: "checkbox", "data-kind": kind, value: key});
    box.checked = true;
    box.addEventListener("change", function () {
      var set = kind === "type" ? hiddenTypes : hiddenRels;
      if (box.checked) set.delete(key); else set.add(key);
      applyFilters();
    });
    return el("label", null, [box, swatch, el("span", {text: name}), el("span", {class: "count", text: String(count)})]);
  }
  var typeBox = document.getElementById("type-filters");
  Object.keys(TYPES).forEach(function (t) {
    if (!typeCount[t]) return;
    var sw = el("span", {class: "swatch " + TYPES[t].shape});
    sw.style.background = TYPES[t].color;
    sw.style.setProperty("--c", TYPES[t].color);
    typeBox.appendChild(filterRow("type", t, sw, TYPES[t].name, typeCount[t]));
  });
  var relBox = document.getElementById("relation-filters");
  Object.keys(RELS).forEach(function (r) {
    if (!relCount[r]) return;
    var s = RELS[r];
    var line = el("span", {class: "line" + (s.dashes ? (s.dashes[0] > 3 ? " dashed" : " dotted") : "") + (s.width > 2 ? " thick" : "")});
    line.style.borderTopColor = s.color;
    relBox.appendChild(filterRow("relation", r, line, s.name, relCount[r]));
  });
  function applyFilters() {
    visNodes.update(DATA.nodes.map(function (n) { return {id: n.id, hidden: hiddenTypes.has(n.t)}; }));
    visEdges.update(DATA.edges.map(function (e, i) { return {id: i, hidden: hiddenRels.has(e[2])}; }));
    updateCounts();
  }
  function updateCounts() {
    var shownNodes = DATA.nodes.filter(function (n) { return !hiddenTypes.has(n.t); }).length;
    var shownEdges = DATA.edges.filter(function (e) { return !hiddenRels.has(e[2]); }).length;
    document.getElementById("counts").textContent = plural(shownNodes, "node") + " · " + plural(shownEdges, "edge") + " shown";
  }
  updateCounts();

  /* ---------- details panel ---------- */
  var details = document.getElementById("details"), body = document.getElementById("details-body");
  document.getElementById("details-close").addEventListener("click", function () {
    details.hidden = true;
    network.unselectAll();
  });
  // Text with [start, end, relation, label] spans wrapped in <mark>; overlapping spans are skipped.
  function marked(text, spans) {
    var frag = document.createDocumentFragment(), at = 0;
    spans.slice().sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; }).forEach(function (s) {
      if (s[0] < at || s[1] > text.length || s[1] <= s[0]) return;
      frag.appendChild(document.createTextNode(text.slice(at, s[0])));
      var name = s[2] === "result" ? "reported value" : relStyle(s[2]).name;
      frag.appendChild(el("mark", {class: "rel-" + s[2], title: name + ": " + s[3], text: text.slice(s[0], s[1])}));
      at = s[1];
    });
    frag.appendChild(document.createTextNode(text.slice(at)));
    return frag;
  }
  function sentence(ev, rel) {
    var s = ev[4] || "", i = ev[3] ? s.indexOf(ev[3]) : -1;
    var span = el("span", {class: "sentence"});
    span.appendChild(i >= 0 ? marked(s, [[i, i + ev[3].length, rel, ev[3]]]) : document.createTextNode(s));
    return span;
  }
  function nodeButton(id) {
    var text = labelOf(id);
    if (!byId.has(id)) return el("span", {text: text, title: "not drawn in this view"});
    var b = el("button", {type: "button", class: "link", text: text});
    b.addEventListener("click", function () { select(id); });
    return b;
  }
  function grouped(indices) {
    var groups = {};
    indices.forEach(function (i) {
      var rel = DATA.links[i][2];
      (groups[rel] = groups[rel] || []).push(DATA.links[i]);
    });
    return Object.keys(RELS).filter(function (r) { return groups[r]; }).map(function (r) { return [r, groups[r]]; });
  }
  function section(title, items) {
    return [el("h3", {text: title}), el("ul", null, items)];
  }
  // Results: [paper, method, dataset, metric, value, unit, own, evidence] rows.
  var resultsOf = new Map();
  (DATA.results || []).forEach(function (r) {
    [r[0], r[1], r[2], r[3]].forEach(function (id) {
      if (id === null) return;
      if (!resultsOf.has(id)) resultsOf.set(id, []);
      if (resultsOf.get(id).indexOf(r) < 0) resultsOf.get(id).push(r);
    });
  });
  function resultTable(rows, columns) {
    var head = el("tr", null, columns.map(function (c) { return el("th", {text: c[0]}); }));
    var trs = rows.map(function (r) {
      var tr = el("tr", null, columns.map(function (c) { return el("td", null, [c[1](r)]); }));
      var ev = el("tr", {class: "evidence"}, [el("td", {colspan: String(columns.length)}, [sentence(r[7], "result")])]);
      return [tr, ev];
    });
    return el("table", {class: "results"}, [el("thead", null, [head]), el("tbody", null, [].concat.apply([], trs))]);
  }
  function systemCell(r) {
    if (r[1] === null) return el("span", {text: "(ours)", title: "the paper's own system"});
    var b = nodeButton(r[1]);
    return r[6] ? el("span", null, [b, el("small", {text: " (ours)"})]) : b;
  }
  function valueCell(r) { return el("span", {class: "value", text: r[4] + (r[5] ? (r[5] === "%" ? "%" : " " + r[5]) : "")}); }
  function datasetCell(r) { return r[2] === null ? el("span", {class: "hint", text: "—"}) : nodeButton(r[2]); }
  function resultSection(id, columns) {
    var rows = resultsOf.get(id) || [];
    if (!rows.length) return [];
    return [el("h3", {text: "Results (" + rows.length + ")"}), resultTable(rows, columns)];
  }
  // Every node has a static page in the build's site/ (kg build writes it).
  function pageLink(n) {
    return META.site && n.h ? el("p", null, [el("a", {href: META.site + n.h, class: "page-link", text: "Open its page (all evidence) →"})]) : null;
  }
  function showPaper(n) {
    var p = n.p, mine = linksOf.get(n.id) || [], spans = {title: [], abstract: []};
    mine.forEach(function (i) {
      var l = DATA.links[i];
      l[4].forEach(function (ev) { if (spans[ev[0]]) spans[ev[0]].push([ev[1], ev[2], l[2], labelOf(l[1])]); });
    });
    var parts = [el("h2", null, [marked(p.title, spans.title)])];
    var meta = [p.date ? "Date: " + showDate(p.date) : "Date: unknown", p.arxiv ? "arXiv " + p.arxiv : null].filter(Boolean).join(" · ");
    parts.push(el("p", {class: "meta", text: meta}));
    if (p.authors.length) parts.push(el("p", {class: "meta", text: "Authors: " + p.authors.join(", ")}));
    parts.push(el("p", {class: "meta", text: "Sources: " + (p.sources.join(", ") || "none recorded")}));
    parts.push(pageLink(n));
    p.urls.forEach(function (u) {
      if (/^https?:/i.test(u)) parts.push(el("p", {class: "meta"}, [el("a", {href: u, target: "_blank", rel: "noopener noreferrer", text: u})]));
    });
    parts.push(el("h3", {text: "Abstract"}));
    parts.push(el("p", {class: "abstract"}, [marked(p.abstract, spans.abstract)]));
    grouped(mine).forEach(function (g) {
      parts.push.apply(parts, section(relStyle(g[0]).name + " (" + g[1].length + ")", g[1].map(function (l) {
        return el("li", null, [nodeButton(l[1]), el("small", {text: "  confidence " + l[3]})].concat(
          l[4].map(function (ev) { return sentence(ev, l[2]); })));
      })));
    });
    parts.push.apply(parts, resultSection(n.id, [["System", systemCell], ["Dataset", datasetCell],
      ["Metric", function (r) { return nodeButton(r[3]); }], ["Value", valueCell]]));
    if (!mine.length) parts.push(el("p", {class: "hint", text: "No links were extracted from this paper."}));
    return parts;
  }
  function showEntity(n) {
    var mine = linksOf.get(n.id) || [];
    var parts = [el("h2", {text: n.l}),
      el("p", {class: "meta", text: TYPES[n.t].name + (n.f ? " (technique family)" : "") + " · " + plural(n.n, "paper")}),
      pageLink(n)];
    if (n.a.length) parts.push(el("p", null, [el("strong", {text: "Aliases: "})].concat(n.a.map(function (a) { return el("span", {class: "tag", text: a}); }))));
    var papers = Array.from(new Set(mine.map(function (i) { return DATA.links[i][0]; })));
    parts.push.apply(parts, section("Papers (" + papers.length + ")", papers.map(function (pid) { return el("li", null, [nodeButton(pid)]); })));
    var paperCell = function (r) { return nodeButton(r[0]); };
    var metricCell = function (r) { return nodeButton(r[3]); };
    var columns = n.t === "method" ? [["Paper", paperCell], ["Dataset", datasetCell], ["Metric", metricCell], ["Value", valueCell]]
      : n.t === "dataset" ? [["System", systemCell], ["Metric", metricCell], ["Value", valueCell], ["Paper", paperCell]]
      : [["System", systemCell], ["Dataset", datasetCell], ["Value", valueCell], ["Paper", paperCell]];
    parts.push.apply(parts, resultSection(n.id, columns));
    grouped(mine).forEach(function (g) {
      parts.push.apply(parts, section("Evidence: " + relStyle(g[0]).name + " (" + g[1].length + ")", g[1].map(function (l) {
        return el("li", null, [nodeButton(l[0])].concat(l[4].map(function (ev) { return sentence(ev, l[2]); })));
      })));
    });
    return parts;
  }
  function showDetails(id) {
    var n = byId.get(id);
    if (!n) return;
    body.replaceChildren.apply(body, (n.t === "paper" ? showPaper(n) : showEntity(n)).filter(Boolean));
    body.setAttribute("data-node", id);
    details.hidden = false;
    details.scrollTop = 0;
  }
  function showEdge(i) {
    var e = DATA.edges[i], parts = [el("h2", null, [nodeButton(e[0]), " — ", nodeButton(e[1])]),
      el("p", {class: "meta", text: relStyle(e[2]).name})];
    if (Array.isArray(e[3])) {
      parts.push.apply(parts, section("Papers (" + e[3].length + ")", e[3].map(function (p) { return el("li", null, [nodeButton(p)]); })));
    } else {
      var l = DATA.links[e[3]];
      parts.push.apply(parts, section("Evidence (confidence " + l[3] + ")", l[4].map(function (ev) {
        return el("li", null, [el("small", {text: ev[0] + ", rule " + ev[5]}), sentence(ev, l[2])]);
      })));
    }
    body.replaceChildren.apply(body, parts);
    body.removeAttribute("data-node");
    details.hidden = false;
  }
  network.on("click", function (params) {
    if (params.nodes.length) showDetails(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
  });
  function select(id) {
    var n = byId.get(id);
    if (!n) return;
    if (hiddenTypes.has(n.t)) {
      hiddenTypes.delete(n.t);
      document.querySelector('input[data-kind="type"][value="' + n.t + '"]').checked = true;
      applyFilters();
    }
    network.selectNodes([id]);
    network.focus(id, {scale: Math.max(network.getScale(), 1.0), animation: big ? false : {duration: 400}});
    showDetails(id);
  }

  /* ---------- search ---------- */
  var entries = [];
  DATA.nodes.forEach(function (n) {
    entries.push([n.l.toLowerCase(), n.id, null]);
    (n.a || []).forEach(function (a) { entries.push([a.toLowerCase(), n.id, a]); });
  });
  var input = document.getElementById("search"), results = document.getElementById("search-results");
  var current = [], active = 0;
  function search(q) {
    q = q.trim().toLowerCase();
    if (!q) return [];
    var seen = new Set(), ranked = [];
    entries.forEach(function (e) {
      var at = e[0].indexOf(q);
      if (at < 0) return;
      ranked.push([e[0] === q ? 0 : at === 0 ? 1 : 2, e[0].length, e]);
    });
    ranked.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    var out = [];
    ranked.forEach(function (r) {
      if (out.length < 12 && !seen.has(r[2][1])) { seen.add(r[2][1]); out.push(r[2]); }
    });
    return out;
  }
  function renderResults() {
    current = search(input.value);
    active = 0;
    results.replaceChildren();
    if (!input.value.trim()) { results.hidden = true; return; }
    if (!current.length) {
      results.appendChild(el("li", {class: "empty", text: "No node in this view is called that." +
        (META.note ? " This view leaves nodes out; try the full graph view." : "")}));
    }
    current.forEach(function (e, i) {
      var n = byId.get(e[1]);
      var li = el("li", {"data-id": e[1], class: i === 0 ? "active" : ""}, [
        n.t === "paper" ? short(n.p.title, 80) : n.l,
        el("small", {text: TYPES[n.t].name + (e[2] ? " · alias " + e[2] : "")})]);
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); choose(e[1]); });
      results.appendChild(li);
    });
    results.hidden = false;
  }
  function choose(id) {
    results.hidden = true;
    input.blur();
    select(id);
  }
  input.addEventListener("input", renderResults);
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && current.length) { ev.preventDefault(); choose(current[active][1]); }
    if ((ev.key === "ArrowDown" || ev.key === "ArrowUp") && current.length) {
      ev.preventDefault();
      active = (active + (ev.key === "ArrowDown" ? 1 : current.length - 1)) % current.length;
      Array.from(results.children).forEach(function (li, i) { li.className = i === active ? "active" : ""; });
    }
    if (ev.key === "Escape") { results.hidden = true; }
  });
  input.addEventListener("blur", function () { results.hidden = true; });

  // A focus view opens with its node selected and explained.
  if (META.focus && byId.has(META.focus)) {
    network.selectNodes([META.focus]);
    showDetails(META.focus);
  }

  window.kgView = {network: network, nodes: visNodes, edges: visEdges, select: select, showDetails: showDetails, search: search};
})();
