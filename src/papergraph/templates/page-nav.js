// papergraph page, part 3 of 3: what the user does. Selection, topic filter, search and
// view live in the address (#paper=KEY&topic=SLUG&q=TEXT&view=timeline); choosing a
// paper or a topic adds a history entry, so Back and Forward step through them.

var state = {node: null, topic: "", q: "", view: "rings"};
var filterSelect = document.getElementById("topic-filter");
var searchBox = document.getElementById("search");
var resultsBox = document.getElementById("search-results");
var searchCount = document.getElementById("search-count");
var graphStatus = document.getElementById("graph-status");
var peek = document.getElementById("peek");
var narrow = window.matchMedia("(max-width: 900px)");

// ------------------------------------------------------------------ the address
function hashOf(s) {
  var parts = [];
  var m = s.node ? META[s.node] || {} : {};
  if (s.topic) { parts.push("topic=" + encodeURIComponent(s.topic)); }
  if (m.kind === "paper") { parts.push("paper=" + encodeURIComponent(m.key)); }
  else if (s.node && !(m.kind === "topic" && m.slug === s.topic)) { parts.push("node=" + encodeURIComponent(s.node)); }
  if (s.q) { parts.push("q=" + encodeURIComponent(s.q)); }
  if (s.view === "timeline") { parts.push("view=timeline"); }
  return parts.length ? "#" + parts.join("&") : "";
}
function parseHash(hash) {
  var h = (hash || "").replace(/^#/, "");
  var legacy = /^(paper|topic|node):(.+)$/.exec(decodeURIComponent(h));  // #paper:KEY
  if (legacy) { h = legacy[1] + "=" + encodeURIComponent(legacy[2]); }
  var p = new URLSearchParams(h);
  var s = {node: null, topic: p.get("topic") || "", q: p.get("q") || "", view: p.get("view") || "rings",
           missing: null};
  if (s.topic && !topicBySlug[s.topic]) { s.missing = "topic " + s.topic; s.topic = ""; }
  var key = p.get("paper"), node = p.get("node");
  if (key) {
    if (META["paper:" + key]) { s.node = "paper:" + key; } else { s.missing = "paper " + key; }
  } else if (node) {
    if (META[node]) { s.node = node; } else { s.missing = node; }
  } else if (s.topic) {
    s.node = topicBySlug[s.topic].node;
  }
  return s;
}
function commit(push) {
  var h = hashOf(state);
  if (h === location.hash || (!h && !location.hash)) { return; }
  var url = location.pathname + location.search + h;
  if (push) { history.pushState(null, "", url); } else { history.replaceState(null, "", url); }
}
function applyHash(first) {
  var s = parseHash(location.hash);
  setView(s.view);
  state.view = VIEW;
  setFilter(s.topic, !s.node || (META[s.node] || {}).kind === "topic");
  setQuery(s.q, false);
  if (s.node) { select(s.node, {animate: !first}); } else if (state.node) { unselect(); }
  if (s.missing) {
    clear(details);
    details.appendChild(el("p", {class: "warn", id: "details-missing",
                                 text: "The link names " + s.missing + ", which this page does not have."}));
    showTab("details");
  }
}
window.addEventListener("popstate", function () { applyHash(false); });
window.addEventListener("hashchange", function () {  // an address typed or pasted
  if (hashOf(state) !== location.hash) { applyHash(false); }
});

// ------------------------------------------------------------------ looks: filter + search
var matches = null;  // null: no search; else {id: true}
function applyLooks() {
  var want = {}, inTopic = null, near = {};
  if (state.topic && topicBySlug[state.topic]) {
    var t = topicBySlug[state.topic];
    inTopic = {};
    inTopic[t.node] = true;
    inTopic["area:" + t.area] = true;
    t.reading.forEach(function (p) {
      inTopic[p] = true;
      (neighbours[p] || []).forEach(function (q) {
        var k = (META[q] || {}).kind;
        if (k === "external") { inTopic[q] = true; }
        else if (k === "paper") { near[q] = true; }  // cited, citing or related: dimmed
      });
    });
  }
  Object.keys(POS).forEach(function (id) {
    var look = "on";
    if (inTopic && !inTopic[id]) { look = near[id] ? "dim" : "hidden"; }
    if (matches && look === "on" && !matches[id]) { look = "dim"; }
    want[id] = look;
  });
  restyle(want);
  labelFirst = [];
  if (selectedId) { labelFirst.push(selectedId); }
  if (cursorId && cursorId !== selectedId) { labelFirst.push(cursorId); }
  if (matches) { labelFirst = labelFirst.concat(searchResults.slice(0, 60)); }
  if (inTopic) { labelFirst = labelFirst.concat(RANKED.filter(function (id) { return inTopic[id]; })); }
  requestDraw();
}

// ------------------------------------------------------------------ selection
function describe(id) {
  var m = META[id] || {};
  var bits = [labelOf(id), m.kind === "paper" || m.kind === "external" ? m.title : null,
              KINDS[m.kind]];
  var ts = topicTitles(m);
  if (ts.length) { bits.push(ts.join("; ")); }
  return bits.filter(Boolean).join(" — ");
}
function select(id, opts) {
  opts = opts || {};
  var m = META[id];
  if (!m || !POS[id]) { return; }
  if (m.kind === "topic" && !opts.keepFilter) {  // a topic: show it alone, with its details
    if (state.topic !== m.slug) { setFilter(m.slug, true); }
  } else if (LOOK[id] === "hidden") {
    setFilter("", false);
  }
  state.node = selectedId = cursorId = id;
  network.selectNodes([id]);
  if (opts.center !== false && (m.kind !== "topic" || opts.keepFilter)) {
    network.focus(id, {scale: Math.max(network.getScale(), LIGHT ? 0.6 : 0.9),
                       animation: opts.animate ? glide(350) : false});
  }
  showDetails(id, opts.returnTo || null);
  graphStatus.textContent = describe(id);
  document.getElementById("peek-label").textContent = labelOf(id);
  peek.hidden = false;
  applyLooks();
}
function unselect() {
  state.node = selectedId = null;
  network.unselectAll();
  peek.hidden = true;
  applyLooks();
}
// A user's choice from a list: select, remember in history, and move focus to the details
// (their "Back" button, or Escape, returns to the entry chosen).
function choose(id, from) {
  var fromList = from && from.closest("#reading-lists, #schedule");
  var fromDetails = from && from.closest("#details");
  select(id, {animate: true, returnTo: fromList ? from : (fromDetails ? detailsReturn : null)});
  commit(true);
  if (fromList || fromDetails) { document.getElementById("details-title").focus(); }
}
network.on("click", function (p) {
  if (p.nodes.length) { select(p.nodes[0], {center: false}); commit(true); }
  else if (!p.edges.length && state.node) { unselect(); commit(true); }
});

// ------------------------------------------------------------------ topic filter
DATA.areas.forEach(function (a) {
  var group = el("optgroup", {label: a.title});
  DATA.topics.filter(function (t) { return t.area === a.slug; }).forEach(function (t) {
    group.appendChild(el("option", {value: t.slug, text: t.title}));
  });
  if (group.childNodes.length) { filterSelect.appendChild(group); }
});
function setFilter(slug, fit) {
  slug = slug && topicBySlug[slug] ? slug : "";
  state.topic = slug;
  filterSelect.value = slug;
  document.body.setAttribute("data-filter", slug);
  var card = null;
  document.querySelectorAll(".reading-topic").forEach(function (s) {
    var on = s.getAttribute("data-topic") === slug;
    s.classList.toggle("current", on);
    s.classList.toggle("dim", !!slug && !on);
    if (on) { card = s; }
  });
  if (state.node && !slug && (META[state.node] || {}).kind === "topic") { state.node = selectedId = null; }
  applyLooks();
  if (fit) { fitVisible(false); }
  if (card && !narrow.matches) {  // its reading list, in view
    card.scrollIntoView({block: "nearest"});
  }
}
function filterTo(slug) {
  if (slug) { select(topicBySlug[slug].node, {animate: true}); } else { setFilter("", true); unselect(); }
  showTab("reading");
  var card = document.querySelector(".reading-topic[data-topic='" + CSS.escape(slug) + "']");
  if (card && !narrow.matches) { card.scrollIntoView({block: "nearest"}); }
  commit(true);
}
filterSelect.addEventListener("change", function () { filterTo(filterSelect.value); });

// ------------------------------------------------------------------ search
var searchResults = [], activeResult = -1;
function setQuery(q, fromTyping) {
  state.q = q;
  if (searchBox.value !== q) { searchBox.value = q; }
  var found = runSearch(q);
  searchResults = found || [];
  matches = null;
  if (found) {
    matches = {};
    found.forEach(function (id) { matches[id] = true; });
  }
  searchCount.textContent = found ? (found.length === 1 ? "1 match" : found.length + " matches") : "";
  renderResults(fromTyping && !!found);
  applyLooks();
}
function renderResults(open) {
  clear(resultsBox);
  activeResult = -1;
  searchBox.removeAttribute("aria-activedescendant");
  searchResults.slice(0, 50).forEach(function (id, i) {
    var m = META[id];
    var li = el("li", {role: "option", id: "sr-" + i, "aria-selected": "false", "data-node": id},
      el("span", {class: "who", text: m.label || id}), el("span", {class: "t", text: [m.title, venueLine(m)].filter(Boolean).join(" · ")}));
    li.addEventListener("mousedown", function (ev) { ev.preventDefault(); });  // keep focus in the box
    li.addEventListener("click", function () { pickResult(i); });
    resultsBox.appendChild(li);
  });
  if (searchResults.length > 50) {
    resultsBox.appendChild(el("li", {class: "more", role: "presentation",
                                     text: (searchResults.length - 50) + " more: type more words"}));
  }
  if (!searchResults.length && searchBox.value.trim()) {
    resultsBox.appendChild(el("li", {class: "more", role: "presentation", text: "No paper matches."}));
  }
  showResults(open);
}
function showResults(open) {
  var on = !!open && resultsBox.childNodes.length > 0;
  resultsBox.hidden = !on;
  searchBox.setAttribute("aria-expanded", on ? "true" : "false");
}
function markActive(i) {
  var items = resultsBox.querySelectorAll("[role=option]");
  if (!items.length) { return; }
  activeResult = (i + items.length) % items.length;
  items.forEach(function (li, k) { li.setAttribute("aria-selected", k === activeResult ? "true" : "false"); });
  searchBox.setAttribute("aria-activedescendant", items[activeResult].id);
  items[activeResult].scrollIntoView({block: "nearest"});
}
function pickResult(i) {
  var id = searchResults[i];
  if (!id) { return; }
  showResults(false);
  select(id, {animate: true});
  commit(true);
}
var typing = null;
searchBox.addEventListener("input", function () {
  clearTimeout(typing);
  typing = setTimeout(function () { setQuery(searchBox.value, true); commit(false); }, 120);
});
searchBox.addEventListener("keydown", function (ev) {
  if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
    ev.preventDefault();
    if (resultsBox.hidden) { showResults(true); }
    markActive(activeResult + (ev.key === "ArrowDown" ? 1 : -1));
  } else if (ev.key === "Enter") {  // the highlighted match, else the first
    ev.preventDefault();
    clearTimeout(typing);
    if (searchBox.value !== state.q) { setQuery(searchBox.value, false); }
    pickResult(activeResult >= 0 ? activeResult : 0);
  } else if (ev.key === "Escape") {
    ev.preventDefault();
    ev.stopPropagation();
    if (!resultsBox.hidden) { showResults(false); }
    else if (searchBox.value) { setQuery("", false); commit(false); }
  }
});
searchBox.addEventListener("focus", function () { if (state.q) { showResults(true); } });
searchBox.addEventListener("blur", function () { showResults(false); });

