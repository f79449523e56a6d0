// search.js: the search page (/szukaj/, /en/search/). It reads ?q=, runs the
// query against the static index with search-core.js as the reader types,
// and renders the results, facet filters and suggestions with DOM nodes and
// text only: nothing from the index is ever parsed as HTML. The address
// holds the query, the filters and how many results are shown (?q=…&kind=…
// &topic=…&year=…&page=2), so that reload, back and forward and a shared
// link restore them; the language switcher carries the query over.

import { Searcher, facetCounts, fold, matcher, snippet, tokenSpans } from "./search-core.js";

const PAGE = 10;
const SAMPLE = { one: "1", few: "22", many: "25", other: "25" };

const root = document.querySelector("[data-search-results]");
if (root) init(root);

function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const k of kids) if (k != null && k !== false) e.append(typeof k === "string" ? document.createTextNode(k) : k);
  return e;
}

// safeURL lets through the site's paths and web addresses only.
const safeURL = (u) => (/^(\/|https?:)/.test(u) ? u : "#");

// marked appends pieces [text, isMatch] to e, matches in <mark>.
function marked(e, pieces) {
  for (const [text, hit] of pieces) e.append(hit ? el("mark", null, text) : document.createTextNode(text));
  return e;
}

function init(root) {
  const ds = root.dataset;
  const lang = ds.lang || document.documentElement.lang || "pl";
  const text = (k) => ds["t" + k[0].toUpperCase() + k.slice(1)] || "";
  const plural = new Intl.PluralRules(lang);
  const count = (n) => {
    const cat = plural.select(n);
    const form = ds["n" + cat[0].toUpperCase() + cat.slice(1)] || ds.nOther || String(n);
    return form.replace(SAMPLE[cat] || SAMPLE.other, () => n.toLocaleString(lang));
  };
  // As the pages write dates: "27 listopada 2025", "27 November 2025".
  const dateFmt = new Intl.DateTimeFormat(lang === "en" ? "en-GB" : lang, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  const kindName = (k) => ds["kind" + k[0].toUpperCase() + k.slice(1)] || k;
  const form = root.closest("main")?.querySelector("form.search-form") || document.querySelector("form.search-form");
  const input = form.querySelector('input[name="q"]');
  const searcher = new Searcher(ds.index, (url, fresh) =>
    fetch(url, fresh ? { cache: "no-cache" } : {}).then((r) => {
      if (!r.ok) throw new Error(r.status + " " + url);
      return r.json();
    }));

  document.getElementById("search-help")?.removeAttribute("hidden"); // true only with this script
  const status = el("p", { class: "search-status", role: "status" });
  const body = el("div", { class: "search-body" });
  root.replaceChildren(status, body);

  const state = { seq: 0, query: "", result: null, topicsOf: null, topicsOpen: false, sel: newSel(), limit: PAGE };
  function newSel() { return { kind: new Set(), topic: new Set(), year: new Set() }; }

  // run searches for query; restore (from the address) gives the filters
  // and the number of pages of results to show.
  async function run(query, restore) {
    const seq = ++state.seq;
    state.query = query;
    state.sel = newSel();
    state.limit = PAGE;
    carryQuery(query);
    if (!query.trim()) {
      state.result = null;
      status.textContent = text("hint");
      body.replaceChildren();
      return;
    }
    try {
      const result = await searcher.search(query);
      if (seq !== state.seq) return;
      state.result = result;
      if (restore) {
        state.limit = PAGE * restore.page;
        for (const k of restore.kind) state.sel.kind.add(k);
        for (const y of restore.year) state.sel.year.add(y);
        if (restore.topic.length) {
          state.topicsOf = state.topicsOf || (await searcher.facets());
          if (seq !== state.seq) return;
          state.topicsOpen = true;
          for (const name of restore.topic) {
            const t = searcher.m.topics.indexOf(name);
            if (t >= 0) state.sel.topic.add(t);
          }
        }
      }
      await render(seq);
    } catch (err) {
      if (seq !== state.seq) return;
      status.textContent = text("error");
      body.replaceChildren();
      console.error(err);
    }
  }

  async function render(seq, focusKey) {
    const { result } = state;
    const ky = searcher.kindYear();
    const { shown, counts } = facetCounts(result.hits, state.sel, ky, state.topicsOf);
    const page = Array.from(shown.subarray(0, state.limit));
    const docs = await searcher.docs(page);
    if (seq !== state.seq) return;
    const isMatch = matcher(result);
    const kids = [];
    if (!result.hits.length) {
      status.textContent = text("none").replace("{query}", () => state.query.trim());
      const sugg = searcher.suggest(result);
      if (sugg.length) {
        kids.push(el("p", { class: "search-suggest" }, text("suggest") + " ",
          ...sugg.flatMap((s, i) => [i ? ", " : "", el("a", { href: "?q=" + encodeURIComponent(s), onclick: (e) => { e.preventDefault(); setQuery(s); } }, s)])));
      }
      body.replaceChildren(...kids);
      return;
    }
    status.textContent = statusText(result, shown.length);
    kids.push(facetsBox(counts));
    const list = el("ol", { class: "search-results", start: "1" });
    const items = docs.map((d, i) => item(d, isMatch, page[i]));
    list.append(...items);
    list.addEventListener("keydown", listKeys);
    kids.push(list);
    if (shown.length > page.length) {
      kids.push(el("button", { type: "button", class: "search-more", onclick: () => { state.limit += PAGE; writeURL(true); render(state.seq, "more"); } }, text("more")));
    }
    body.replaceChildren(...kids);
    state.passages = passages(seq, docs, items, isMatch);
    if (focusKey === "more") list.children[state.limit - PAGE]?.querySelector("a")?.focus();
    else if (focusKey === "topics") body.querySelector(".facet-topic summary")?.focus();
    else if (focusKey) body.querySelector(`input[data-key="${CSS.escape(focusKey)}"]`)?.focus();
  }

  // written gives a query word as the reader wrote it (the index's words
  // are folded: "ludzmi" for "ludźmi").
  function written(w) {
    for (const [a, b] of tokenSpans(state.query)) {
      const t = state.query.slice(a, b);
      if (fold(t) === w) return t;
    }
    return w;
  }

  // statusText counts the results and, when no page has every word, says
  // so: which words no page has at all (pages with words like them are
  // shown), and that the others are not all on one page.
  function statusText(result, n) {
    const words = result.words.filter((w) => !w.stop);
    const absent = words.filter((w) => w.approx || !w.stems.length).map((w) => (lang === "pl" ? "„" + written(w.text) + "”" : "“" + written(w.text) + "”"));
    let s = count(n) + ".";
    if (absent.length) s += " " + text("absent").replace("{words}", () => absent.join(", "));
    else if (!result.all) s += " " + text("partial");
    return s;
  }

  // missingWords lists the query words a hit (a document number) does not
  // contain.
  function missingWords(result, hit) {
    const out = [];
    result.words.forEach((w, i) => {
      if (!w.stop && !(i < 32 && result.has[hit] & (1 << i))) out.push(written(w.text));
    });
    return out;
  }

  function item(d, isMatch, hit) {
    const pieces = (s) => {
      const out = [];
      let pos = 0;
      for (const [a, b] of tokenSpans(s)) {
        if (!isMatch(s.slice(a, b))) continue;
        if (a > pos) out.push([s.slice(pos, a), false]);
        out.push([s.slice(a, b), true]);
        pos = b;
      }
      if (pos < s.length) out.push([s.slice(pos), false]);
      return out;
    };
    const meta = el("p", { class: "meta" }, el("span", { class: "kind" }, kindName(d.kind)));
    if (d.date) meta.append(" · ", el("time", { datetime: d.date }, dateFmt.format(new Date(d.date + "T00:00:00Z"))));
    const li = el("li", { class: "search-result item item-" + d.kind },
      el("h2", { class: "item-title" }, marked(el("a", { href: safeURL(d.url) }), pieces(d.title))),
      meta,
      marked(el("p", { class: "snippet" }), snippet([d.summary], isMatch)));
    if (d.topics.length) li.append(el("p", { class: "result-topics" }, d.topics.join(" · ")));
    const missing = missingWords(state.result, hit);
    if (missing.length) li.append(el("p", { class: "result-missing" }, text("missing").replace("{words}", () => missing.join(", "))));
    return li;
  }

  // passages shows, under each result, where in the page the query's words
  // are, once the result comes near the window (an IntersectionObserver:
  // a reader who does not scroll reads the passages of the first screen
  // only). The passage whose filter promises the most words is read from
  // the page itself (a range request; Searcher.matchingPassages reads
  // another if it does not hold what it promised) and shown with the words
  // marked: as a link to its place ("Art. 3 ust. 1") when it has an
  // anchor, else in the summary's place. Up to two more places whose
  // filters promise as many words follow as links, unread, so that a
  // result reads about one passage. Until then, and where none matches,
  // the summary stays. The promise resolves once the results in view at
  // first have their passages.
  function passages(seq, docs, items, isMatch) {
    state.observer?.disconnect();
    state.loads = [];
    if (!("IntersectionObserver" in window)) return Promise.all((state.loads = docs.map((d, i) => passage(seq, d, items[i], isMatch))));
    return new Promise((resolve) => {
      let first = true;
      const io = new IntersectionObserver((entries) => {
        const loads = [];
        for (const e of entries) {
          if (!e.isIntersecting) continue;
          io.unobserve(e.target);
          const i = items.indexOf(e.target);
          loads.push(passage(seq, docs[i], items[i], isMatch));
          state.loads.push(loads[loads.length - 1]);
        }
        if (first) {
          first = false;
          Promise.all(loads).then(() => resolve());
        }
      }, { rootMargin: "200px 0px" });
      state.observer = io;
      for (const li of items) io.observe(li);
    });
  }

  // passage shows the passages of one result (see passages).
  async function passage(seq, d, li, isMatch) {
    try {
      const { found, others } = await searcher.matchingPassages(d, state.result);
      if (seq !== state.seq || !found.length) return;
      const best = found[0];
      const subs = [];
      if (best.p.anchor) subs.push(el("li", null, link(d, best.p), " ", marked(el("span", { class: "snippet" }), snippet([best.text], isMatch, 140))));
      else li.querySelector(".snippet").replaceChildren(...marked(el("span"), snippet([best.text], isMatch)).childNodes);
      const seen = new Set([best.p.anchor]);
      for (const { p, n } of others) {
        if (subs.length === 3) break;
        if (!p.anchor || seen.has(p.anchor) || n < best.n) continue;
        seen.add(p.anchor);
        subs.push(el("li", null, link(d, p)));
      }
      if (subs.length) li.querySelector(".snippet").after(el("ul", { class: "sub-results" }, ...subs));
    } catch (err) {
      console.warn(err); // the summary stays
    }
  }

  // link is a link to a passage's place in its page.
  function link(d, p) {
    return el("a", { href: safeURL(d.url) + "#" + encodeURIComponent(p.anchor) }, p.label);
  }

  // facetsBox: checkboxes for kind and year, with counts; the topics
  // (facets.json, not needed for the results themselves) load when the
  // reader opens their group.
  function facetsBox(counts) {
    const m = searcher.m;
    const box = el("div", { class: "search-facets" });
    // One listener for every box: a key ("year:2024") gives its facet and value.
    const values = new Map();
    box.addEventListener("change", (e) => {
      const key = e.target.dataset?.key, nv = values.get(key);
      if (!nv) return;
      const [name, v] = nv;
      if (e.target.checked) state.sel[name].add(v); else state.sel[name].delete(v);
      state.limit = PAGE;
      writeURL(true);
      render(state.seq, key);
    });
    const checks = (name, vals, label) => vals.map((v) => {
      const key = name + ":" + v;
      values.set(key, [name, v]);
      const cb = el("input", { type: "checkbox", "data-key": key });
      cb.checked = state.sel[name].has(v);
      return el("label", null, cb, el("span", null, label(v) + " ", el("span", { class: "count" }, "(" + (counts[name].get(v) || 0) + ")")));
    });
    const group = (name, legend, values, label) => {
      if (values.length < 2 && !state.sel[name].size) return;
      box.append(el("fieldset", { class: "facet facet-" + name }, el("legend", null, legend), ...checks(name, values, label)));
    };
    const kinds = m.kinds.map((k) => k[0]).filter((k) => counts.kind.has(k) || state.sel.kind.has(k));
    group("kind", text("kind"), kinds, kindName);
    if (m.topics.length) {
      const det = el("details", { class: "facet facet-topic" }, el("summary", null, text("topic")));
      det.open = state.topicsOpen;
      if (state.topicsOf) {
        const topics = [...new Set([...counts.topic.keys(), ...state.sel.topic])]
          .sort((a, b) => (counts.topic.get(b) || 0) - (counts.topic.get(a) || 0) || m.topics[a].localeCompare(m.topics[b], lang));
        det.append(el("div", { role: "group", "aria-label": text("topic") }, ...checks("topic", topics, (t) => m.topics[t])));
      }
      det.addEventListener("toggle", async () => {
        state.topicsOpen = det.open;
        if (det.open && !state.topicsOf) {
          const seq = state.seq;
          state.topicsOf = await searcher.facets();
          if (seq === state.seq) render(seq, "topics");
        }
      });
      box.append(det);
    }
    const years = [...new Set([...counts.year.keys(), ...state.sel.year])].sort((a, b) => (b || -1) - (a || -1));
    group("year", text("year"), years, (y) => (y ? String(y) : text("undated")));
    if (state.sel.kind.size + state.sel.topic.size + state.sel.year.size) {
      box.append(el("button", { type: "button", class: "facet-clear", onclick: () => { state.sel = newSel(); state.limit = PAGE; writeURL(true); render(state.seq); } }, text("clear")));
    }
    return box;
  }

  // Arrow keys move between result links; Escape goes back to the field.
  function listKeys(e) {
    const links = [...body.querySelectorAll(".search-results a")];
    const i = links.indexOf(document.activeElement);
    if (e.key === "ArrowDown" && i >= 0 && i + 1 < links.length) { links[i + 1].focus(); e.preventDefault(); }
    else if (e.key === "ArrowUp" && i > 0) { links[i - 1].focus(); e.preventDefault(); }
    else if (e.key === "ArrowUp" && i === 0) { input.focus(); e.preventDefault(); }
    else if (e.key === "Escape") { input.focus(); e.preventDefault(); }
  }

  function setQuery(q) {
    input.value = q;
    state.query = q;
    state.sel = newSel();
    state.limit = PAGE;
    writeURL(true);
    run(q);
  }

  // writeURL puts the query, the filters and the number of result pages
  // shown into the address: a new history entry with push (a filter, more
  // results, a search sent), else in place (typing).
  function writeURL(push) {
    const url = new URL(location.href);
    for (const k of ["q", "kind", "topic", "year", "page"]) url.searchParams.delete(k);
    if (state.query.trim()) {
      url.searchParams.set("q", state.query);
      for (const k of state.sel.kind) url.searchParams.append("kind", k);
      for (const t of state.sel.topic) url.searchParams.append("topic", searcher.m.topics[t]);
      for (const y of state.sel.year) url.searchParams.append("year", String(y || 0));
      if (state.limit > PAGE) url.searchParams.set("page", String(Math.ceil(state.limit / PAGE)));
    }
    if (url.href === location.href) return;
    if (push) history.pushState(null, "", url);
    else history.replaceState(null, "", url);
  }

  // readURL runs what the address holds.
  function readURL() {
    const p = new URLSearchParams(location.search);
    const q = p.get("q") || "";
    input.value = q;
    const page = Math.min(Math.max(parseInt(p.get("page") || "1", 10) || 1, 1), 1000);
    run(q, { kind: p.getAll("kind"), topic: p.getAll("topic"), year: p.getAll("year").map(Number), page });
  }

  // carryQuery gives the language switcher's links to the other search
  // pages the query, which means the same in every language (the
  // filters' topics do not).
  function carryQuery(q) {
    for (const a of document.querySelectorAll(".lang-switch a[hreflang]")) {
      const url = new URL(a.href, location.href);
      if (q.trim()) url.searchParams.set("q", q); else url.searchParams.delete("q");
      a.setAttribute("href", url.pathname + url.search + url.hash);
    }
  }

  let timer = 0;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      state.query = input.value;
      state.sel = newSel();
      state.limit = PAGE;
      writeURL(false);
      run(input.value);
    }, 120);
  });
  window.addEventListener("popstate", readURL);
  input.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown") {
      const first = body.querySelector(".search-results a");
      if (first) { first.focus(); e.preventDefault(); }
    }
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    clearTimeout(timer);
    setQuery(input.value);
  });

  readURL();
  // For tests and the benchmark: run a query and resolve once rendered.
  // passages() resolves once the passages of the results in view at first
  // are shown, loaded() once all those asked for so far are.
  root.hubgenSearch = { run, searcher, passages: () => state.passages, loaded: () => Promise.all(state.loads || []) };
}
