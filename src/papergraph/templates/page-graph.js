// papergraph page, part 1 of 3: data, helpers, the network and its labels.
// The three parts share one function scope (page.html.j2 wraps them in one IIFE).

// ------------------------------------------------------------------ data
function readJSON(id) { return JSON.parse(document.getElementById(id).textContent); }
var DATA = readJSON("pg-data");
var META = DATA.nodes;
var options = readJSON("pg-options");
var nodeRecords = readJSON("pg-nodes");
var edgeRows = readJSON("pg-edges");
var LIGHT = document.getElementById("mode-note") !== null;
var SVG = "http://www.w3.org/2000/svg";

// ------------------------------------------------------------------ DOM helpers
// Every string from metadata goes through textContent: nothing is parsed as HTML.
function el(tag, attrs) {
  var e = document.createElement(tag);
  var a = attrs || {};
  Object.keys(a).forEach(function (k) {
    if (a[k] === null || a[k] === undefined) { return; }
    if (k === "text") { e.textContent = String(a[k]); }
    else if (k === "class") { e.className = a[k]; }
    else { e.setAttribute(k, a[k]); }
  });
  for (var i = 2; i < arguments.length; i++) {
    var c = arguments[i];
    if (c === null || c === undefined || c === false) { continue; }
    e.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
  }
  return e;
}
function safeUrl(u) { return typeof u === "string" && /^https?:\/\//i.test(u) ? u : null; }
function extLink(name, url) {
  var href = safeUrl(url);
  if (!href) { return null; }
  return el("a", {href: href, target: "_blank", rel: "noopener noreferrer", text: name});
}
function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }
function svgEl(tag, attrs) {
  var e = document.createElementNS(SVG, tag);
  Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
  return e;
}

var topicBySlug = {}, areaBySlug = {}, areaNo = {};
DATA.topics.forEach(function (t) { topicBySlug[t.slug] = t; });
DATA.areas.forEach(function (a, i) { areaBySlug[a.slug] = a; areaNo[a.slug] = i; });
function areaOf(id) {
  var m = META[id] || {};
  if (m.kind === "area") { return areaBySlug[m.slug]; }
  if (m.kind === "topic") { return areaBySlug[m.area]; }
  if (m.kind === "paper" && m.areas && m.areas.length) { return areaBySlug[m.areas[0]]; }
  return null;
}
var KINDS = {paper: "Seminar paper", external: "External paper", topic: "Topic", area: "Area"};
function authorLine(m) { return m.authors && m.authors.length ? m.authors.join(", ") : null; }
function venueLine(m) {
  return [m.venue, m.year ? String(m.year) : ""].filter(Boolean).join(" ");
}
function topicTitles(m) {
  return (m.topics || []).map(function (s) { return topicBySlug[s] ? topicBySlug[s].title : s; });
}
function labelOf(id) { var m = META[id] || {}; return m.label || m.title || id; }

// A node's shape as a small SVG (legend, lists): the area's shape, hollow for a topic.
var SHAPE_POINTS = {
  triangle: "6,1 11,10.5 1,10.5", triangleDown: "1,1.5 11,1.5 6,11",
  diamond: "6,0.5 11.5,6 6,11.5 0.5,6", hexagon: "3,1 9,1 12,6 9,11 3,11 0,6",
  star: "6,0.5 7.6,4.3 11.7,4.6 8.6,7.3 9.5,11.3 6,9.2 2.5,11.3 3.4,7.3 0.3,4.6 4.4,4.3"
};
function shapeIcon(shape, colour, hollow, px) {
  var s = svgEl("svg", {width: String(px || 12), height: String(px || 12), viewBox: "0 0 12 12",
                        "aria-hidden": "true", focusable: "false"});
  var style = {fill: hollow ? "#ffffff" : colour, stroke: hollow ? colour : "#1f2430",
               "stroke-width": hollow ? "2" : "0.8"};
  var shapeEl;
  if (shape === "square") { shapeEl = svgEl("rect", {x: "1.5", y: "1.5", width: "9", height: "9"}); }
  else if (SHAPE_POINTS[shape]) { shapeEl = svgEl("polygon", {points: SHAPE_POINTS[shape]}); }
  else { shapeEl = svgEl("circle", {cx: "6", cy: "6", r: "5"}); }
  Object.keys(style).forEach(function (k) { shapeEl.setAttribute(k, style[k]); });
  s.appendChild(shapeEl);
  return s;
}
function nodeIcon(id) {
  var m = META[id] || {}, a = areaOf(id);
  if (!a) { return shapeIcon("dot", DATA.externalColour, m.kind === "topic", 10); }
  return shapeIcon(a.shape, a.colour, m.kind === "topic", m.kind === "area" ? 12 : 10);
}