// ------------------------------------------------------------------ zoom
function zoomBy(f) {
  network.moveTo({scale: Math.min(6, Math.max(0.02, network.getScale() * f)), animation: glide(200)});
}
document.getElementById("zoom-in").addEventListener("click", function () { zoomBy(1.4); });
document.getElementById("zoom-out").addEventListener("click", function () { zoomBy(1 / 1.4); });
document.getElementById("fit-view").addEventListener("click", function () { fitVisible(true); });
document.querySelectorAll(".seg button").forEach(function (b) {
  b.addEventListener("click", function () {
    setView(b.getAttribute("data-view"));
    state.view = VIEW;
    if (state.node) { network.focus(state.node, {scale: network.getScale(), animation: false}); }
    commit(false);
  });
});

// ------------------------------------------------------------------ keyboard in the graph
// Arrows move to the nearest shown paper in that direction (selecting it); with Shift
// they reach topics and areas too. Neither changes the topic filter. Enter opens the
// details, + - 0 zoom, Escape clears.
var DIRS = {ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowDown: [0, 1], ArrowUp: [0, -1]};
var PAPER_KINDS = {paper: true, external: true};
function nextNode(from, dir, any) {
  var p = POS[from], best = null, bestScore = Infinity;
  Object.keys(POS).forEach(function (id) {
    if (id === from || LOOK[id] === "hidden") { return; }
    if (!any && !PAPER_KINDS[(META[id] || {}).kind]) { return; }
    var dx = POS[id].x - p.x, dy = POS[id].y - p.y;
    var along = dx * dir[0] + dy * dir[1];
    if (along <= 0) { return; }
    var across = Math.abs(dx * dir[1] - dy * dir[0]);
    if (across > 2 * along) { return; }  // within about 63 degrees of the direction
    var score = along + 2.5 * across + (LOOK[id] === "dim" ? 400 : 0);
    if (score < bestScore) { bestScore = score; best = id; }
  });
  return best;
}
function startNode() {  // the first shown paper in reading order, else any shown paper
  var inOrder = [].concat.apply([], DATA.topics.map(function (t) { return t.reading; })).concat(DATA.papers);
  var shown = visibleIds().filter(function (id) { return PAPER_KINDS[(META[id] || {}).kind]; });
  return inOrder.filter(function (id) { return POS[id] && LOOK[id] === "on"; })[0] || shown[0] || null;
}
function onScreen(id) {
  var p = network.canvasToDOM(POS[id]);
  return p.x > 20 && p.y > 20 && p.x < container.clientWidth - 20 && p.y < container.clientHeight - 20;
}
container.addEventListener("keydown", function (ev) {
  var dir = DIRS[ev.key];
  if (dir) {
    ev.preventDefault();
    var next = cursorId && POS[cursorId] && LOOK[cursorId] !== "hidden" ? nextNode(cursorId, dir, ev.shiftKey) : startNode();
    if (!next) { return; }
    select(next, {center: !onScreen(next), animate: true, keepFilter: true});
    commit(false);
  } else if (ev.key === "Enter" || ev.key === " ") {
    ev.preventDefault();
    if (!cursorId) {
      if (startNode()) { select(startNode(), {animate: true, keepFilter: true}); commit(true); }
      return;
    }
    commit(true);
    if (narrow.matches) { document.getElementById("side").scrollIntoView(); }
    document.getElementById("details-title").focus();
  } else if (ev.key === "+" || ev.key === "=") { ev.preventDefault(); zoomBy(1.4); }
  else if (ev.key === "-" || ev.key === "_") { ev.preventDefault(); zoomBy(1 / 1.4); }
  else if (ev.key === "0") { ev.preventDefault(); fitVisible(true); }
});

