// The newsdex page: a search box, results with highlights, facets, a timeline, an article view,
// a concordance and the saved searches, all from the JSON routes of `newsdex serve`.
//
// Article text only ever enters the page as text nodes (textContent, createTextNode): never as
// markup. Highlights are <mark> elements built around text nodes from the ranges the JSON gives.
"use strict";

const PAGE = 10;
const $ = (id) => document.getElementById(id);

// --- building the page without markup ------------------------------------------------------

/** An element with attributes and children (strings become text nodes). */
function el(tag, attrs, children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of [].concat(children === undefined ? [] : children)) {
    if (child === null || child === undefined) continue;
    node.append(typeof child === "string" || typeof child === "number" ? document.createTextNode(String(child)) : child);
  }
  return node;
}

function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}

/** UTF-16 ranges from ranges in Unicode characters (search hits: char_start, char_end). */
function charRanges(text, ranges) {
  const starts = [0];
  for (const c of text) starts.push(starts[starts.length - 1] + c.length);
  const at = (i) => starts[Math.min(i, starts.length - 1)];
  return ranges.map(([s, e]) => [at(s), at(e)]);
}

/** UTF-16 ranges from ranges in UTF-8 bytes (article and concordance spans). */
function byteRanges(text, ranges) {
  const index = new Map();
  let bytes = 0;
  let units = 0;
  index.set(0, 0);
  for (const c of text) {
    const cp = c.codePointAt(0);
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    units += c.length;
    index.set(bytes, units);
  }
  const at = (b) => (index.has(b) ? index.get(b) : units);
  return ranges.map(([s, e]) => [at(s), at(e)]);
}

/** Text with the given UTF-16 ranges wrapped in <mark>, as a list of nodes. */
function marked(text, ranges) {
  const sorted = ranges.filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0]);
  const nodes = [];
  let at = 0;
  for (const [s, e] of sorted) {
    if (s < at) continue;
    if (s > at) nodes.push(document.createTextNode(text.slice(at, s)));
    nodes.push(el("mark", {}, text.slice(s, e)));
    at = e;
  }
  if (at < text.length) nodes.push(document.createTextNode(text.slice(at)));
  return nodes;
}

// --- talking to the server ------------------------------------------------------------------

function api(path, params) {
  const query = new URLSearchParams();
  for (const [name, value] of params || []) {
    if (value !== "" && value !== null && value !== undefined) query.append(name, value);
  }
  const url = query.toString() ? `${path}?${query}` : path;
  return fetch(url, { headers: { Accept: "application/json" } }).then(async (response) => {
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      const error = new Error((body && body.error && body.error.message) || `HTTP ${response.status}`);
      error.position = body && body.error ? body.error.position : null;
      error.status = response.status;
      throw error;
    }
    return body;
  });
}

// --- state in the URL -----------------------------------------------------------------------

const state = { q: "", sort: "score", article: null, view: "results", term: "" };

function readUrl() {
  const params = new URLSearchParams(location.search);
  state.q = params.get("q") || "";
  state.sort = params.get("sort") || "score";
  state.article = params.get("a");
  state.view = params.get("view") || "results";
  state.term = params.get("t") || "";
}

function writeUrl(push) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  if (state.sort !== "score") params.set("sort", state.sort);
  if (state.view !== "results") params.set("view", state.view);
  if (state.view === "kwic" && state.term) params.set("t", state.term);
  if (state.article) params.set("a", state.article);
  const url = params.toString() ? `/?${params}` : "/";
  if (url === location.pathname + location.search) return;
  if (push) history.pushState(null, "", url);
  else history.replaceState(null, "", url);
}

function articleHref(id) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  params.set("a", id);
  return `/?${params}`;
}

// --- searching ------------------------------------------------------------------------------

let shown = 0;
let searchToken = 0;
let facetsReady = false;