// ------------------------------------------------------------------ tooltips (DOM, not HTML)
function tooltip(id) {
  var m = META[id] || {};
  var box = el("div", {class: "tip"});
  box.appendChild(el("div", {class: "tk", text: KINDS[m.kind] || ""}));
  box.appendChild(el("div", {class: "tt", text: m.title || m.label || id}));
  if (m.kind === "paper" || m.kind === "external") {
    box.appendChild(el("div", {class: "tl", text: authorLine(m) || "authors unknown"}));
    var v = venueLine(m);
    if (v) { box.appendChild(el("div", {class: "tl", text: v})); }
    var ts = topicTitles(m);
    if (ts.length) { box.appendChild(el("div", {class: "tl", text: (ts.length > 1 ? "Topics: " : "Topic: ") + ts.join("; ")})); }
    if (typeof m.citation_count === "number") {
      box.appendChild(el("div", {class: "tl", text: "Cited " + m.citation_count + " times (" + (m.citation_count_source || "Semantic Scholar") + ")"}));
    }
    var names = (m.links || []).filter(function (l) { return ["Semantic Scholar", "arXiv", "dblp", "DOI"].indexOf(l[0]) >= 0; })
      .map(function (l) { return l[0]; });
    if (names.length) { box.appendChild(el("div", {class: "tl", text: "Links: " + names.join(" · ") + " (click for details)"})); }
  } else if (m.kind === "topic") {
    if (m.question) { box.appendChild(el("div", {class: "tl", text: m.question})); }
    var ar = areaBySlug[m.area];
    if (ar) { box.appendChild(el("div", {class: "tl", text: "Area: " + ar.title})); }
  }
  return box;
}

// ------------------------------------------------------------------ the network
// The rings are ellipses for a landscape graph; in a portrait one (a phone) they are
// narrowed to fit it, so the drawing is not a thin band across a tall box.
var container = document.getElementById("network");
function ringSqueeze() {
  var aspect = container.clientWidth / Math.max(1, container.clientHeight);
  return Math.round(100 * Math.min(1, Math.max(0.55, aspect / 1.35))) / 100;
}
var SQUEEZE = ringSqueeze();
var POS = {}, SIZE = {}, RING = {};
nodeRecords.forEach(function (n) {
  n.title = tooltip(n.id);
  RING[n.id] = [n.x, n.y];
  n.x = Math.round(n.x * SQUEEZE);
  POS[n.id] = {x: n.x, y: n.y};
  SIZE[n.id] = n.size;
});
var STYLES = DATA.edgeStyles;
var BASE_COLOUR = {};
function isExternal(id) { return (META[id] || {}).kind === "external"; }
var visEdges = edgeRows.map(function (r, i) {
  var st = STYLES[r[2]];
  if (r[2] === "cites" && (isExternal(r[0]) || isExternal(r[1]))) {
    st = Object.assign({}, st, STYLES.external);
  }
  var e = Object.assign({id: "e" + i, from: r[0], to: r[1], kind: r[2]}, st);
  e.color = Object.assign({}, st.color);
  if (r[3]) { e.width = r[3]; }
  BASE_COLOUR[e.id] = e.color;
  return e;
});
var nodes = new vis.DataSet(nodeRecords);
var edges = new vis.DataSet(visEdges);
var network = new vis.Network(container, {nodes: nodes, edges: edges}, options);
// one redraw per frame, however many changes asked for one (a full draw of a large graph
// takes a good part of a second)
var drawPending = false;
function requestDraw() {
  if (drawPending) { return; }
  drawPending = true;
  requestAnimationFrame(function () { drawPending = false; network.redraw(); });
}
// vis-network makes its own frame focusable; the container is the one keyboard stop
Array.prototype.forEach.call(container.querySelectorAll("[tabindex]"), function (e) {
  if (e !== container) { e.setAttribute("tabindex", "-1"); }
});
var neighbours = {};
visEdges.forEach(function (e) {
  (neighbours[e.from] = neighbours[e.from] || []).push(e.to);
  (neighbours[e.to] = neighbours[e.to] || []).push(e.from);
});

