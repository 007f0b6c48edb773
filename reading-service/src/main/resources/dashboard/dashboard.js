// The release-watch dashboard: loads the watched releases over HTTP, then follows
// /v1/dashboard/stream (server-sent events) so the page changes without a reload.
// Plain DOM code on purpose: the page must work with no build step and no CDN.
"use strict";

(function () {
  const PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00"];
  const MAX_SERIES = 4;
  const MAX_QUOTES = 6;
  // a stream that says nothing for this long (heartbeats included) is treated as dropped: three of the
  // service's heartbeats, which its connected event says (reading.heartbeat-interval), and at least 35 s
  const MIN_SILENCE_MS = 35000;
  const FETCH_TIMEOUT_MS = 15000;
  // how long a release the stream brought is kept though a list asked after it does not hold it yet: the
  // stream is written as a watch is made, the table the list reads catches up a moment later
  const STREAM_AHEAD_MS = 30000;

  const state = {
    releases: new Map(), // releaseId -> summary
    selected: null,
    watch: null,
    chartDrawnWidth: 0,
    reading: null,
    weeklyProduct: null,
    source: null,
    lastEventAt: 0,
    silenceMs: MIN_SILENCE_MS,
    retryMs: 1000,
    retryTimer: null,
    withdrawnAt: new Map(), // releaseId -> when the stream said its watch was withdrawn
    updatedAt: null,
    loadTimer: null,
    weeklyTimer: null,
    pickTimer: null,
    listFailures: 0,
  };

  const $ = (id) => document.getElementById(id);

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v;
      else node.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children) if (c !== null && c !== undefined) node.append(c);
    return node;
  }

  function svg(tag, attrs, ...children) {
    const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "text") node.textContent = v;
      else node.setAttribute(k, v);
    }
    for (const c of children) if (c) node.append(c);
    return node;
  }

  async function getJson(path) {
    // bounded: a request that never answers (a laptop waking on a dead socket) would hold loadAll's one run
    // for good, and every later reload only asked for another
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), FETCH_TIMEOUT_MS);
    try {
      const res = await fetch(path, { headers: { Accept: "application/json" }, cache: "no-store", signal: abort.signal });
      if (res.status === 404) return null;
      if (!res.ok) {
        let detail = res.statusText;
        try { detail = (await res.json()).detail || detail; } catch (e) { /* not a problem document */ }
        throw new Error(path + ": " + detail);
      }
      return await res.json();
    } catch (e) {
      if (e.name === "AbortError") throw new Error(path + ": no answer within " + FETCH_TIMEOUT_MS / 1000 + " s");
      throw e;
    } finally {
      clearTimeout(timer);
    }
  }

  // ---- time ------------------------------------------------------------------------------

  function hoursSince(iso) {
    return Math.max(0, (Date.now() - Date.parse(iso)) / 3600000);
  }

  function hoursBetween(fromIso, toIso) {
    return Math.max(0, (Date.parse(toIso) - Date.parse(fromIso)) / 3600000);
  }

  function age(hours) {
    if (hours < 1) return Math.round(hours * 60) + " min";
    if (hours < 48) return Math.floor(hours) + " h";
    const d = Math.floor(hours / 24);
    const h = Math.floor(hours - d * 24);
    return d + " d" + (h ? " " + h + " h" : "");
  }

  function plural(n, word) {
    return n + " " + word + (n === 1 ? "" : "s");
  }

  function clock(date) {
    // the zone named: the readings beside these say their times in UTC
    return date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit", timeZoneName: "short" });
  }

  /** A time, with its date when that is not today. */
  function asOf(date) {
    return date.toDateString() === new Date().toDateString() ? clock(date) : date.toLocaleString([], { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", timeZoneName: "short" });
  }

  function dateTime(iso) {
    return new Date(iso).toLocaleString([], { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short" });
  }

  function markUpdated() {
    state.updatedAt = new Date();
    $("updated").textContent = "· updated " + clock(state.updatedAt);
  }

  // ---- connection ------------------------------------------------------------------------

  function setConnection(kind, text) {
    const p = $("connection");
    if (p.dataset.state === kind && $("connection-text").textContent === text) return;
    p.dataset.state = kind;
    $("connection-text").textContent = text;
  }

  function connect() {
    // one connection at a time: the watchdog and a retry already waiting would otherwise both open one
    clearTimeout(state.retryTimer);
    if (state.source) state.source.close();
    const source = new EventSource("/v1/dashboard/stream");
    state.source = source;
    state.lastEventAt = Date.now();
    source.addEventListener("connected", (e) => {
      state.lastEventAt = Date.now();
      try {
        const every = JSON.parse(e.data).heartbeatMs;
        state.silenceMs = Math.max(MIN_SILENCE_MS, 3 * (Number(every) || 0));
      } catch (err) { /* an older service says no interval: the default stands */ }
      state.retryMs = 1000;
      setConnection("live", "Live");
      // anything may have changed while we were away: load it all again, the weekly reading too (one sent
      // while away came by no event this page saw)
      loadAll();
      if (state.weeklyProduct) loadWeekly(state.weeklyProduct);
    });
    source.addEventListener("heartbeat", () => { state.lastEventAt = Date.now(); });
    source.addEventListener("watch", (e) => {
      state.lastEventAt = Date.now();
      onWatch(JSON.parse(e.data));
    });
    source.addEventListener("withdrawn", (e) => {
      state.lastEventAt = Date.now();
      onWithdrawn(JSON.parse(e.data).releaseId);
    });
    source.addEventListener("reset", () => {
      // the service missed changes while it followed the topic again: what the page shows is asked for again
      state.lastEventAt = Date.now();
      loadAll();
    });
    source.addEventListener("weekly", (e) => {
      state.lastEventAt = Date.now();
      const reading = JSON.parse(e.data);
      if (reading.product === state.weeklyProduct) loadWeekly(reading.product);
    });
    source.onerror = () => {
      // one message for the whole outage, whichever way it shows (this, or the watchdog's silence)
      setConnection("down", "Connection lost; reconnecting…");
      if (source.readyState === EventSource.CLOSED) retryLater();
    };
  }

  function retryLater() {
    const wait = state.retryMs;
    state.retryMs = Math.min(state.retryMs * 2, 15000);
    clearTimeout(state.retryTimer);
    state.retryTimer = setTimeout(connect, wait);
  }

  function watchdog() {
    if (state.source && Date.now() - state.lastEventAt > state.silenceMs) {
      setConnection("down", "Connection lost; reconnecting…");
      connect();
    }
  }

  // ---- data ------------------------------------------------------------------------------

  async function loadAll() {
    clearTimeout(state.loadTimer);
    if (state.loading) {
      // one at a time, but not dropped: one asked while a load runs (the stream's "connected", a "reset")
      // may know of changes the running one read before; it runs once more when that one ends
      state.loadAgain = true;
      return;
    }
    state.loading = true;
    const asked = Date.now();
    state.listAskedAt = asked;
    try {
      const list = await getJson("/v1/releases");
      const before = state.releases;
      // a snapshot the stream brought while the list was on its way is newer than the list's entry, and a
      // release whose first snapshot came meanwhile is not in the list at all
      state.releases = new Map((list || []).map((r) => {
        const streamed = before.get(r.releaseId);
        return [r.releaseId, streamed && Date.parse(streamed.updatedAt) > Date.parse(r.updatedAt) ? streamed : r];
      }));
      // (or a moment before it: the stream can bring a snapshot before the service's table answers with it)
      for (const [id, r] of before) {
        if (!state.releases.has(id) && r.streamedAt >= asked - STREAM_AHEAD_MS) state.releases.set(id, r);
      }
      // and one withdrawn while the list was on its way may still be in it
      for (const [id, at] of state.withdrawnAt) {
        if (at >= asked) state.releases.delete(id);
      }
      state.listLoadedAt = Date.now();
      state.listFailures = 0;
      if (!state.selected || !state.releases.has(state.selected)) {
        // an address that names a release picks it even when the list does not hold it (closed long ago,
        // or not watched yet): its own answer says which
        const fromHash = selectedFromHash();
        state.selected = fromHash || (list && list.length ? list[0].releaseId : null);
      }
      renderList();
      try {
        await loadSelected();
      } catch (e) {
        // the list loaded: the release's own failure is said in its panel, and asked again as a pick is
        failedToLoad(state.selected, e, 0);
      }
      markUpdated();
      if (state.source && state.source.readyState === EventSource.OPEN) setConnection("live", "Live");
    } catch (e) {
      // while the stream is down, its one message stands and its "connected" loads all again: a retry every 3 s
      // with a message of its own made a screen reader announce the two in turn for as long as the outage lasted
      // and with a growing wait: every page left open asking each 3 s would meet a service coming back
      const failures = ++state.listFailures;
      if (state.source && state.source.readyState === EventSource.OPEN) {
        setConnection("down", "Could not load the releases (" + e.message + "); retrying");
        state.loadTimer = setTimeout(loadAll, Math.min(3000 * 2 ** (failures - 1), 60000));
      } else {
        state.loadTimer = setTimeout(loadAll, Math.min(10000 * 2 ** (failures - 1), 60000)); // quietly: the stream's own message stands
      }
    } finally {
      state.loading = false;
      if (state.loadAgain) {
        state.loadAgain = false;
        loadAll();
      }
    }
  }

  async function loadSelected() {
    if (!state.selected) {
      renderNothingSelected();
      return;
    }
    const selected = state.selected;
    const id = encodeURIComponent(selected);
    const asked = Date.now();
    const [watch, reading] = await Promise.all([getJson("/v1/releases/" + id + "/watch"), getJson("/v1/releases/" + id + "/reading")]);
    // the user may have picked another release meanwhile, or the stream brought a newer snapshot
    if (selected !== state.selected) return;
    const withdrawnAt = state.withdrawnAt.get(selected);
    if (withdrawnAt !== undefined && (withdrawnAt >= asked || !watch)) {
      // withdrawn while the answer was on its way, or before: the stream's word stands, not a stale answer's
      state.watch = null;
      renderNothingSelected(withdrawnText(selected), selected);
      return;
    }
    if (!watch) {
      // the stream may be a moment ahead of what the service answers: a snapshot it brought is kept, while the
      // list (or the stream since the list) still holds its release. One the list no longer holds was withdrawn
      // while the stream was away, and its snapshot must not go on looking live
      if (state.watch && state.watch.releaseId === selected) {
        if (state.releases.has(selected)) return;
        state.watch = null;
        renderNothingSelected(withdrawnText(selected), selected);
        return;
      }
      state.watch = null;
      renderNothingSelected("No watch for " + selected + " yet: it is unknown, or its first snapshot is still being made.", selected);
      return;
    }
    if (state.watch && state.watch.releaseId === watch.releaseId && Date.parse(state.watch.updatedAt) > Date.parse(watch.updatedAt)) return;
    state.watch = watch;
    state.reading = reading;
    renderWatch();
    if (state.weeklyProduct !== watch.product) loadWeekly(watch.product);
  }

  async function loadWeekly(product, attempt = 0) {
    clearTimeout(state.weeklyTimer);
    state.weeklyProduct = product;
    state.weeklyLoadedAt = Date.now();
    const heading = "Weekly reading: " + product;
    if ($("weekly-heading").textContent !== heading) {
      // another product's lines must not stand under this one's name while its reading is on its way
      renderWeekly(null);
      $("weekly-empty").textContent = "Loading the weekly reading of " + product + "…";
    }
    $("weekly-heading").textContent = heading;
    try {
      const weekly = await getJson("/v1/products/" + encodeURIComponent(product) + "/readings/weekly");
      if (product === state.weeklyProduct) renderWeekly(weekly);
    } catch (e) {
      if (product !== state.weeklyProduct) return;
      // a 503 while the service loads or rebalances says to retry in seconds: asked again with a growing wait,
      // not left failed until the hourly reload
      renderWeekly(null, e.message + "; trying again");
      state.weeklyTimer = setTimeout(() => { if (product === state.weeklyProduct) loadWeekly(product, attempt + 1); },
        Math.min(2000 * 2 ** attempt, 60000));
    }
  }

  function onWatch(payload) {
    const w = payload.watch;
    // the list and the page may hold a newer snapshot, loaded over HTTP, than one the stream brings late
    const held = state.releases.get(w.releaseId);
    if (held && held.updatedAt && Date.parse(held.updatedAt) > Date.parse(w.updatedAt)) return;
    const shown = state.watch && state.watch.releaseId === w.releaseId ? state.watch : null;
    if (shown && Date.parse(shown.updatedAt) > Date.parse(w.updatedAt)) return;
    state.withdrawnAt.delete(w.releaseId);
    state.releases.set(w.releaseId, {
      releaseId: w.releaseId, product: w.product, version: w.version, releasedAt: w.releasedAt, watchEndsAt: w.watchEndsAt,
      closed: w.closed, verdict: w.verdict, tickets: w.tickets, updatedAt: w.updatedAt, streamedAt: Date.now(),
    });
    if (!state.selected) state.selected = w.releaseId;
    renderList();
    if (w.releaseId === state.selected) {
      state.watch = w;
      state.reading = payload.reading;
      renderWatch();
      if (state.weeklyProduct !== w.product) loadWeekly(w.product);
    }
    markUpdated();
  }

  /** A watch taken back: its release was deleted, or sent again without its support handoff. */
  function onWithdrawn(releaseId) {
    state.releases.delete(releaseId);
    state.withdrawnAt.set(releaseId, Date.now());
    renderList();
    if (releaseId === state.selected) {
      state.watch = null;
      renderNothingSelected(withdrawnText(releaseId), releaseId);
    }
    markUpdated();
  }

  function withdrawnText(releaseId) {
    return "The watch of " + releaseId + " was withdrawn: its release was deleted or sent again without its support handoff.";
  }

  function selectedFromHash() {
    const m = /release=([^&]+)/.exec(location.hash);
    try {
      return m ? decodeURIComponent(m[1]) : null;
    } catch (e) {
      return null; // a mangled address picks nothing rather than stopping the page
    }
  }

  // ---- rendering ---------------------------------------------------------------------------

  function sortedReleases() {
    return [...state.releases.values()].sort((a, b) =>
      (a.closed - b.closed) || (Date.parse(b.releasedAt) - Date.parse(a.releasedAt)) || a.releaseId.localeCompare(b.releaseId));
  }

  /** A release registered ahead of its time: "ships in 5 days", not "0 min since release". */
  function notYetReleased(r) {
    return !r.closed && Date.parse(r.releasedAt) > Date.now();
  }

  function shipsIn(r) {
    return "ships in " + age((Date.parse(r.releasedAt) - Date.now()) / 3600000);
  }

  function ageLine(r) {
    if (notYetReleased(r)) return shipsIn(r);
    return r.closed ? "closed · released " + age(hoursSince(r.releasedAt)) + " ago" : age(hoursSince(r.releasedAt)) + " since release";
  }

  function renderList() {
    const ul = $("release-list");
    // updated in place: rebuilt on every snapshot, the focused link was replaced and focused again, and a
    // screen reader announced it again each time (a burst of snapshots after the classifier restarts)
    const existing = new Map([...ul.children].map((li) => [li.dataset.release, li]));
    const items = sortedReleases().map((r) => {
      let li = existing.get(r.releaseId);
      if (!li) {
        li = el("li", { "data-release": r.releaseId },
          el("a", { href: "#release=" + encodeURIComponent(r.releaseId) },
            el("span", { class: "name" }), el("span", { class: "age" }), el("span", { class: "line" })));
      }
      const a = li.querySelector("a");
      if (r.releaseId === state.selected) {
        if (a.getAttribute("aria-current") !== "page") a.setAttribute("aria-current", "page");
      } else if (a.hasAttribute("aria-current")) {
        a.removeAttribute("aria-current");
      }
      setText(li.querySelector(".name"), r.product + " " + r.version);
      setText(li.querySelector(".age"), ageLine(r));
      setText(li.querySelector(".line"), notYetReleased(r) ? "the watch starts at the release" : r.verdict || "no verdict yet");
      return li;
    });
    const sameOrder = items.length === ul.children.length && items.every((li, i) => ul.children[i] === li);
    if (!sameOrder) {
      // moved only when the order changed; the focus stays on the release it was on
      const focused = document.activeElement && document.activeElement.closest && document.activeElement.closest("li[data-release]");
      const focusedRelease = focused && ul.contains(focused) ? focused.dataset.release : null;
      ul.replaceChildren(...items);
      if (focusedRelease) {
        const again = items.find((li) => li.dataset.release === focusedRelease);
        // without scrolling: a reader further down the page stays where they are
        if (again && document.activeElement !== again.querySelector("a")) again.querySelector("a").focus({ preventScroll: true });
      }
    }
    $("release-list-empty").hidden = items.length > 0;
  }

  /** Changes a node's text only when it differs: an unchanged text is no change for a screen reader to hear. */
  function setText(node, text) {
    if (node.textContent !== text) node.textContent = text;
  }

  function renderNothingSelected(why, releaseId) {
    $("release-empty").hidden = false;
    $("release-empty").textContent = why || (state.releases.size ? "Pick a release in the list."
      : "No release to show: none is being watched yet.");
    if (!state.weeklyProduct) {
      // the weekly reading follows the product of the release shown: with none, say so rather than a bare heading
      $("weekly-empty").hidden = false;
      $("weekly-empty").textContent = "The weekly reading of a product shows here beside its release.";
    }
    $("release-body").hidden = true;
    $("release-title").textContent = releaseId || "No release selected";
  }

  function renderWatch() {
    const w = state.watch;
    $("release-empty").hidden = true;
    $("release-body").hidden = false;
    state.shownNotReleased = !w.closed && notYetReleased(w);
    $("release-title").replaceChildren(w.product + " " + w.version + " ",
      el("span", { class: "badge " + (w.closed ? "closed" : "open"), text: w.closed ? "closed" : notYetReleased(w) ? "not released yet" : "watching" }));
    const window = watchHours(w);
    renderMeta(w);
    const ahead = notYetReleased(w);
    // before the release nothing can have come or stayed quiet: the watch has not begun
    $("release-verdict").textContent = ahead ? "Not released yet: the watch starts at the release." : w.verdict || "No verdict yet.";
    renderThemes("confirmed", w.confirmed, (t) => "predicted " + t.predictedStrength + ", came " + t.observedStrength,
      ahead ? "The watch starts at the release." : w.closed ? "None of the predicted themes came." : "None of the predicted themes has come yet.");
    renderThemes("quiet", w.quiet, (t) => "predicted " + t.predictedStrength + (ahead ? ", watched from the release" : ", not seen"),
      "Every predicted theme came.");
    // a theme with no ticket before the release has no usual rate: a multiple of the floor would be made up
    renderThemes("surprise", w.surprise, (t) => t.backgroundPerHour === 0 ? "new since the release" : Math.round(t.lift) + "× its usual rate",
      "Nothing unpredicted stands out.");
    renderTimeline(w, window);
    renderQuotes(w);
    renderReading(state.reading);
  }

  function watchHours(w) {
    return Math.round((Date.parse(w.watchEndsAt) - Date.parse(w.releasedAt)) / 3600000);
  }

  /**
   * The hours watched, as of now, and when the figures were made: the service sends a snapshot only when its
   * findings change (and once an hour), so on a quiet night the figures are older than the clock.
   */
  function renderMeta(w) {
    const window = watchHours(w);
    const hours = Math.min(hoursSince(w.releasedAt), window);
    $("release-meta").textContent = (notYetReleased(w) ? "Releases " + dateTime(w.releasedAt) + " (" + shipsIn(w) + ") · "
      : "Released " + dateTime(w.releasedAt) + " · "
      // the hour of grace after the window: its hours are all watched, not "2 d of 48 h"
      + (w.closed ? "all " + window + " hours watched" : hours >= window ? "all " + window + " hours watched, closing" : age(hours) + " of " + window + " h watched"))
      + " · " + plural(w.tickets, "ticket")
      + (w.updatedAt ? " · figures as of " + asOf(new Date(w.updatedAt)) : "");
  }

  function renderThemes(id, themes, strength, none) {
    const items = (themes || []).map((t) => el("li", { "data-theme": t.theme },
      el("span", { class: "theme", text: t.theme }),
      el("span", { class: "strength", text: strength(t) }),
      el("span", { class: "numbers", text: t.observed
        ? plural(t.observed, "ticket") + " · " + t.observedPerHour + "/h against " + t.backgroundPerHour + "/h usual"
        : (state.watch && state.watch.closed ? "no ticket" : "no ticket yet") + " · usually " + t.backgroundPerHour + "/h" })));
    $(id).replaceChildren(...(items.length ? items : [el("li", { class: "none", text: none })]));
  }

  function chartSeries(w) {
    return [...(w.confirmed || []), ...(w.surprise || [])]
      .filter((t) => t.observed > 0)
      .sort((a, b) => b.observed - a.observed || a.theme.localeCompare(b.theme))
      .slice(0, MAX_SERIES)
      .map((t, i) => ({ ...t, color: PALETTE[i % PALETTE.length] }));
  }

  function renderTimeline(w, window) {
    const series = chartSeries(w);
    // drawn at the width it is shown at: a fixed 720-unit drawing shrunk to a phone's 340 pixels made its
    // labels 5 pixels tall
    const W = chartWidth(), H = 240, left = 34, right = 12, top = 12, bottom = 30;
    const hours = Math.max(1, window);
    const peak = Math.max(2, ...series.flatMap((s) => s.hourly || []), ...series.map((s) => s.backgroundPerHour));
    const yMax = Math.ceil(peak * 1.15);
    const x = (h) => left + (h / hours) * (W - left - right);
    const y = (v) => top + (1 - v / yMax) * (H - top - bottom);

    const summary = series.length
      ? series.map((s) => s.theme + ": " + s.observed + " tickets, at most " + Math.max(0, ...(s.hourly || [0])) + " in an hour, usually "
        + s.backgroundPerHour + " an hour").join("; ")
      : "No ticket of a predicted or surprising theme yet.";
    const chart = svg("svg", { viewBox: "0 0 " + W + " " + H, role: "img", "aria-labelledby": "chart-title chart-desc" },
      svg("title", { id: "chart-title", text: "Tickets per hour of the top themes since the release, against their usual rate" }),
      svg("desc", { id: "chart-desc", text: summary }));

    const grid = svg("g", { class: "grid" });
    const axis = svg("g", { class: "axis" });
    const yStep = Math.max(1, Math.ceil(yMax / 4));
    for (let v = 0; v <= yMax; v += yStep) {
      grid.append(svg("line", { x1: left, x2: W - right, y1: y(v), y2: y(v) }));
      axis.append(svg("text", { x: left - 6, y: y(v) + 4, "text-anchor": "end", text: String(v) }));
    }
    for (let h = 0; h <= hours; h += hourStep(hours, W - left - right)) {
      axis.append(svg("text", { x: x(h), y: H - 10, "text-anchor": "middle", text: h + "h" }));
    }
    chart.append(grid, axis);

    if (!w.closed) {
      const now = Math.min(hoursSince(w.releasedAt), hours);
      chart.append(svg("line", { class: "now", x1: x(now), x2: x(now), y1: top, y2: H - bottom }));
      chart.append(svg("text", { x: x(now) + 3, y: top + 10, "font-size": "11", text: "now" }));
    }
    for (const s of series) {
      chart.append(svg("line", { x1: x(0), x2: x(hours), y1: y(s.backgroundPerHour), y2: y(s.backgroundPerHour),
        stroke: s.color, "stroke-width": 1.5, "stroke-dasharray": "6 4", opacity: 0.9 }));
      // an hour's count at its middle; the hour still running, at the snapshot's time, not past it
      const last = Math.min(hours, hoursBetween(w.releasedAt, w.updatedAt || w.watchEndsAt));
      const points = (s.hourly || []).map((v, h) => x(Math.min(h + 0.5, Math.max(h, last))).toFixed(1) + "," + y(v).toFixed(1)).join(" ");
      if (points) {
        chart.append(svg("polyline", { points, fill: "none", stroke: s.color, "stroke-width": 2.5, "stroke-linejoin": "round",
          "data-theme": s.theme }));
      }
    }
    $("timeline-chart").replaceChildren(chart);
    state.chartDrawnWidth = W;

    const keys = series.map((s) => el("span", { class: "key" },
      keySwatch(s.color), document.createTextNode(s.theme + " (" + s.observed + ")")));
    if (series.length) {
      keys.push(el("span", { class: "key" }, keySwatch("#4a5561", true), document.createTextNode("usual rate before the release")));
    }
    $("timeline-legend").replaceChildren(...keys);
    renderTimelineTable(series, hours);
  }

  function chartWidth() {
    const shown = $("timeline-chart").clientWidth;
    return shown > 0 ? Math.max(280, Math.min(960, Math.round(shown))) : 720;
  }

  /** Hour labels a readable distance apart (about 64 pixels) at any width, on a round step. */
  function hourStep(hours, width) {
    const fits = Math.max(1, Math.floor(width / 64));
    return [1, 2, 3, 6, 12, 24, 48].find((step) => hours / step <= fits) || Math.ceil(hours / fits);
  }

  /** Draws the chart again when its width changes (a phone turned, a window resized), not on every pixel. */
  function redrawOnResize() {
    if (!window.ResizeObserver) return;
    let pending = null;
    new ResizeObserver(() => {
      clearTimeout(pending);
      pending = setTimeout(() => {
        if (state.watch && Math.abs(chartWidth() - state.chartDrawnWidth) >= 8) renderTimeline(state.watch, watchHours(state.watch));
      }, 150);
    }).observe($("timeline-chart"));
  }

  function keySwatch(color, dashed) {
    return svg("svg", { viewBox: "0 0 32 12", "aria-hidden": "true" },
      svg("line", { x1: 0, x2: 32, y1: 6, y2: 6, stroke: color, "stroke-width": dashed ? 1.5 : 3, "stroke-dasharray": dashed ? "6 4" : "none" }));
  }

  function renderTimelineTable(series, hours) {
    const table = $("timeline-table");
    const shown = Math.max(0, ...series.map((s) => (s.hourly || []).length));
    // the chart is drawn again every few seconds for its "now" line; the table only when its figures change:
    // rebuilt, a screen reader reading it lost its place every 5 s
    const drawn = JSON.stringify([shown, hours, series.map((s) => [s.theme, s.backgroundPerHour, s.hourly || []])]);
    if (table.dataset.drawn === drawn) return;
    table.dataset.drawn = drawn;
    const head = el("tr", {}, el("th", { scope: "col", text: "Theme" }), el("th", { scope: "col", text: "usual / h" }));
    for (let h = 0; h < shown; h++) head.append(el("th", { scope: "col", text: h + "h" }));
    const rows = series.map((s) => {
      const tr = el("tr", {}, el("th", { scope: "row", text: s.theme }), el("td", { text: String(s.backgroundPerHour) }));
      for (let h = 0; h < shown; h++) tr.append(el("td", { text: String((s.hourly || [])[h] ?? 0) }));
      return tr;
    });
    table.replaceChildren(el("caption", { text: "Tickets per hour since the release (" + shown + " of " + hours + " hours)" }),
      el("thead", {}, head), el("tbody", {}, ...rows));
  }

  function renderQuotes(w) {
    const quotes = [];
    const themes = [...(w.surprise || []), ...(w.confirmed || [])];
    // interleave the themes so one loud theme does not fill the column
    for (let i = 0; i < 3; i++) {
      for (const t of themes) {
        if (t.quotes && t.quotes[i]) quotes.push({ theme: t.theme, quote: t.quotes[i] });
      }
    }
    const figures = quotes.slice(0, MAX_QUOTES).map((q) => el("figure", {},
      el("blockquote", { text: "“" + q.quote + "”" }), el("figcaption", { text: "about " + q.theme })));
    $("quotes").replaceChildren(...(figures.length ? figures : [el("p", { class: "empty", text: "No quote yet." })]));
  }

  function renderReading(reading) {
    if (!reading) {
      $("reading-lines").replaceChildren();
      $("reading-voice").textContent = "No reading yet.";
      return;
    }
    $("reading-lines").replaceChildren(...reading.lines.map((l) => el("li", { text: l })));
    $("reading-voice").textContent = reading.voiceOfCustomer;
  }

  function renderWeekly(weekly, error) {
    if (!weekly) {
      $("weekly-lines").replaceChildren();
      $("weekly-period").textContent = "";
      $("weekly-empty").hidden = false;
      $("weekly-empty").textContent = error ? "Could not load the weekly reading: " + error : "No weekly reading for this product yet.";
      return;
    }
    $("weekly-empty").hidden = true;
    const start = new Date(weekly.weekStart).toLocaleDateString([], { dateStyle: "medium", timeZone: "UTC" });
    $("weekly-period").textContent = "Week of " + start + " (last complete week)";
    $("weekly-lines").replaceChildren(...weekly.lines.map((l) => el("li", { text: l })));
  }

  /** Ages the list in place: rebuilding it would take the keyboard focus away from a release link. */
  function refreshAges() {
    for (const li of $("release-list").querySelectorAll("li[data-release]")) {
      const r = state.releases.get(li.dataset.release);
      const age = li.querySelector(".age");
      if (r && age) age.textContent = ageLine(r);
    }
  }

  function tick() {
    refreshAges();
    // the weekly reading of a product with no subscriber comes by no event, and the list drops a watch
    // closed 14 days ago only when asked again: both are asked again each hour
    // judged from the last ask too: while the service is away, loadAll's own retries wait longer each time
    if (state.listLoadedAt && Date.now() - Math.max(state.listLoadedAt, state.listAskedAt || 0) > 3600000) loadAll();
    else if (state.weeklyProduct && state.weeklyLoadedAt && Date.now() - state.weeklyLoadedAt > 3600000) loadWeekly(state.weeklyProduct);
    if (state.watch) {
      const w = state.watch;
      if (!w.closed) {
        if (state.shownNotReleased && !notYetReleased(w)) {
          // released while the page was open: no snapshot comes for that alone, so its badge is drawn again now
          // and its reading asked again, once (a failed ask is not repeated each tick; the hourly reload follows)
          renderWatch();
          loadSelected().catch(() => {});
        }
        renderMeta(w);
        renderTimeline(w, watchHours(w));
      }
    }
    watchdog();
  }

  /**
   * Shows the release picked, and until it can be loaded says so in its panel, not another release's
   * figures under its name; tried again with a growing wait while it is still the one picked. The
   * header's connection state is the stream's alone.
   */
  function pick(id, attempt) {
    // the panel is "content", not "release": the skip link's "#content" must not read as a pick of a release
    loadSelected().then(() => $("content").focus()).catch((e) => {
      failedToLoad(id, e, attempt);
    });
  }

  /** Says in the release's panel that it could not be loaded, and asks again with a growing wait while it is picked. */
  function failedToLoad(id, e, attempt) {
    if (!id || id !== state.selected) return;
    state.watch = null;
    renderNothingSelected("Could not load " + id + " (" + e.message + "); trying again.", id);
    // one retry waiting at a time: picking a failing release twice ran two chains of retries at once
    clearTimeout(state.pickTimer);
    // asked again without moving the focus, as the pick did: the user may be tabbing through the list meanwhile
    state.pickTimer = setTimeout(() => {
      if (id === state.selected) loadSelected().catch((again) => failedToLoad(id, again, attempt + 1));
    }, Math.min(1000 * 2 ** attempt, 15000));
  }

  window.addEventListener("hashchange", () => {
    const id = selectedFromHash();
    if (id && id !== state.selected) {
      state.selected = id;
      renderList();
      pick(id, 0);
    }
  });

  document.addEventListener("DOMContentLoaded", () => {
    // the skip link moves the focus only: followed as a link it would put "#content" in the address, in place of the
    // release picked there, and a reload or a shared link would show another release
    document.querySelector("a.skip").addEventListener("click", (e) => {
      e.preventDefault();
      $("content").focus();
    });
    state.selected = selectedFromHash();
    // at once, not only once the stream says connected: a proxy that holds server-sent events back would
    // leave the page empty though the list answers
    loadAll();
    connect();
    redrawOnResize();
    setInterval(tick, 5000);
  });

  // a page left (another address, a link followed) may be kept whole in the browser's back/forward cache, and its
  // stream with it: a browser opens six connections to a host at most, and a few pages left so made every request
  // of the next one wait for a socket until it timed out. The stream closes as the page is left, and opens again,
  // loading all, if the page is shown again from that cache
  window.addEventListener("pagehide", () => {
    clearTimeout(state.retryTimer);
    if (state.source) state.source.close();
    state.source = null;
  });
  window.addEventListener("pageshow", (e) => {
    if (e.persisted) connect();
  });
})();
