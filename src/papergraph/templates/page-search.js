// papergraph page, search: ranked, forgiving, offline. Fuse.js (inlined above, its
// licence kept) scores and ranks; this part only says what a paper is found by and how
// words are cut: a word's British and American spellings, its hyphenated and joined
// forms and its accents are one word, and a title's initials (NTK for "Neural Tangent
// Kernel") are a word of the title.

var STOP = {a: 1, an: 1, and: 1, are: 1, as: 1, at: 1, "for": 1, from: 1, "in": 1, into: 1, is: 1,
            of: 1, on: 1, or: 1, the: 1, to: 1, via: 1, "with": 1, by: 1, can: 1, what: 1};
function fold(s) { return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }
// One spelling per word: -ise/-isation as -ize/-ization, then a light stem (-ation, -ed,
// -ers, -s, ...), so "memorisation", "memorizers" and "memorization" meet.
function stem(w) {
  if (/^\d/.test(w) || w.length < 5) { return w; }
  w = w.replace(/is(e|ed|es|er|ers|ing|ation|ations)$/, "iz$1");
  var m = /^(.{4,}?)(ations|ation|ers|er|ed|es|ing|s|e)$/.exec(w);
  return m ? m[1] : w;
}
// Words of a text that Fuse has folded (lower case, no accents): "over-parameterised"
// gives "overparameteriz", "over", "parameteriz".
var WORD = /[\p{L}\p{N}]+(?:[-'\u2010\u2011][\p{L}\p{N}]+)*/gu, JOIN = /[-'\u2010\u2011]/;
function searchTerms(text) {
  var out = [], words = text.match(WORD) || [];
  for (var i = 0; i < words.length; i++) {
    var w = words[i];
    if (!JOIN.test(w)) { out.push(stem(w)); continue; }
    var parts = w.split(JOIN);
    out.push(stem(parts.join("")));
    for (var j = 0; j < parts.length; j++) { if (parts[j]) { out.push(stem(parts[j])); } }
  }
  return out;
}
// A title's initialisms: the initials of each run of 2 to 5 of its words (small words
// such as "of" skipped): "Neural Tangent Kernel: ..." gives "ntk", "nt", "tk", ...
function initialisms(title) {
  var words = (fold(title || "").match(/[\p{L}\p{N}]+/gu) || []).filter(function (w) { return !STOP[w]; });
  var seen = {}, out = [];
  for (var i = 0; i < words.length; i++) {
    for (var n = 2; n <= 5 && i + n <= words.length; n++) {
      var s = words.slice(i, i + n).map(function (w) { return w[0]; }).join("");
      if (!seen[s]) { seen[s] = true; out.push(s); }
    }
  }
  return out.join(" ");
}
function searchRecord(id) {
  var m = META[id];
  return {id: id, title: [m.title || m.label || id].concat(m.page_title ? [m.page_title] : []),
          initials: initialisms(m.title),
          authors: (m.authors || []).join("; "), topics: topicTitles(m).join("; "),
          venue: [m.venue, m.year].filter(Boolean).join(" "),
          key: [m.key, m.label, m.arxiv, m.doi].filter(Boolean).join(" ")};
}
var SEARCHABLE = [], searchable = {};
DATA.papers.concat(Object.keys(META).filter(isExternal).sort()).forEach(function (id) {
  if (META[id] && !searchable[id]) { searchable[id] = true; SEARCHABLE.push(id); }
});
// Made at the first search, not as the page opens (about a second for 2,500 papers).
var FUSE = null;
function searchIndex() {
  FUSE = FUSE || new Fuse(SEARCHABLE.map(searchRecord), {
    keys: [{name: "title", weight: 3}, {name: "initials", weight: 2}, {name: "authors", weight: 3},
           {name: "topics", weight: 1.5}, {name: "venue", weight: 1}, {name: "key", weight: 1}],
    useTokenSearch: true, tokenMatch: "all", tokenize: searchTerms,
    ignoreDiacritics: true, ignoreLocation: true, threshold: 0.15, includeScore: true
  });
  return FUSE;
}
// The ids of the papers that match, best first (ties in the seminar's order); null: no words.
function runSearch(q) {
  if (!searchTerms(fold(q)).length) { return null; }
  return searchIndex().search(q)
    .sort(function (a, b) { return a.score - b.score || a.refIndex - b.refIndex; })
    .map(function (r) { return r.item.id; });
}