// ------------------------------------------------------------------ looks: hidden / dimmed
// LOOK[id] is "on", "dim" or "hidden"; page-nav.js decides, restyle() applies the change.
var LOOK = {}, EDGE_LOOK = {}, hiddenKinds = {};
Object.keys(POS).forEach(function (id) { LOOK[id] = "on"; });
visEdges.forEach(function (e) { EDGE_LOOK[e.id] = "on"; });
function restyle(want) {
  var nodeUpdates = [], edgeUpdates = [];
  Object.keys(want).forEach(function (id) {
    if (LOOK[id] === want[id]) { return; }
    LOOK[id] = want[id];
    nodeUpdates.push({id: id, hidden: want[id] === "hidden", opacity: want[id] === "dim" ? 0.25 : 1});
  });
  visEdges.forEach(function (e) {
    var a = LOOK[e.from], b = LOOK[e.to];
    var look = hiddenKinds[e.kind] || a === "hidden" || b === "hidden" ? "hidden"
      : (a === "dim" || b === "dim" ? "dim" : "on");
    if (EDGE_LOOK[e.id] === look) { return; }
    EDGE_LOOK[e.id] = look;
    var base = BASE_COLOUR[e.id];
    edgeUpdates.push({id: e.id, hidden: look === "hidden",
                      color: {color: base.color, opacity: look === "dim" ? 0.18 : base.opacity}});
  });
  if (nodeUpdates.length) { nodes.update(nodeUpdates); }
  if (edgeUpdates.length) { edges.update(edgeUpdates); }
}
function visibleIds() { return Object.keys(LOOK).filter(function (id) { return LOOK[id] !== "hidden"; }); }

// ------------------------------------------------------------------ labels
// Drawn by us, after vis-network's frame: a constant, readable size on screen whatever
// the zoom, each placed beside its node where it overlaps no other label or node, in
// order of importance (what is selected or found first); the rest wait for a closer zoom.
var FONT = "Inter, 'Segoe UI', system-ui, -apple-system, 'Helvetica Neue', Arial, sans-serif";
var LABEL_STYLE = {area: [13, 700, "#1f2430"], topic: [12.5, 600, "#1f2430"],
                   paper: [13, 600, "#1f2430"], external: [12, 400, "#3d4350"]};