// ------------------------------------------------------------------ Escape, touch, peek
function hideTooltip() {
  var tip = container.querySelector("div.vis-tooltip");
  if (tip && tip.style.visibility !== "hidden") { tip.style.visibility = "hidden"; return true; }
  return false;
}
document.addEventListener("keydown", function (ev) {
  if (ev.key !== "Escape" || ev.defaultPrevented) { return; }
  if (hideTooltip()) { return; }
  if (detailsReturn && document.getElementById("panel-details").contains(document.activeElement)) {
    goBack();
  } else if (state.node && (META[state.node] || {}).kind !== "topic") {
    unselect();
    commit(true);
  } else if (state.topic) {
    setFilter("", true);
    unselect();
    commit(true);
  } else if (state.q) {
    setQuery("", false);
    commit(false);
  }
});
// A tooltip never covers more than a fifth of the graph (else only its title, else none:
// the details say it all), and goes when the pointer leaves the graph, however fast.
var TIP_SHARE = 0.2, pointerInside = false;
function tooltipShare(tip) {
  var r = tip.getBoundingClientRect();
  return r.width * r.height / Math.max(1, container.clientWidth * container.clientHeight);
}
network.on("showPopup", function () {
  var tip = container.querySelector("div.vis-tooltip");
  if (!tip) { return; }
  if (!pointerInside) { hideTooltip(); return; }
  tip.classList.remove("compact");
  if (tooltipShare(tip) > TIP_SHARE) { tip.classList.add("compact"); }
  if (tooltipShare(tip) > TIP_SHARE) { hideTooltip(); }
});
container.addEventListener("pointerenter", function () { pointerInside = true; });
container.addEventListener("pointerleave", function () { pointerInside = false; hideTooltip(); });
container.addEventListener("pointerdown", function (ev) {
  // a finger has no hover: no tooltips (a tap selects and shows the details instead)
  document.body.classList.toggle("touch", ev.pointerType === "touch");
  if (ev.pointerType === "touch") { hideTooltip(); }
}, true);
document.getElementById("peek-open").addEventListener("click", function () {
  showTab("details");
  document.getElementById("side").scrollIntoView({behavior: "smooth"});
  document.getElementById("details-title").focus({preventScroll: true});
});