function search(push) {
  state.view = "results";
  writeUrl(push);
  showView();
  const query = state.q.trim();
  document.title = query ? `${query} · newsdex` : "newsdex";
  clear($("results"));
  $("more").hidden = true;
  shown = 0;
  facetsReady = false;
  $("facets").hidden = true;
  if (!query) {
    $("status").textContent = "Type a query and press Enter.";
    $("facets").hidden = true;
    $("chart").hidden = true;
    return;
  }
  const token = ++searchToken;
  $("status").textContent = "Searching…";
  page(token, 0);
  facets(token, query);
}

function page(token, offset) {
  api("/api/search", [["q", state.q], ["n", PAGE], ["offset", offset], ["sort", state.sort === "score" ? "" : state.sort]])
    .then((found) => {
      if (token !== searchToken) return;
      const list = $("results");
      found.results.forEach((hit) => list.append(hitItem(hit)));
      shown += found.results.length;
      $("status").textContent = shown
        ? `${found.total_hits} matching passages (${found.total_all_words} with every word) · searched: ${found.executed_query}`
        : `No passage matches · searched: ${found.executed_query}`;
      $("more").hidden = found.results.length < PAGE;
    })
    .catch((error) => {
      if (token !== searchToken) return;
      failed($("status"), error);
    });
}

function failed(where, error) {
  clear(where);
  where.append(el("span", { class: "error" }, error.message));
  if (error.position) {
    const input = $("q");
    where.append(` (characters ${error.position.start}–${error.position.end - 1})`);
    input.focus();
    input.setSelectionRange(error.position.start - 1, error.position.end - 1);
  }
}

function hitItem(hit) {
  const title = el("a", { href: articleHref(hit.article_id), class: "title" }, hit.title || hit.article_id);
  title.addEventListener("click", (event) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    openArticle(hit.article_id, true);
  });
  const meta = el("p", { class: "meta" }, [
    [hit.source, hit.date && hit.date.slice(0, 10), hit.byline].filter(Boolean).join(" · "),
    " ",
    el("code", { class: "id" }, `${hit.article_id} ¶${hit.passage}`),
  ]);
  if (hit.matching_passages > 1) meta.append(` · ${hit.matching_passages} matching passages`);
  const ranges = charRanges(hit.text, hit.highlights.map((h) => [h.char_start, h.char_end]));
  const item = el("li", { class: "hit" }, [el("h3", {}, title), meta, el("p", { class: "passage" }, marked(hit.text, ranges))]);
  if (hit.versions && hit.versions.length) item.append(versionsOf(hit));
  return item;
}

function versionsOf(hit) {
  const copies = hit.copies ? ` (${hit.copies} exact ${hit.copies === 1 ? "copy" : "copies"})` : "";
  const list = el("ul", {}, hit.versions.map((v) => {
    const link = el("a", { href: articleHref(v.article_id) }, [v.source || v.article_id, v.date ? ` · ${v.date.slice(0, 10)}` : ""]);
    link.addEventListener("click", (event) => {
      event.preventDefault();
      openArticle(v.article_id, true);
    });
    return el("li", {}, link);
  }));
  const n = hit.versions.length;
  return el("details", { class: "versions" }, [el("summary", {}, `+${n} version${n === 1 ? "" : "s"}${copies}`), list]);
}

// --- facets and the timeline ----------------------------------------------------------------

function facets(token, query) {
  const reading = [["q", query]];
  Promise.all([
    api("/api/count", reading.concat([["by", "source"]])),
    api("/api/timeline", reading.concat([["by", "year"]])),
    api("/api/timeline", reading.concat([["by", "month"]])),
  ])
    .then(([count, years, months]) => {
      if (token !== searchToken) return;
      const sources = (count.by_source || []).filter((s) => s.source && !s.source.includes('"'));
      sources.sort((a, b) => b.articles - a.articles || a.source.localeCompare(b.source));
      fillFacet($("facet-sources"), sources.map((s) => [s.source, s.articles, `source:"${s.source}"`]));
      const periods = (timeline) => timeline.series[0].counts.filter((c) => c.articles > 0);
      fillFacet($("facet-years"), periods(years).map((c) => [c.period, c.articles, `date:${c.period}`]));
      fillFacet($("facet-months"), periods(months).map((c) => [c.period, c.articles, `date:${c.period}`]));
      facetsReady = count.articles > 0;
      $("facets").hidden = !facetsReady;
      chart(months.series[0].counts.length > 48 ? years : months, query);
    })
    .catch(() => {
      $("facets").hidden = true;
      $("chart").hidden = true;
    });
}

