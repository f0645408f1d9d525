// papergraph page, part 2 of 3: the side panel (tabs, reading lists, details, schedule)
// and the legend. Actions (select, filter) are page-nav.js's.

// ------------------------------------------------------------------ tabs
var tabButtons = Array.prototype.slice.call(document.querySelectorAll(".tabs [role=tab]"));
function showTab(name) {
  tabButtons.forEach(function (b) {
    var on = b.getAttribute("data-tab") === name;
    b.setAttribute("aria-selected", on ? "true" : "false");
    b.setAttribute("tabindex", on ? "0" : "-1");
  });
  document.querySelectorAll(".panel").forEach(function (p) {
    p.classList.toggle("active", p.id === "panel-" + name);
  });
}
tabButtons.forEach(function (b, i) {
  b.addEventListener("click", function () { showTab(b.getAttribute("data-tab")); });
  b.addEventListener("keydown", function (ev) {  // arrows move between tabs (and show them)
    var to = {ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabButtons.length - 1}[ev.key];
    if (to === undefined) { return; }
    ev.preventDefault();
    var next = tabButtons[(to + tabButtons.length) % tabButtons.length];
    showTab(next.getAttribute("data-tab"));
    next.focus();
  });
});

// ------------------------------------------------------------------ lists move with arrows
// In the reading lists, the schedule and the details' lists, Up/Down (Home/End) move
// between the entries.
function arrowList(box, selector) {
  box.addEventListener("keydown", function (ev) {
    if (["ArrowDown", "ArrowUp", "Home", "End"].indexOf(ev.key) < 0) { return; }
    var items = Array.prototype.slice.call(box.querySelectorAll(selector));
    var i = items.indexOf(document.activeElement);
    if (i < 0) { return; }
    var to = {ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: items.length - 1}[ev.key];
    if (to < 0 || to >= items.length) { return; }
    ev.preventDefault();
    items[to].focus();
  });
}

// ------------------------------------------------------------------ paper references
function nodeButton(id, withTitle) {
  var m = META[id] || {};
  var b = el("button", {type: "button", class: "linkish", "data-node": id});
  b.appendChild(el("span", {class: "who", text: m.label || id}));
  if (withTitle && m.title && m.kind !== "topic" && m.kind !== "area") {
    b.appendChild(document.createTextNode(" "));
    b.appendChild(el("span", {class: "t", text: m.title}));
  }
  b.addEventListener("click", function () { choose(id, b); });
  return b;
}
var outgoing = {}, incoming = {};
DATA.edges.forEach(function (e) {
  (outgoing[e.from] = outgoing[e.from] || []).push(e);
  (incoming[e.to] = incoming[e.to] || []).push(e);
});

