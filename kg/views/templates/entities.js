/* papers-kg entity view: entities joined by co-usage and comparison, coloured by community,
   papers on demand, search over the whole build (window.KG_INDEX from search-index.js).
   Input strings only ever reach the DOM through textContent / createTextNode. */
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("kg-data").textContent);
  var TYPES = DATA.style.types, RELS = DATA.style.relations, META = DATA.meta;
  var INDEX = window.KG_INDEX || {e: [], p: []};
  var SITE = META.site;
  var byId = new Map(), paperInfo = new Map();
  DATA.nodes.forEach(function (n) { byId.set(n.id, n); });
  Object.keys(DATA.papers).forEach(function (k) {
    var p = DATA.papers[k];
    paperInfo.set(k, {title: p[0], date: p[1], entities: p[2], page: p[3]});
  });
  var entityIndex = new Map();
  INDEX.e.forEach(function (e, i) { entityIndex.set(e[0], i); });
  var paperIndex = new Map();
  INDEX.p.forEach(function (p, i) { paperIndex.set(p[0], i); });

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
  var NUMBER = new Intl.NumberFormat("en");  // one formatter: toLocaleString builds one per call
  function plural(n, word) { return NUMBER.format(n) + " " + word + (n === 1 ? "" : "s"); }
  function short(text, max) { return text.length > max ? text.slice(0, max - 1) + "…" : text; }
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  function showDate(d) {
    var m = /^--(\d\d)-(\d\d)$/.exec(d || "");
    return m ? MONTHS[+m[1] - 1] + " " + (+m[2]) + " (year not given)" : (d || "undated");
  }
  // SITE is null when no entity pages were written where the view can reach them: no links.
  function pageHref(page) { return SITE + page; }
  var facetLabel = DATA.style.facets.map(function (f) { return f[1]; });
  function colourOf(n) { return DATA.style.communityColors[String(n.c)] || DATA.style.other; }

  /* ---------- drawing ---------- */
  function badges(n) {
    return n.m.slice(0, 6).map(function (m) { return el("span", {class: "tag", text: facetLabel[m[0]] + " " + m[1]}); });
  }
  function tooltip(n) {
    var lines = [el("div", {class: "tip-title", text: n.l}),
      el("div", {text: TYPES[n.t].name + " · " + plural(n.n, "paper")})];
    if (n.a.length) lines.push(el("div", {text: "also: " + short(n.a.join(", "), 120)}));
    if (n.m.length) lines.push(el("div", null, badges(n)));
    lines.push(el("div", {class: "hint", text: "Click for its papers and neighbours"}));
    return el("div", null, lines);
  }
  // Sizes come from Python (kg.views.page.node_size), not from vis-network's value scaling,
  // which parses every node's and edge's label options again (seconds on big views).
  var big = META.big;  // a backbone of edges, no arrowheads; edges hidden while dragging and zooming
  // vis-network measures every label it is given, drawn or not (a fifth of loading 5,000
  // entities): in a big view the small entities get their label once zoomed in far enough
  // to read it (labelInView), the LABELLED largest from the start.
  var unlabelled = [];
  function visNode(n) {
    var s = TYPES[n.t], c = colourOf(n), later = big && n.r >= META.labelled;
    if (later) unlabelled.push(n);
    return {id: n.id, label: later ? undefined : n.l, x: n.x, y: n.y, size: n.s, font: {size: n.f}, shape: s.shape,
            color: {background: c, border: "#444", highlight: {background: c, border: "#000"}}};
  }
  var visNodes = new vis.DataSet(DATA.nodes.map(visNode));
  var edgeStyle = function (rel) { return RELS[rel] || RELS.usedWith; };
  // Width 1-8 by papers, linear between the lightest and heaviest edge (as vis-network scales).
  var weights = DATA.edges.map(function (e) { return e[3]; });
  var wMin = Math.min.apply(null, weights.concat([1])), wMax = Math.max.apply(null, weights.concat([1]));
  function edgeWidth(w) { return 1 + 7 * (wMax > wMin ? Math.max(0, Math.min(1, (w - wMin) / (wMax - wMin))) : 0.5); }
  // Co-usage edges take the default style (edges.color below): options given per edge are
  // merged edge by edge, a cost that counts with thousands of edges.
  var visEdges = new vis.DataSet(DATA.edges.map(function (e, i) {
    var s = edgeStyle(e[2]), edge = {id: "e" + i, from: e[0], to: e[1], width: edgeWidth(e[3]),
                                     title: s.name + ": " + plural(e[3], "paper")};
    if (e[2] !== "usedWith") {
      edge.dashes = s.dashes;
      edge.color = {color: s.color, highlight: s.color, hover: s.color, opacity: 0.8};
      // An arrowhead is a filled path per edge per frame: most of a big view's redraw.
      if (!big) edge.arrows = "to";
    }
    return edge;
  }));
  var options = {
    autoResize: true,
    layout: {improvedLayout: false},
    physics: false,
    nodes: {borderWidth: 1, font: {face: "system-ui, sans-serif", strokeWidth: 3, strokeColor: "#ffffff"},
            scaling: {label: {maxVisible: 30, drawThreshold: 7}}},  // labels under 7 px wait for zoom
    edges: {smooth: false, selectionWidth: 2, arrows: {to: {enabled: false, scaleFactor: 0.6}},
            color: {color: RELS.usedWith.color, highlight: RELS.usedWith.color, hover: RELS.usedWith.color, opacity: 0.45}},
    interaction: {hover: true, tooltipDelay: 150, hideEdgesOnDrag: big, hideEdgesOnZoom: big,
                  keyboard: false, multiselect: false}
  };
  var container = document.getElementById("graph");
  var network = new vis.Network(container, {nodes: visNodes, edges: visEdges}, options);
  network.once("afterDrawing", function () {
    document.body.setAttribute("data-ready", "1");
    window.kgReady = performance.now();
  });
  // Labels for the unlabelled entities in (or near) the view whose label is now drawn
  // (vis-network draws a label from 6 px on screen: scaling.label.drawThreshold - 1).
  function labelInView() {
    if (!unlabelled.length) return;
    var scale = network.getScale(), box = container.getBoundingClientRect(), nodes = network.body.nodes;
    var a = network.DOMtoCanvas({x: 0, y: 0}), b = network.DOMtoCanvas({x: box.width, y: box.height});
    var padX = (b.x - a.x) * 0.2, padY = (b.y - a.y) * 0.2, add = [];
    unlabelled = unlabelled.filter(function (n) {
      var node = nodes[n.id];
      if (!node || n.f * scale < 5 || node.x < a.x - padX || node.x > b.x + padX ||
          node.y < a.y - padY || node.y > b.y + padY) return true;
      add.push({id: n.id, label: n.l});
      return false;
    });
    if (add.length) visNodes.update(add);
  }
  network.on("zoom", labelInView);
  network.on("dragEnd", labelInView);
  labelInView();
  if (!DATA.nodes.length) {
    container.appendChild(el("p", {class: "empty-view", text: "Nothing to show in this view."}));
    document.body.setAttribute("data-ready", "1");
    window.kgReady = performance.now();
  }

  /* ---------- neighbourhood highlight on hover ---------- */
  var neighbours = new Map();
  function addNeighbour(a, b) {
    if (!neighbours.has(a)) neighbours.set(a, new Set());
    neighbours.get(a).add(b);
  }
  DATA.edges.forEach(function (e) { addNeighbour(e[0], e[1]); addNeighbour(e[1], e[0]); });
  // Fading writes the options vis-network draws from (node opacity, label colour, edge
  // opacity) and asks for one redraw: a DataSet update of every node and edge re-parses each
  // one's options, seconds on a 5,000-entity view (bench/bench_views.py). The redraw is
  // requested, not run: on hover vis-network requests its own, and the two make one frame.
  function requestRedraw() { network.body.emitter.emit("_requestRedraw"); }
  var faded = false, nodesBefore = new Map(), edgesBefore = new Map();
  function labelColour(node, colour) {
    node.labelModule.fontOptions.color = colour;  // read when the label is laid out again
    (node.labelModule.lines || []).forEach(function (line) {
      (line.blocks || []).forEach(function (block) { block.color = colour; });
    });
  }
  function fade(centre) {
    var keep = neighbours.get(centre) || new Set(), nodes = network.body.nodes, edges = network.body.edges;
    Object.keys(nodes).forEach(function (id) {
      var node = nodes[id], near = id === centre || keep.has(id);
      if (!nodesBefore.has(id)) nodesBefore.set(id, [node.options.opacity, node.labelModule.fontOptions.color]);
      node.options.opacity = near ? 1 : 0.15;
      labelColour(node, near ? nodesBefore.get(id)[1] : "rgba(0,0,0,0.2)");
    });
    Object.keys(edges).forEach(function (id) {
      var edge = edges[id];
      if (!edgesBefore.has(id)) edgesBefore.set(id, edge.options.color.opacity);
      edge.options.color.opacity = edge.fromId === centre || edge.toId === centre ? 0.9 : 0.05;
    });
    faded = true;
    document.body.setAttribute("data-highlight", centre);
    requestRedraw();
  }
  function unfade() {
    if (!faded) return;
    var nodes = network.body.nodes, edges = network.body.edges;
    nodesBefore.forEach(function (before, id) {
      if (!nodes[id]) return;
      nodes[id].options.opacity = before[0];
      labelColour(nodes[id], before[1]);
    });
    edgesBefore.forEach(function (before, id) { if (edges[id]) edges[id].options.color.opacity = before; });
    faded = false;
    document.body.removeAttribute("data-highlight");
    requestRedraw();
  }
  // Tooltips are made when first needed (the popup reads the title after tooltipDelay):
  // building thousands of them up front took a tenth of a big view's loading.
  function addTooltip(id) {
    var node = network.body.nodes[id], n = byId.get(id);
    if (node && n && node.options.title === undefined) node.options.title = tooltip(n);
  }
  network.on("hoverNode", function (p) { addTooltip(p.node); fade(p.node); });
  network.on("blurNode", unfade);

  /* ---------- legend: types, communities, modality filter ---------- */
  var typeCount = {}, hiddenTypes = new Set(), facet = -1;
  DATA.nodes.forEach(function (n) { typeCount[n.t] = (typeCount[n.t] || 0) + 1; });
  var typeBox = document.getElementById("type-filters");
  Object.keys(TYPES).forEach(function (t) {
    if (!typeCount[t]) return;
    var box = el("input", {type: "checkbox", "data-kind": "type", value: t});
    box.checked = true;
    box.addEventListener("change", function () {
      if (box.checked) hiddenTypes.delete(t); else hiddenTypes.add(t);
      applyFilters();
    });
    var sw = el("span", {class: "swatch " + TYPES[t].shape});
    sw.style.background = "#888";
    sw.style.setProperty("--c", "#888");
    typeBox.appendChild(el("label", null, [box, sw, el("span", {text: TYPES[t].name}), el("span", {class: "count", text: String(typeCount[t])})]));
  });
  var relBox = document.getElementById("relation-filters");
  relBox.previousElementSibling.textContent = "Communities and edges";
  DATA.style.communities.forEach(function (c) {
    var sw = el("span", {class: "swatch dot"});
    sw.style.background = c.color;
    relBox.appendChild(el("label", {class: "community"}, [sw, el("span", {text: c.label}), el("span", {class: "count", text: String(c.size)})]));
  });
  Object.keys(RELS).forEach(function (r) {
    var line = el("span", {class: "line" + (RELS[r].dashes ? " dashed" : "")});
    line.style.borderTopColor = RELS[r].color;
    relBox.appendChild(el("label", null, [line, el("span", {text: RELS[r].name})]));
  });
  if (META.backbone) relBox.appendChild(el("p", {class: "hint", id: "backbone", text: META.backbone}));
  if (DATA.style.facets.length) {
    var select = el("select", {id: "facet", "aria-label": "Only entities used with this modality"});
    select.appendChild(el("option", {value: "-1", text: "every modality"}));
    DATA.style.facets.forEach(function (f, i) { select.appendChild(el("option", {value: String(i), text: f[1]})); });
    select.addEventListener("change", function () { facet = +select.value; applyFilters(); });
    relBox.parentNode.insertBefore(el("h2", {text: "Modality"}), document.getElementById("counts"));
    relBox.parentNode.insertBefore(el("p", null, [select]), document.getElementById("counts"));
  }
  function visible(n) {
    return !hiddenTypes.has(n.t) && (facet < 0 || n.m.some(function (m) { return m[0] === facet; }));
  }
  function applyFilters() {
    visNodes.update(DATA.nodes.map(function (n) { return {id: n.id, hidden: !visible(n)}; }));
    updateCounts();
  }
  function updateCounts() {
    var shown = DATA.nodes.filter(visible).length;
    document.getElementById("counts").textContent = plural(shown, "entity").replace("entitys", "entities") + " · " + plural(DATA.edges.length, "edge") + " shown";
  }
  updateCounts();

  /* ---------- papers on demand ---------- */
  var drawnPapers = new Set();
  function paperOf(id) {
    var i = paperIndex.get(id);
    if (i === undefined) return paperInfo.get(id) || null;
    var p = INDEX.p[i];
    return {title: p[1], date: p[2], entities: p[3].map(function (j) { return INDEX.e[j][0]; }), page: p[4], arxiv: p[5]};
  }
  function drawPaper(id) {
    var p = paperOf(id);
    if (!p) return false;
    if (drawnPapers.has(id)) return true;
    var linked = p.entities.filter(function (e) { return byId.has(e); });
    var xs = 0, ys = 0;
    linked.forEach(function (e) { var q = network.getPosition(e); xs += q.x; ys += q.y; });
    var angle = Math.random() * 2 * Math.PI, spread = 60 + Math.random() * 60;
    var centre = linked.length ? {x: xs / linked.length, y: ys / linked.length} : network.getViewPosition();
    visNodes.add({id: id, label: short(p.title, 40), shape: "square", size: 10, x: centre.x + spread * Math.cos(angle),
                  y: centre.y + spread * Math.sin(angle), color: {background: TYPES.paper.color, border: "#555"},
                  font: {size: 12}, title: el("div", null, [el("div", {class: "tip-title", text: p.title}), el("div", {text: showDate(p.date)})])});
    visEdges.add(linked.map(function (e) { return {id: "p|" + id + "|" + e, from: id, to: e, color: {color: "#9e9e9e", opacity: 0.7}, width: 1}; }));
    linked.forEach(function (e) { addNeighbour(id, e); addNeighbour(e, id); });
    drawnPapers.add(id);
    return true;
  }

  /* ---------- details panel ---------- */
  var details = document.getElementById("details"), body = document.getElementById("details-body");
  document.getElementById("details-close").addEventListener("click", function () { details.hidden = true; network.unselectAll(); });
  function nodeButton(id, text) {
    var b = el("button", {type: "button", class: "link", text: text});
    b.addEventListener("click", function () { reach(id); });
    return b;
  }
  function labelOfEntity(id) {
    var n = byId.get(id);
    if (n) return n.l;
    var i = entityIndex.get(id);
    return i === undefined ? id : INDEX.e[i][2];
  }
  // Papers have no page in a very big build (kg.site.PAPER_PAGES_MAX): no link then.
  function pageLink(page, text) { return page && SITE ? el("a", {href: pageHref(page), class: "page-link", text: text}) : null; }
  function showEntity(n) {
    var parts = [el("h2", {text: n.l}),
      el("p", {class: "meta", text: TYPES[n.t].name + " · " + plural(n.n, "paper")}),
      el("p", null, [pageLink(n.h, "Open its page (evidence, aliases, all papers) →")])];
    if (n.a.length) parts.push(el("p", null, [el("strong", {text: "Aliases: "})].concat(n.a.map(function (a) { return el("span", {class: "tag", text: a}); }))));
    if (n.m.length) parts.push(el("p", null, [el("strong", {text: "Modalities: "})].concat(badges(n))));
    var near = [];
    DATA.edges.forEach(function (e) {
      if (e[0] === n.id || e[1] === n.id) near.push([e[0] === n.id ? e[1] : e[0], e[2], e[3], e[0] === n.id]);
    });
    // A comparison runs from the proposed entity to its baseline.
    function relationTo(x) {
      return x[1] !== "comparedWith" ? edgeStyle(x[1]).name : x[3] ? "compared with it as a baseline" : "proposed and compared with this";
    }
    near.sort(function (a, b) { return b[2] - a[2]; });
    if (near.length) {
      parts.push(el("h3", {text: "Used with (" + near.length + (META.backbone ? " drawn; more on its page" : "") + ")"}));
      parts.push(el("ul", null, near.slice(0, 15).map(function (x) {
        return el("li", null, [nodeButton(x[0], labelOfEntity(x[0])), el("small", {text: "  " + relationTo(x) + ", " + plural(x[2], "paper")})]);
      })));
    }
    var show = el("button", {type: "button", id: "show-papers", text: "Draw these papers in the graph"});
    show.addEventListener("click", function () { n.p.forEach(drawPaper); network.redraw(); });
    parts.push(el("h3", {text: "Papers (" + n.p.length + (n.n > n.p.length ? " of " + n.n + "; all on its page" : "") + ")"}));
    parts.push(el("p", null, [show]));
    parts.push(el("ul", {class: "papers"}, n.p.map(function (pid) {
      var p = paperOf(pid);
      return el("li", null, [nodeButton(pid, p ? p.title : pid), el("small", {text: "  " + showDate(p && p.date)})]);
    })));
    return parts;
  }
  function showPaper(id) {
    var p = paperOf(id);
    var parts = [el("h2", {text: p.title}), el("p", {class: "meta", text: "Paper · " + showDate(p.date) + (p.arxiv ? " · arXiv " + p.arxiv : "")}),
      el("p", null, [pageLink(p.page, "Open its page (abstract and evidence) →")]),
      el("h3", {text: "Entities (" + p.entities.length + ")"}),
      el("ul", null, p.entities.map(function (e) { return el("li", null, [nodeButton(e, labelOfEntity(e))]); }))];
    return parts;
  }
  function showUndrawnEntity(id) {
    var e = INDEX.e[entityIndex.get(id)];
    return [el("h2", {text: e[2]}), el("p", {class: "meta", text: (TYPES[e[1]] ? TYPES[e[1]].name : e[1]) + " · " + plural(e[4], "paper") + " · not drawn in this view"}),
      el("p", null, [pageLink(e[5], "Open its page →")])];
  }
  function showDetails(id) {
    var n = byId.get(id);
    var parts = n ? showEntity(n) : paperOf(id) ? showPaper(id) : entityIndex.has(id) ? showUndrawnEntity(id) : null;
    if (!parts) return;
    body.replaceChildren.apply(body, parts);
    body.setAttribute("data-node", id);
    details.hidden = false;
    details.scrollTop = 0;
  }
  network.on("click", function (params) { if (params.nodes.length) showDetails(params.nodes[0]); });

  /* ---------- reaching any node: drawn, a paper drawn on demand, or an undrawn entity ---------- */
  function reach(id) {
    if (!byId.has(id) && !drawnPapers.has(id)) {
      if (paperOf(id)) drawPaper(id);
      else if (entityIndex.has(id)) {
        // An undrawn entity: drawn beside the drawn entities it shares papers with.
        var e = INDEX.e[entityIndex.get(id)], at = entityIndex.get(id), friends = new Map();
        INDEX.p.forEach(function (p) {
          if (p[3].indexOf(at) < 0) return;
          p[3].forEach(function (j) { var k = INDEX.e[j][0]; if (byId.has(k)) friends.set(k, (friends.get(k) || 0) + 1); });
        });
        var n = {id: id, t: e[1], l: e[2], n: e[4], a: e[3], s: 15, f: 13.7, r: 1e9, c: -1, m: [], h: e[5],
                 p: INDEX.p.filter(function (p) { return p[3].indexOf(at) >= 0; }).slice(0, 60).map(function (p) { return p[0]; })};
        var xs = 0, ys = 0, k = 0;
        friends.forEach(function (w, f) { var q = network.getPosition(f); xs += q.x; ys += q.y; k++; });
        var c = k ? {x: xs / k, y: ys / k} : network.getViewPosition();
        n.x = c.x + 40; n.y = c.y + 40;
        DATA.nodes.push(n); byId.set(id, n);
        visNodes.add(visNode(n));
        friends.forEach(function (w, f) {
          DATA.edges.push([id, f, "usedWith", w]);
          visEdges.add({id: "e" + (DATA.edges.length - 1), from: id, to: f, width: edgeWidth(w), color: {color: RELS.usedWith.color, opacity: 0.45}});
          addNeighbour(id, f); addNeighbour(f, id);
        });
      } else return;
    }
    var n = byId.get(id);
    if (n && !visible(n)) { hiddenTypes.delete(n.t); facet = -1; applyFilters(); }
    network.selectNodes([id]);
    network.focus(id, {scale: Math.max(network.getScale(), 1.0), animation: false});
    labelInView();
    showDetails(id);
  }

  /* ---------- search over every entity and paper of the build ---------- */
  var input = document.getElementById("search"), results = document.getElementById("search-results");
  input.placeholder = "Search every entity and paper…";
  var current = [], active = 0;
  function search(q) {
    q = q.trim().toLowerCase();
    if (!q) return [];
    var ranked = [];
    INDEX.e.forEach(function (e) {
      var names = [e[2]].concat(e[3]), best = null;
      names.forEach(function (name, k) {
        var at = name.toLowerCase().indexOf(q);
        if (at < 0) return;
        var score = (name.toLowerCase() === q ? 0 : at === 0 ? 1 : 2);
        if (!best || score < best[0]) best = [score, k ? name : null];
      });
      if (best) ranked.push([best[0], -e[4], e[0], e[2], TYPES[e[1]] ? TYPES[e[1]].name : e[1], best[1]]);
    });
    INDEX.p.forEach(function (p) {
      var t = p[1].toLowerCase(), at = t.indexOf(q);
      if (at < 0 && p[5] !== q) return;
      ranked.push([at === 0 || p[5] === q ? 3 : 4, 0, p[0], p[1], "Paper", null]);
    });
    ranked.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || (a[3] < b[3] ? -1 : 1); });
    return ranked.slice(0, 15);
  }
  function renderResults() {
    current = search(input.value);
    active = 0;
    results.replaceChildren();
    if (!input.value.trim()) { results.hidden = true; return; }
    if (!current.length) results.appendChild(el("li", {class: "empty", text: "No entity or paper of this build is called that."}));
    current.forEach(function (r, i) {
      var li = el("li", {"data-id": r[2], class: i === 0 ? "active" : ""}, [short(r[3], 90),
        el("small", {text: r[4] + (r[5] ? " · alias " + r[5] : "") + (byId.has(r[2]) ? "" : " · not drawn yet")})]);
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); choose(r[2]); });
      results.appendChild(li);
    });
    results.hidden = false;
  }
  function choose(id) { results.hidden = true; input.blur(); reach(id); }
  input.addEventListener("input", renderResults);
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && current.length) { ev.preventDefault(); choose(current[active][2]); }
    if ((ev.key === "ArrowDown" || ev.key === "ArrowUp") && current.length) {
      ev.preventDefault();
      active = (active + (ev.key === "ArrowDown" ? 1 : current.length - 1)) % current.length;
      Array.from(results.children).forEach(function (li, i) { li.className = i === active ? "active" : ""; });
    }
    if (ev.key === "Escape") results.hidden = true;
  });
  input.addEventListener("blur", function () { results.hidden = true; });

  // Opened as graph.html#KEY (from an entity page) or as a focus view: start on that node.
  var start = decodeURIComponent((location.hash || "").slice(1)) || META.focus;
  if (start) network.once("afterDrawing", function () { reach(start); });

  window.kgView = {network: network, nodes: visNodes, edges: visEdges, reach: reach, search: search, labelInView: labelInView,
                   showDetails: showDetails, drawPaper: drawPaper, fade: fade, unfade: unfade};
})();