var MAX_LABELS = 260;
function wrapWords(text, width) {
  var lines = [], line = "";
  String(text).split(/\s+/).forEach(function (w) {
    if (line && (line + " " + w).length > width) { lines.push(line); line = w; }
    else { line = line ? line + " " + w : w; }
  });
  if (line) { lines.push(line); }
  return lines.slice(0, 3);
}
var LABELS = {};
var measureCtx = document.createElement("canvas").getContext("2d");
Object.keys(META).forEach(function (id) {
  var m = META[id], st = LABEL_STYLE[m.kind];
  if (!st || !POS[id]) { return; }
  var lines = m.kind === "area" || m.kind === "topic" ? wrapWords(m.title || m.label, m.kind === "area" ? 20 : 22)
    : [m.label || id];
  measureCtx.font = st[1] + " 100px " + FONT;
  var w100 = Math.max.apply(null, lines.map(function (l) { return measureCtx.measureText(l).width; }));
  LABELS[id] = {lines: lines, px: st[0], weight: st[1], colour: st[2], w100: w100};
});
function staticRank(id) {
  var m = META[id];
  if (m.kind === "area") { return 0; }
  if (m.kind === "paper") { return 1; }  // the papers before the topics' longer names
  if (m.kind === "topic") { return 2; }
  return 3;
}
var RANKED = Object.keys(LABELS).sort(function (a, b) {
  var d = staticRank(a) - staticRank(b);
  if (d) { return d; }
  d = (SIZE[b] || 0) - (SIZE[a] || 0);
  return d || (a < b ? -1 : a > b ? 1 : 0);
});
var labelFirst = [];  // ids drawn before the others (selection, search matches): page-nav.js
var overlays = [document.querySelector(".zoom"), document.getElementById("peek")];
var drawnLabels = [];
function overlaps(grid, box, cell) {
  for (var gx = Math.floor(box.x / cell); gx <= Math.floor((box.x + box.w) / cell); gx++) {
    for (var gy = Math.floor(box.y / cell); gy <= Math.floor((box.y + box.h) / cell); gy++) {
      var list = grid[gx + ":" + gy];
      if (!list) { continue; }
      for (var i = 0; i < list.length; i++) {
        var o = list[i];
        if (o.id !== box.id && box.x < o.x + o.w && o.x < box.x + box.w &&
            box.y < o.y + o.h && o.y < box.y + box.h) { return true; }
      }
    }
  }
  return false;
}
function addBox(grid, box, cell) {
  for (var gx = Math.floor(box.x / cell); gx <= Math.floor((box.x + box.w) / cell); gx++) {
    for (var gy = Math.floor(box.y / cell); gy <= Math.floor((box.y + box.h) / cell); gy++) {
      (grid[gx + ":" + gy] = grid[gx + ":" + gy] || []).push(box);
    }
  }
}
// The ring drawn around the selected node (a halo) and the keyboard's place: how far
// past the node's own shape they reach. A label keeps out of both.
var HALO = 5, CURSOR_RING = 10;
function ringOf(id) {
  if (id === cursorId && document.activeElement === container) { return CURSOR_RING + 2; }
  return id === selectedId ? HALO + 2 : 0;
}
// Is (x, y) nearer to node s (at screen point own) than to any other shown node? A label
// whose centre is nearer another node would be read as that node's.
function nearestIsOwn(centres, cell, id, own, x, y) {
  var d = (x - own[0]) * (x - own[0]) + (y - own[1]) * (y - own[1]), reach = Math.sqrt(d);
  for (var gx = Math.floor((x - reach) / cell); gx <= Math.floor((x + reach) / cell); gx++) {
    for (var gy = Math.floor((y - reach) / cell); gy <= Math.floor((y + reach) / cell); gy++) {
      var list = centres[gx + ":" + gy];
      for (var i = 0; list && i < list.length; i++) {
        var c = list[i];
        if (c.id !== id && (x - c.x) * (x - c.x) + (y - c.y) * (y - c.y) <= d) { return false; }
      }
    }
  }
  return true;
}
function drawLabels(ctx) {
  var m = ctx.getTransform(), scale = network.getScale();
  var ratio = m.a / scale;
  var W = ctx.canvas.width / ratio, H = ctx.canvas.height / ratio;
  var grid = {}, centres = {}, CELL = 64, placed = [];
  function screen(id) { var p = POS[id]; return [(m.a * p.x + m.e) / ratio, (m.d * p.y + m.f) / ratio]; }
  function inView(s, pad) { return s[0] > -pad && s[0] < W + pad && s[1] > -pad && s[1] < H + pad; }
  ctx.save();
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  if (VIEW === "timeline") { drawYears(ctx, m, ratio, W); }
  Object.keys(POS).forEach(function (id) {
    if (LOOK[id] === "hidden") { return; }
    var s = screen(id);
    if (!inView(s, 120)) { return; }
    var key = Math.floor(s[0] / CELL) + ":" + Math.floor(s[1] / CELL);
    (centres[key] = centres[key] || []).push({id: id, x: s[0], y: s[1]});
    // nodes (and the rings around the chosen one) are obstacles too; not in light mode:
    // thousands of them
    var r = ringOf(id) ? ((SIZE[id] || 5) * 1.15 + 2) * scale + ringOf(id) : (SIZE[id] || 5) * scale + 2;
    if ((!LIGHT || ringOf(id)) && inView(s, r)) {
      addBox(grid, {id: id, x: s[0] - r, y: s[1] - r, w: 2 * r, h: 2 * r}, CELL);
    }
  });
  overlays.forEach(function (o, i) {  // the zoom buttons and the selection bar float above
    if (!o || o.hidden || !o.offsetWidth) { return; }
    var r = o.getBoundingClientRect(), c = container.getBoundingClientRect();
    addBox(grid, {id: "overlay" + i, x: r.left - c.left - 4, y: r.top - c.top - 4,
                  w: r.width + 8, h: r.height + 8}, CELL);
  });
  var seen = {}, order = labelFirst.concat(RANKED), tried = 0;
  ctx.textBaseline = "top";
  ctx.lineJoin = "round";
  for (var i = 0; i < order.length && placed.length < MAX_LABELS && tried < 2500; i++) {
    var id = order[i];
    if (seen[id] || !LABELS[id] || LOOK[id] === "hidden") { continue; }
    seen[id] = true;
    var s = screen(id);
    if (!inView(s, 40)) { continue; }
    tried++;
    var L = LABELS[id], px = L.px, lh = Math.round(px * 1.22);
    // vis-network draws a star or a triangle a little past its size
    var w = L.w100 * px / 100 + 4, h = lh * L.lines.length + 2;
    var r = ((SIZE[id] || 5) * 1.15 + 2) * scale + ringOf(id);
    var below = s[1] + r + 3, above = s[1] - r - 3 - h;
    var spots = [[s[0] - w / 2, below], [s[0] - w / 2, above],
                 [s[0] + r + 5, s[1] - h / 2], [s[0] - r - 5 - w, s[1] - h / 2],
                 [s[0] - w * 0.2, below], [s[0] - w * 0.8, below],
                 [s[0] - w * 0.2, above], [s[0] - w * 0.8, above],
                 [s[0] + r * 0.7, s[1] + r * 0.7], [s[0] - r * 0.7 - w, s[1] + r * 0.7],
                 [s[0] + r * 0.7, s[1] - r * 0.7 - h], [s[0] - r * 0.7 - w, s[1] - r * 0.7 - h]];
    var box = null;
    for (var k = 0; k < spots.length; k++) {
      var b = {id: id, x: spots[k][0], y: spots[k][1], w: w, h: h};
      if (b.x >= 0 && b.y >= 0 && b.x + w <= W && b.y + h <= H && !overlaps(grid, b, CELL) &&
          nearestIsOwn(centres, CELL, id, s, b.x + w / 2, b.y + h / 2)) { box = b; break; }
    }
    if (!box) { continue; }
    box.id = "label:" + id;
    addBox(grid, box, CELL);
    placed.push({id: id, x: box.x, y: box.y, w: w, h: h, px: px});
    ctx.globalAlpha = LOOK[id] === "dim" ? 0.5 : 1;
    ctx.font = (selectedId === id ? 700 : L.weight) + " " + px + "px " + FONT;
    ctx.lineWidth = 3.5;
    ctx.strokeStyle = "rgba(255,255,255,0.94)";
    ctx.fillStyle = L.colour;
    for (var j = 0; j < L.lines.length; j++) {
      var tx = box.x + (w - measureLine(L, j, px)) / 2, ty = box.y + 1 + j * lh;
      ctx.strokeText(L.lines[j], tx, ty);
      ctx.fillText(L.lines[j], tx, ty);
    }
  }
  if (selectedId && POS[selectedId] && LOOK[selectedId] !== "hidden") {  // a halo: what is chosen
    var h = screen(selectedId), hr = ((SIZE[selectedId] || 5) * 1.15 + 2) * scale + HALO;
    ctx.globalAlpha = 1;
    ctx.lineWidth = 3;
    ctx.strokeStyle = "rgba(26,86,176,0.85)";
    ctx.beginPath();
    ctx.arc(h[0], h[1], hr, 0, 2 * Math.PI);
    ctx.stroke();
  }
  if (cursorId && POS[cursorId] && LOOK[cursorId] !== "hidden" && document.activeElement === container) {
    // the keyboard's place, while the graph has the keyboard
    var c = screen(cursorId), cr = ((SIZE[cursorId] || 5) * 1.15 + 2) * scale + CURSOR_RING;
    ctx.globalAlpha = 1;
    ctx.setLineDash([4, 3]);
    ctx.lineWidth = 2.5;
    ctx.strokeStyle = "#1a56b0";
    ctx.beginPath();
    ctx.arc(c[0], c[1], cr, 0, 2 * Math.PI);
    ctx.stroke();
  }
  ctx.restore();
  drawnLabels = placed;
}
var lineWidths = {};
function measureLine(L, j, px) {
  var key = L.weight + "|" + L.lines[j];
  if (lineWidths[key] === undefined) {
    measureCtx.font = L.weight + " 100px " + FONT;
    lineWidths[key] = measureCtx.measureText(L.lines[j]).width;
  }
  return lineWidths[key] * px / 100;
}