// ------------------------------------------------------------------ details panel
var details = document.getElementById("details");
arrowList(details, "button.linkish");
function metric(value, label) {
  return el("div", {class: "metric"}, el("div", {class: "v", text: value}), el("div", {class: "k", text: label}));
}
function section(title) { return el("h3", {class: "section-title", text: title}); }
function nodeList(ids, note) {
  var ul = el("ul", {class: "plain"});
  ids.forEach(function (id, i) {
    var li = el("li", {}, nodeButton(id, true));
    if (note && note[i]) { li.appendChild(el("span", {class: "after", text: note[i]})); }
    ul.appendChild(li);
  });
  return ul;
}
function copyText(text, status) {
  function fallback() {
    var ta = el("textarea", {style: "position:fixed;left:-9999px;top:0", "aria-hidden": "true"});
    ta.value = text;
    document.body.appendChild(ta);
    ta.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (err) { ok = false; }
    document.body.removeChild(ta);
    status.textContent = ok ? "Copied." : "Select the text and copy it (Ctrl+C).";
  }
  try {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { status.textContent = "Copied."; }, fallback);
      return;
    }
  } catch (err) { /* fall back below */ }
  fallback();
}
function paperDetails(id, m) {
  if (m.status === "unresolved") {
    details.appendChild(el("div", {class: "warn", text: "Unresolved: shown as the seminar page cites it, not as published."}));
  }
  if (m.retracted) {
    details.appendChild(el("div", {class: "warn", text: "Retracted (OpenAlex marks this paper as retracted)."}));
  }
  if (m.page_title) {
    details.appendChild(el("div", {class: "warn", text: "The seminar page lists it as “" + m.page_title + "”."}));
  }
  var chips = el("div", {class: "chips"});
  (m.topics || []).forEach(function (s) {
    var t = topicBySlug[s];
    if (!t) { return; }
    var c = el("button", {type: "button", class: "chip", text: t.title, title: "Show this topic"});
    c.addEventListener("click", function () { filterTo(s); });
    chips.appendChild(c);
  });
  details.appendChild(chips);
  var metrics = el("div", {class: "metrics"});
  metrics.appendChild(metric(String(m.seminar_citations || 0), "cited by seminar papers"));
  metrics.appendChild(metric(String(m.seminar_references || 0), "seminar papers it cites"));
  metrics.appendChild(metric(typeof m.pagerank === "number" ? m.pagerank.toFixed(3) : "–", "PageRank in the seminar"));
  if (typeof m.citation_count === "number") {  // only where known: nothing made up
    metrics.appendChild(metric(String(m.citation_count),
      "citations overall (" + (m.citation_count_source || "Semantic Scholar") + ")"));
  }
  details.appendChild(metrics);
  DATA.talks.filter(function (t) { return t.node === id; }).forEach(function (t) {
    details.appendChild(el("p", {class: "meta"}, el("b", {text: "Talk: "}),
      t.weekday + " " + t.date + (t.start ? ", " + t.start + "–" + t.end : "") + (t.speaker ? " · " + t.speaker : "")));
  });
  var out = (outgoing[id] || []).filter(function (e) { return e.kind === "cites"; });
  var inc = (incoming[id] || []).filter(function (e) { return e.kind === "cites"; });
  function knownFrom(e) { return e.sources ? "known from " + e.sources.join(" + ") : ""; }
  if (out.length) {
    details.appendChild(section("Cites (in the seminar)"));
    details.appendChild(nodeList(out.map(function (e) { return e.to; }), out.map(knownFrom)));
  }
  if (inc.length) {
    details.appendChild(section("Cited by (in the seminar)"));
    details.appendChild(nodeList(inc.map(function (e) { return e.from; }), inc.map(knownFrom)));
  }
  var rel = DATA.edges.filter(function (e) { return e.kind === "related" && (e.from === id || e.to === id); })
    .sort(function (a, b) { return b.weight - a.weight || (a.from + a.to < b.from + b.to ? -1 : 1); });
  if (rel.length) {
    details.appendChild(section("Related (shared references, cited together)"));
    details.appendChild(nodeList(rel.map(function (e) { return e.from === id ? e.to : e.from; }),
      rel.map(function (e) { return e.coupling + " shared reference" + (e.coupling === 1 ? "" : "s") + " · cited together " + e.cocitation + "×"; })));
  }
}
function externalDetails(id, m) {
  var metrics = el("div", {class: "metrics"});
  metrics.appendChild(metric(String(m.seminar_citations || 0), "seminar papers citing it"));
  metrics.appendChild(metric(String(m.seminar_references || 0), "seminar papers it cites"));
  details.appendChild(metrics);
  var citing = [], cited = [];
  visEdges.forEach(function (e) {
    if (e.kind !== "cites") { return; }
    if (e.from === id) { citing.push(e.to); }
    if (e.to === id) { cited.push(e.from); }
  });
  if (cited.length) { details.appendChild(section("Cited by these seminar papers")); details.appendChild(nodeList(cited)); }
  if (citing.length) { details.appendChild(section("Cites these seminar papers")); details.appendChild(nodeList(citing)); }
}
function summaryText(m) {
  // TL;DR and abstract only where the record has them: never made up
  if (m.tldr) { details.appendChild(el("p", {class: "tldr", id: "details-tldr"}, el("b", {text: "TL;DR "}), m.tldr)); }
  if (m.abstract) {
    details.appendChild(el("details", {class: "abstract", id: "details-abstract"},
      el("summary", {text: "Abstract"}), el("p", {text: m.abstract}),
      m.abstract_source ? el("p", {class: "source", text: "Source: " + m.abstract_source}) : null));
  }
}
function showDetails(id, returnTo) {
  var m = META[id];
  if (!m) { return; }
  clear(details);
  details.setAttribute("data-node", id);
  if (returnTo) {
    var where = returnTo.closest("#panel-schedule") ? "schedule" : "reading";
    var back = el("button", {type: "button", class: "btn back", id: "details-back",
                             text: where === "schedule" ? "← Back to the schedule" : "← Back to the reading list"});
    back.addEventListener("click", function () { goBack(); });
    details.appendChild(back);
    detailsReturn = returnTo;
  } else {
    detailsReturn = null;
  }
  details.appendChild(el("span", {class: "kicker"}, nodeIcon(id), KINDS[m.kind] || ""));
  details.appendChild(el("h2", {id: "details-title", tabindex: "-1", text: m.title || m.label || id}));
  if (m.kind === "paper" || m.kind === "external") {
    details.appendChild(el("p", {class: "meta", id: "details-authors"},
      authorLine(m) || el("span", {class: "missing", text: "authors unknown"})));
    details.appendChild(el("p", {class: "meta", id: "details-venue"},
      m.venue || (m.year ? "" : el("span", {class: "missing", text: "venue and year unknown"})),
      m.year ? el("span", {class: "year", text: (m.venue ? " · " : "") + m.year}) : null));
    summaryText(m);
  }
  if (m.kind === "paper") { paperDetails(id, m); }
  if (m.kind === "external") { externalDetails(id, m); }
  if (m.kind === "topic") {
    if (m.question) { details.appendChild(el("p", {class: "meta", text: m.question})); }
    var ar = areaBySlug[m.area];
    if (ar) { details.appendChild(el("p", {class: "meta"}, el("b", {text: "Area: "}), ar.title)); }
    var t = topicBySlug[m.slug];
    if (t) { details.appendChild(section("Reading order")); details.appendChild(nodeList(t.reading)); }
  }
  if (m.kind === "area") {
    details.appendChild(section("Topics"));
    details.appendChild(nodeList(DATA.topics.filter(function (t) { return t.area === m.slug; })
      .map(function (t) { return t.node; })));
  }
  if (m.links && m.links.length) {
    details.appendChild(section("Links"));
    var links = el("p", {class: "links"});
    m.links.forEach(function (l) { var a = extLink(l[0], l[1]); if (a) { links.appendChild(a); } });
    details.appendChild(links);
  } else if (m.kind === "paper" || m.kind === "external") {
    details.appendChild(section("Links"));
    details.appendChild(el("p", {class: "missing", text: "No Semantic Scholar, arXiv or dblp link known."}));
  }
  if (m.kind === "paper") {
    var head = el("div", {class: "bib-head"}, section("BibTeX"));
    details.appendChild(head);
    if (m.bibtex) {
      var status = el("span", {id: "copy-status", role: "status"});
      var btn = el("button", {type: "button", class: "btn", id: "copy-bibtex", text: "Copy BibTeX"});
      btn.addEventListener("click", function () { copyText(m.bibtex, status); });
      head.appendChild(el("span", {}, status, " ", btn));
      details.appendChild(el("pre", {class: "bibtex", id: "details-bibtex", tabindex: "0",
                                     "aria-label": "BibTeX entry", text: m.bibtex}));
    } else {
      details.appendChild(el("p", {class: "missing", id: "details-bibtex", text: "No BibTeX entry available."}));
    }
  }
  showTab("details");
  document.getElementById("panel-details").scrollTop = 0;
}
var detailsReturn = null;
function goBack() {
  var to = detailsReturn;
  showTab(to && to.closest("#panel-schedule") ? "schedule" : "reading");
  if (to && document.body.contains(to)) { to.focus(); }
  detailsReturn = null;
}