/** Whether the query holds the filter as a term of its own. */
function hasFilter(query, filter) {
  return query.split(/\s+(?=(?:[^"]*"[^"]*")*[^"]*$)/).includes(filter);
}

function toggleFilter(filter) {
  const query = state.q.trim();
  if (hasFilter(query, filter)) {
    state.q = query.split(/\s+(?=(?:[^"]*"[^"]*")*[^"]*$)/).filter((t) => t !== filter).join(" ");
  } else {
    state.q = `${query} ${filter}`;
  }
  $("q").value = state.q;
  search(true);
}

function fillFacet(list, entries) {
  clear(list);
  for (const [label, articles, filter] of entries) {
    const on = hasFilter(state.q.trim(), filter);
    const button = el("button", { type: "button", "aria-pressed": on ? "true" : "false", title: on ? `Remove ${filter}` : `Add ${filter}` }, [
      el("span", { class: "label" }, label),
      el("span", { class: "n" }, articles),
    ]);
    button.addEventListener("click", () => toggleFilter(filter));
    list.append(el("li", {}, button));
  }
  list.closest("section").hidden = entries.length === 0;
}

function chart(timeline, query) {
  const bars = $("chart-bars");
  clear(bars);
  const counts = timeline.series[0].counts;
  if (!counts.length) {
    $("chart").hidden = true;
    return;
  }
  const max = Math.max(1, ...counts.map((c) => c.articles));
  for (const c of counts) {
    const bar = el("span", { class: "bar" });
    bar.style.height = `${(100 * c.articles) / max}%`;
    const button = el("button", { type: "button", role: "listitem", title: `${c.period}: ${c.articles} articles`, "aria-label": `${c.period}: ${c.articles} articles` }, bar);
    button.addEventListener("click", () => toggleFilter(`date:${c.period}`));
    bars.append(button);
  }
  const axis = $("chart-axis");
  clear(axis);
  const labels = counts.length > 2 ? [0, Math.floor((counts.length - 1) / 2), counts.length - 1] : counts.map((_, i) => i);
  for (const i of labels) axis.append(el("span", {}, counts[i].period));
  const undated = timeline.series[0].undated;
  $("chart-caption").textContent = `Articles per ${timeline.by}, ${counts[0].period} to ${counts[counts.length - 1].period}` + (undated ? ` (${undated} undated)` : "");
  $("chart-svg").setAttribute("href", `/api/timeline.svg?${new URLSearchParams([["q", query], ["by", timeline.by]])}`);
  $("chart").hidden = false;
}

// --- the article view -----------------------------------------------------------------------

let opener = null;

function openArticle(id, push) {
  state.article = id;
  writeUrl(push);
  opener = document.activeElement;
  const view = $("article-view");
  const title = $("article-title");
  clear(title);
  clear($("article-meta"));
  clear($("article-body"));
  $("article-versions").hidden = true;
  title.textContent = "Loading…";
  view.hidden = false;
  view.querySelector("article").focus();
  api(`/api/article/${encodeURIComponent(id)}`, [["highlight", state.q]])
    .then((article) => {
      if (state.article !== id) return;
      showArticle(article);
    })
    .catch((error) => {
      title.textContent = error.status === 404 ? "No such article" : "The article could not be read";
      $("article-meta").textContent = error.message;
    });
}

function showArticle(article) {
  $("article-title").textContent = article.title || article.id;
  document.title = `${article.title || article.id} · newsdex`;
  const meta = $("article-meta");
  meta.append([article.byline, article.source, article.date].filter(Boolean).join(" · "), " ", el("code", { class: "id" }, article.id));
  if (article.url && /^https?:\/\//i.test(article.url)) {
    meta.append(" · ", el("a", { href: article.url, rel: "noopener noreferrer", target: "_blank" }, "original"));
  }
  const body = $("article-body");
  const ranges = byteRanges(article.body, (article.highlights || []).map((h) => [h.start, h.end]));
  let at = 0;
  for (const paragraph of article.body.split("\n\n")) {
    const start = at;
    const end = start + paragraph.length;
    const inside = ranges.filter(([s, e]) => s >= start && e <= end).map(([s, e]) => [s - start, e - start]);
    body.append(el("p", {}, marked(paragraph, inside)));
    at = end + 2;
  }
  const versions = $("article-versions");
  const list = versions.querySelector("ul");
  clear(list);
  for (const v of article.versions || []) {
    const link = el("a", { href: articleHref(v.article_id) }, v.title || v.article_id);
    link.addEventListener("click", (event) => {
      event.preventDefault();
      openArticle(v.article_id, true);
    });
    list.append(el("li", {}, [link, " ", el("span", { class: "meta" }, [v.source, v.date].filter(Boolean).join(" · "))]));
  }
  versions.hidden = !(article.versions && article.versions.length);
}

function closeArticle(push) {
  if ($("article-view").hidden) return;
  $("article-view").hidden = true;
  state.article = null;
  document.title = state.q ? `${state.q} · newsdex` : "newsdex";
  writeUrl(push);
  if (opener && document.contains(opener)) opener.focus();
}

// --- concordance ----------------------------------------------------------------------------

function concordance(push) {
  state.view = "kwic";
  writeUrl(push);
  showView();
  const term = state.term.trim();
  const table = $("kwic").querySelector("tbody");
  clear(table);
  if (!term) {
    $("kwic-status").textContent = "Type a term: every occurrence is shown in its context.";
    return;
  }
  $("kwic-status").textContent = "Reading…";
  api("/api/kwic", [["q", term], ["n", 500], ["width", 40]])
    .then((found) => {
      $("kwic-status").textContent = `${found.occurrences} occurrences in ${found.passages} passages of ${found.articles} articles` +
        (found.lines.length < found.occurrences ? ` (first ${found.lines.length} shown)` : "") + ` · searched: ${found.executed_query}`;
      for (const line of found.lines) {
        const link = el("a", { href: articleHref(line.article_id) }, line.date ? line.date.slice(0, 10) : "undated");
        link.addEventListener("click", (event) => {
          event.preventDefault();
          openArticle(line.article_id, true);
        });
        table.append(el("tr", {}, [
          el("td", { class: "where" }, link),
          el("td", { class: "left" }, line.left),
          el("td", { class: "key" }, el("mark", {}, line.keyword)),
          el("td", { class: "right" }, line.right),
        ]));
      }
    })
    .catch((error) => failed($("kwic-status"), error));
}

// --- saved searches -------------------------------------------------------------------------

function saved(push) {
  state.view = "saved";
  writeUrl(push);
  showView();
  const box = $("saved");
  clear(box);
  box.append(el("p", { class: "status" }, "Reading…"));
  api("/api/watch")
    .then((report) => {
      clear(box);
      if (!report.watches.length) {
        box.append(el("p", {}, "No saved searches yet."));
        return;
      }
      for (const watch of report.watches) {
        const run = el("a", { href: `/?q=${encodeURIComponent(watch.query)}` }, watch.query);
        const items = watch.new.map((a) => {
          const link = el("a", { href: articleHref(a.article_id) }, a.title || a.article_id);
          link.addEventListener("click", (event) => {
            event.preventDefault();
            openArticle(a.article_id, true);
          });
          return el("li", {}, [link, " ", el("span", { class: "meta" }, [a.source, a.date].filter(Boolean).join(" · "))]);
        });
        box.append(el("section", { class: "watch" }, [
          el("h3", {}, [watch.name, " ", el("span", { class: "n" }, `${watch.new.length} new`)]),
          el("p", { class: "meta" }, [
            "query: ", run,
            [watch.since && ` since ${watch.since}`, watch.until && ` until ${watch.until}`, watch.exact && " (exact)", watch.no_expand && " (not expanded)"].filter(Boolean).join(""),
            ` · ${watch.matching} matching articles` + (watch.checked ? ` · last checked ${watch.checked}` : " · never checked"),
          ]),
          items.length ? el("ul", {}, items) : el("p", { class: "meta" }, "Nothing new."),
        ]));
      }
    })
    .catch((error) => {
      clear(box);
      box.append(el("p", { class: "error" }, error.message));
    });
}

// --- views, keys, start ---------------------------------------------------------------------

function showView() {
  for (const [name, section, tab] of [["results", "results-view", "show-results"], ["kwic", "kwic-view", "show-kwic"], ["saved", "saved-view", "show-saved"]]) {
    $(section).hidden = state.view !== name;
    $(tab).setAttribute("aria-pressed", state.view === name ? "true" : "false");
  }
  $("facets").hidden = state.view !== "results" || !facetsReady;
}

function render(push) {
  $("q").value = state.q;
  $("sort").value = state.sort;
  if (state.view === "kwic") {
    $("kwic-term").value = state.term || state.q;
    state.term = $("kwic-term").value;
    concordance(push);
  } else if (state.view === "saved") {
    saved(push);
  } else {
    search(push);
  }
  if (state.article) openArticle(state.article, false);
  else closeArticle(false);
}

function moveFocus(step) {
  const links = [...document.querySelectorAll("#results .hit a.title")];
  if (!links.length) return;
  const now = links.indexOf(document.activeElement);
  const next = now < 0 ? (step > 0 ? 0 : links.length - 1) : Math.max(0, Math.min(links.length - 1, now + step));
  links[next].focus();
  links[next].closest("li").scrollIntoView({ block: "nearest" });
}

document.addEventListener("DOMContentLoaded", () => {
  $("search").addEventListener("submit", (event) => {
    event.preventDefault();
    state.q = $("q").value;
    state.sort = $("sort").value;
    state.article = null;
    closeArticle(false);
    search(true);
  });
  $("sort").addEventListener("change", () => {
    state.sort = $("sort").value;
    if (state.q.trim()) search(true);
  });
  $("more").addEventListener("click", () => page(searchToken, shown));
  $("article-close").addEventListener("click", () => closeArticle(true));
  $("article-view").addEventListener("click", (event) => {
    if (event.target === $("article-view")) closeArticle(true);
  });
  $("show-results").addEventListener("click", () => search(true));
  $("show-kwic").addEventListener("click", () => {
    if (!$("kwic-term").value) $("kwic-term").value = state.q;
    state.term = $("kwic-term").value;
    concordance(true);
  });
  $("show-saved").addEventListener("click", () => saved(true));
  $("kwic-form").addEventListener("submit", (event) => {
    event.preventDefault();
    state.term = $("kwic-term").value;
    concordance(true);
  });
  document.addEventListener("keydown", (event) => {
    const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
    if (event.key === "Escape") {
      if (!$("article-view").hidden) {
        closeArticle(true);
      } else if (typing) {
        // Leave the box as it is (a search box would clear itself).
        event.preventDefault();
        document.activeElement.blur();
      }
    } else if (typing || event.metaKey || event.ctrlKey || event.altKey) {
      return;
    } else if (event.key === "/") {
      event.preventDefault();
      $("q").focus();
      $("q").select();
    } else if ((event.key === "j" || event.key === "k") && $("article-view").hidden) {
      event.preventDefault();
      moveFocus(event.key === "j" ? 1 : -1);
    }
  });
  window.addEventListener("popstate", () => {
    readUrl();
    render(false);
  });
  readUrl();
  render(false);
  if (!state.q && !state.article) $("q").focus();
});