// ------------------------------------------------------------------ views: rings / timeline
var VIEW = "rings";
var TIMELINE = DATA.timeline || {years: [], pos: {}, yearWidth: 1};
function drawYears(ctx, m, ratio, W) {
  // a band along the top: each column's year, where the column is on screen
  ctx.fillStyle = "rgba(255,255,255,0.93)";
  ctx.fillRect(0, 0, W, 24);
  ctx.font = "600 12.5px " + FONT;
  ctx.textBaseline = "middle";
  ctx.textAlign = "center";
  var cols = TIMELINE.years.map(String).concat(TIMELINE.unknown ? ["year unknown"] : []);
  var last = -1e9;
  cols.forEach(function (label, i) {
    var x = (m.a * i * TIMELINE.yearWidth + m.e) / ratio;
    if (x < 0 || x > W || x - last < 44) { return; }
    last = x;
    ctx.fillStyle = "#1f2430";
    ctx.fillText(label, x, 12);
  });
  ctx.textAlign = "start";
}
function place(view) {
  var updates = [];
  Object.keys(POS).forEach(function (id) {
    var p = view === "timeline" ? TIMELINE.pos[id] : RING[id];
    if (!p) { return; }
    var x = view === "timeline" ? p[0] : Math.round(p[0] * SQUEEZE);
    if (POS[id].x === x && POS[id].y === p[1]) { return; }
    POS[id] = {x: x, y: p[1]};
    updates.push({id: id, x: x, y: p[1]});
  });
  if (updates.length) { nodes.update(updates); }
}
function setView(view) {
  if (view !== "timeline") { view = "rings"; }
  if (view === VIEW) { return; }
  VIEW = view;
  place(view);
  document.querySelectorAll(".seg button").forEach(function (b) {
    b.setAttribute("aria-pressed", b.getAttribute("data-view") === view ? "true" : "false");
  });
  fitVisible(false);
}
// Animated moves say when they are done (window.papergraph.moving(): for scripts and tests).
var moving = false;
network.on("animationFinished", function () { moving = false; });
function glide(ms) { moving = true; return {duration: ms, easingFunction: "easeInOutQuad"}; }
function fitVisible(animate) {
  var ids = visibleIds(), anim = animate ? glide(300) : false;
  if (VIEW !== "timeline") { network.fit({nodes: ids, animation: anim}); return; }
  var before = {position: network.getViewPosition(), scale: network.getScale()};
  network.fit({nodes: ids, animation: false});
  var scale = network.getScale() * 0.94, at = network.getViewPosition();
  if (animate) { network.moveTo(before); }
  // room for the band of years along the top
  network.moveTo({position: {x: at.x, y: at.y - 14 / scale}, scale: scale, animation: anim});
}
var selectedId = null, cursorId = null;
network.on("afterDrawing", drawLabels);