// ------------------------------------------------------------------ reading lists
var reading = document.getElementById("reading-lists");
arrowList(reading, "button");
DATA.areas.forEach(function (a) {
  var ts = DATA.topics.filter(function (t) { return t.area === a.slug; });
  if (!ts.length) { return; }
  var group = el("div", {class: "area-group"});
  group.appendChild(el("div", {class: "area-title"}, shapeIcon(a.shape, a.colour, false, 12), a.title));
  ts.forEach(function (t) {
    var sec = el("section", {class: "reading-topic", "data-topic": t.slug, "aria-label": t.title});
    sec.style.setProperty("--c", a.colour);
    var hb = el("button", {type: "button", text: t.title, title: "Show this topic in the graph"});
    hb.addEventListener("click", function () { filterTo(t.slug); });
    sec.appendChild(el("h3", {}, hb));
    if (t.question) { sec.appendChild(el("p", {class: "question", text: t.question})); }
    var ol = el("ol", {});
    t.reading.forEach(function (id, i) {
      var li = el("li", {class: "reading-item", "data-node": id}, nodeButton(id, true));
      var earlier = t.reading.slice(0, i);
      var prereq = (outgoing[id] || []).filter(function (e) { return e.kind === "cites" && earlier.indexOf(e.to) >= 0; })
        .map(function (e) { return labelOf(e.to); });
      if (prereq.length) { li.appendChild(el("span", {class: "after", text: "builds on " + prereq.join(", ")})); }
      ol.appendChild(li);
    });
    if (!t.reading.length) { sec.appendChild(el("p", {class: "missing", text: "No papers listed."})); }
    else { sec.appendChild(ol); }
    if (t.suggestions.length) {  // papergraph suggest's forward list: not on the list, not drawn
      sec.appendChild(el("p", {class: "suggested-title", text: "Suggested additions (newer papers citing this topic, not on the list):"}));
      var ul = el("ul", {class: "plain suggested"});
      t.suggestions.forEach(function (sg) {
        ul.appendChild(el("li", {}, (sg.year ? sg.year + " · " : "") + sg.title,
                          el("span", {class: "after", text: sg.reason})));
      });
      sec.appendChild(ul);
    }
    group.appendChild(sec);
  });
  reading.appendChild(group);
});