// ------------------------------------------------------------------ for scripts and tests
window.papergraph = {
  network: network, nodes: nodes, edges: edges, data: DATA,
  select: function (id) { select(id, {animate: false}); commit(true); },
  setFilter: function (slug) { filterTo(slug || ""); },
  search: function (q) { setQuery(q, false); commit(false); },
  setView: function (v) { setView(v); state.view = VIEW; commit(false); },
  showDetails: showDetails,
  looks: function () { return Object.assign({}, LOOK); },
  labels: function () { return drawnLabels.slice(); },
  moving: function () { return moving; },
  state: function () { return Object.assign({}, state); }
};
function fitToBox() {  // the graph's box changed shape (a phone turned, a window resized)
  var squeeze = ringSqueeze();
  if (squeeze === SQUEEZE) { return; }
  SQUEEZE = squeeze;
  if (VIEW === "rings") { place("rings"); fitVisible(false); }
}
var resizing = null;
window.addEventListener("resize", function () { clearTimeout(resizing); resizing = setTimeout(fitToBox, 150); });
container.addEventListener("focus", requestDraw);
container.addEventListener("blur", requestDraw);
// the legend and panels filled in since the network was made: its box may have changed
var canvas = container.querySelector("canvas");
var ratio = window.devicePixelRatio || 1;
if (canvas && (Math.abs(canvas.height - container.clientHeight * ratio) > 1 ||
               Math.abs(canvas.width - container.clientWidth * ratio) > 1)) {
  network.setSize("100%", "100%");
}
if (ringSqueeze() !== SQUEEZE) { SQUEEZE = ringSqueeze(); place("rings"); }
fitVisible(false);
applyHash(true);
network.once("afterDrawing", function () { document.body.setAttribute("data-ready", "1"); });
requestDraw();
