/* papers-kg entity pages: sortable tables and a search over every entity and paper.
   The search index (../search-index.js, window.KG_INDEX) is loaded on first use.
   Input strings only ever reach the DOM as text (textContent / createTextNode). */
(function () {
  "use strict";
  var ROOT = document.body.getAttribute("data-root") || "";
  var OVERVIEW = document.body.getAttribute("data-overview") === "1";

  /* ---------- sortable tables: click a heading; numbers by data-v ---------- */
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var heads = table.querySelectorAll("thead th");
    heads.forEach(function (th, column) {
      th.setAttribute("tabindex", "0");
      function sort() {
        var numeric = th.getAttribute("data-sort") === "number";
        // First click: numbers biggest first, text A to Z; a second click turns the order.
        var now = th.getAttribute("aria-sort");
        var dir = now ? (now === "ascending" ? -1 : 1) : (numeric ? -1 : 1);
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", dir < 0 ? "descending" : "ascending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var key = rows.map(function (row, i) {
          var cell = row.cells[column], v = cell ? cell.getAttribute("data-v") : null;
          var text = cell ? cell.textContent.trim().toLowerCase() : "";
          return {row: row, i: i, v: numeric ? (v === null || v === "" ? -Infinity : +v) : (v !== null ? v : text)};
        });
        key.sort(function (a, b) {
          if (a.v < b.v) return -dir;
          if (a.v > b.v) return dir;
          return a.i - b.i;
        });
        var frag = document.createDocumentFragment();
        key.forEach(function (k) { frag.appendChild(k.row); });
        body.appendChild(frag);
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (ev) { if (ev.key === "Enter") sort(); });
    });
  });

  document.body.setAttribute("data-ready", "1");  // tables can be sorted (tests wait for this)

  /* ---------- search ---------- */
  var input = document.getElementById("search"), list = document.getElementById("search-results");
  if (!input) return;
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  function showDate(d) {  // "--03-18": a listing's month and day, no year
    var m = /^--(\d\d)-(\d\d)$/.exec(d || "");
    return m ? MONTHS[+m[1] - 1] + " " + (+m[2]) : (d || "");
  }
  var NUMBER = new Intl.NumberFormat("en");  // one formatter: toLocaleString builds one per call
  function plural(n, word) { return NUMBER.format(n) + " " + word + (n === 1 ? "" : "s"); }
  var waiting = null, current = [], active = 0;  // waiting: what runs once the index is in
  function load(then) {
    if (window.KG_INDEX) { then(); return; }
    if (waiting) { waiting.push(then); return; }  // typed while it loads: run it when it has
    waiting = [then];
    var s = document.createElement("script");
    s.src = ROOT + "../search-index.js";
    s.onload = function () {
      var ready = waiting;
      waiting = null;
      ready.forEach(function (f) { f(); });
    };
    s.onerror = function () {
      waiting = null;
      show([], "The search index (search-index.js beside the views) is missing; rebuild with kg build.");
    };
    document.head.appendChild(s);
  }
  function search(q) {
    var I = window.KG_INDEX || {e: [], p: []}, T = I.t || {};
    q = q.trim().toLowerCase();
    if (!q) return [];
    var ranked = [];
    I.e.forEach(function (e) {
      var names = [e[2]].concat(e[3]), best = null;
      names.forEach(function (name, k) {
        var at = name.toLowerCase().indexOf(q);
        if (at < 0) return;
        var score = name.toLowerCase() === q ? 0 : at === 0 ? 1 : 2;
        if (!best || score < best[0]) best = [score, k ? name : null];
      });
      if (best) ranked.push([best[0], -e[4], e[2], (T[e[1]] || e[1]) + " · " + plural(e[4], "paper") + (best[1] ? " · alias " + best[1] : ""), e[5]]);
    });
    I.p.forEach(function (p) {
      var at = p[1].toLowerCase().indexOf(q);
      if (at < 0 && p[5] !== q) return;
      // A very big build has no page per paper: the graph overview shows it instead
      // (when the build wrote one; otherwise the paper is listed on its entities' pages).
      var page = p[4] || (OVERVIEW ? "../graph.html#" + encodeURIComponent(p[0]) : "");
      if (!page) return;
      ranked.push([at === 0 || p[5] === q ? 3 : 4, 0, p[1], "Paper" + (p[2] ? " · " + showDate(p[2]) : ""), page]);
    });
    ranked.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0); });
    return ranked.slice(0, 20);
  }
  function show(found, empty) {
    current = found;
    active = 0;
    list.replaceChildren();
    found.forEach(function (r, i) {
      var li = document.createElement("li"), a = document.createElement("a"), small = document.createElement("small");
      a.href = ROOT + r[4];
      a.appendChild(document.createTextNode(r[2].length > 90 ? r[2].slice(0, 89) + "…" : r[2]));
      small.textContent = r[3];
      a.appendChild(small);
      li.appendChild(a);
      if (i === 0) li.className = "active";
      list.appendChild(li);
    });
    if (!found.length && empty) {
      var li = document.createElement("li");
      li.className = "empty";
      li.textContent = empty;
      list.appendChild(li);
    }
    list.hidden = !found.length && !empty;
  }
  function update() {
    if (!input.value.trim()) { show([]); return; }
    load(function () { show(search(input.value), "No entity or paper of this build is called that."); });
  }
  input.addEventListener("focus", function () { load(function () {}); });
  input.addEventListener("input", update);
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && current.length) { ev.preventDefault(); location.href = ROOT + current[active][4]; }
    if ((ev.key === "ArrowDown" || ev.key === "ArrowUp") && current.length) {
      ev.preventDefault();
      active = (active + (ev.key === "ArrowDown" ? 1 : current.length - 1)) % current.length;
      Array.prototype.forEach.call(list.children, function (li, i) { li.className = i === active ? "active" : ""; });
    }
    if (ev.key === "Escape") list.hidden = true;
  });
  input.addEventListener("blur", function () { setTimeout(function () { list.hidden = true; }, 200); });
  // A search handed over in the address (index.html#q=...) runs at once.
  var m = /^#q=(.*)$/.exec(location.hash);
  if (m) { input.value = decodeURIComponent(m[1]); update(); }
})();