// ------------------------------------------------------------------ schedule
var schedule = document.getElementById("schedule");
arrowList(schedule, "button.linkish");
if (DATA.talks.length) {
  schedule.appendChild(el("h3", {class: "section-title", text: "Talks"}));
  var lastDay = null, table = null;
  DATA.talks.forEach(function (t) {
    if (t.date !== lastDay) {
      lastDay = t.date;
      schedule.appendChild(el("div", {class: "day", text: t.weekday + " " + t.date}));
      table = el("table", {class: "talks"});
      schedule.appendChild(table);
    }
    var cell = el("td", {}, nodeButton(t.node, true));
    if (t.speaker) { cell.appendChild(el("span", {class: "after", text: t.speaker})); }
    table.appendChild(el("tr", {class: "talk"}, el("td", {class: "time", text: t.start ? t.start + "–" + t.end : "time not given"}), cell));
  });
} else {
  schedule.appendChild(el("p", {class: "missing", text: "No talks are scheduled in this syllabus."}));
}
if (DATA.milestones.length) {
  schedule.appendChild(el("h3", {class: "section-title", text: "Time plan (as the seminar page gives it)"}));
  var plan = el("ul", {class: "plain milestones"});
  DATA.milestones.forEach(function (mi) {
    plan.appendChild(el("li", {}, el("span", {class: "when", text: mi.when}), mi.what));
  });
  schedule.appendChild(plan);
}

// ------------------------------------------------------------------ legend
var legend = document.getElementById("legend");
function lgItem() {
  var span = el("span", {class: "item"});
  for (var i = 0; i < arguments.length; i++) { span.appendChild(typeof arguments[i] === "string" ? document.createTextNode(arguments[i]) : arguments[i]); }
  return span;
}
var areasRow = el("div", {class: "lg"}, el("span", {class: "lg-title", text: "Areas"}));
DATA.areas.forEach(function (a) { areasRow.appendChild(lgItem(shapeIcon(a.shape, a.colour, false, 12), a.title)); });
legend.appendChild(areasRow);
var nodesRow = el("div", {class: "lg"}, el("span", {class: "lg-title", text: "Nodes"}));
var first = DATA.areas[0] || {shape: "dot", colour: "#6b7280"};
nodesRow.appendChild(lgItem(shapeIcon(first.shape, "#6b7280", false, 13), "area (large)"));
nodesRow.appendChild(lgItem(shapeIcon(first.shape, "#6b7280", true, 11), "topic (hollow)"));
nodesRow.appendChild(lgItem(shapeIcon(first.shape, "#6b7280", false, 11), "paper (size: cited by seminar papers)"));
if (Object.keys(META).some(function (k) { return META[k].kind === "external"; })) {
  nodesRow.appendChild(lgItem(shapeIcon("dot", DATA.externalColour, false, 8),
    "external paper (size: seminar papers citing it or cited by it)"));
}
legend.appendChild(nodesRow);
var edgesRow = el("div", {class: "lg"}, el("span", {class: "lg-title", text: "Edges"}));
DATA.edgeLegend.forEach(function (item) {
  var svg = svgEl("svg", {width: "30", height: "10", "aria-hidden": "true", focusable: "false"});
  var line = svgEl("line", {x1: "1", y1: "5", x2: item.kind === "cites" ? "23" : "29", y2: "5",
                            stroke: item.style.color.color,
                            "stroke-width": String(Math.max(1.5, item.style.width || 2))});
  if (item.style.dashes && !LIGHT) { line.setAttribute("stroke-dasharray", item.style.dashes.join(" ")); }
  svg.appendChild(line);
  if (item.kind === "cites") { svg.appendChild(svgEl("polygon", {points: "22,1 29,5 22,9", fill: item.style.color.color})); }
  var box = el("input", {type: "checkbox", class: "edge-toggle", "data-kind": item.kind});
  box.checked = true;
  box.addEventListener("change", function () { hiddenKinds[item.kind] = !box.checked; applyLooks(); });
  edgesRow.appendChild(el("label", {class: "item"}, box, svg, item.text));
});
legend.appendChild(edgesRow);
