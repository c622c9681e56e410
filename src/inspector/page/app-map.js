// The map of the app as SVG: concepts as boxes listing their actions, laid
// out in columns by distance from Requesting, and syncs as curves from each
// action their `when` matches to each action their `then` invokes — thicker
// the more they fired, red when they failed, dashed when they never fired.

import { h } from "./dom.js";

const BOX_W = 212;
const ROW_H = 20;
const HEAD_H = 28;
const COL_GAP = 96;
const ROW_GAP = 28;
const PAD = 24;

export function renderMap(map, container, syncTable) {
  const used = new Set(map.syncs.flatMap((s) => [...sources(s), ...s.then]));
  // Requesting is drawn twice: requests come in on the left, answers go out on the right.
  const boxes = map.concepts.flatMap((c) => {
    const node = (name, actions) => ({
      name,
      concept: c.name,
      rows: [...actions.filter((a) => used.has(`${c.name}.${a}`)), ...actions.filter((a) => !used.has(`${c.name}.${a}`))],
      queries: name === c.name ? c.queries.length : 0,
    });
    if (c.name !== "Requesting") return [node(c.name, c.actions)];
    return [node("Requesting", c.actions.filter((a) => a === "request")), node("Requesting ", c.actions.filter((a) => a !== "request"))];
  });
  const columns = layoutColumns(boxes, map.syncs);
  const pos = new Map();
  let width = 0;
  let height = 0;
  columns.forEach((col, ci) => {
    let y = PAD;
    for (const c of col) {
      const boxH = HEAD_H + Math.max(1, c.rows.length) * ROW_H + (c.queries > 0 ? ROW_H : 0) + 6;
      const x = PAD + ci * (BOX_W + COL_GAP);
      pos.set(c.name, { x, y, h: boxH, c, col: ci });
      y += boxH + ROW_GAP;
      width = Math.max(width, x + BOX_W + PAD + 90);
      height = Math.max(height, y + PAD);
    }
  });
  const anchor = (key) => {
    const p = pos.get(boxOf(key));
    if (!p) return null;
    const i = Math.max(0, p.c.rows.indexOf(key.split(".")[1]));
    return { x: p.x, y: p.y + HEAD_H + i * ROW_H + ROW_H / 2 + 2, col: p.col };
  };

  const edges = h("g", { class: "edges" });
  const max = Math.max(1, ...map.syncs.map((s) => s.fired));
  for (const s of map.syncs) {
    const cls = `edge ${s.errors > 0 ? "error" : s.fired > 0 ? "fired" : "idle"}`;
    const widthPx = s.fired > 0 ? 1.5 + 3.5 * (Math.log(1 + s.fired) / Math.log(1 + max)) : 1.2;
    for (const from of new Set(sources(s))) {
      for (const to of new Set(s.then)) {
        const a = anchor(from);
        const b = anchor(to);
        if (!a || !b) continue;
        const path = h("path", { d: curve(a, b), class: cls, "stroke-width": widthPx.toFixed(1), dataset: { sync: s.name } }, h("title", {}, `${s.name}: ${from} → ${to} — fired ${s.fired}×, matched ${s.matched}×${s.errors ? `, ${s.errors} error(s)` : ""}`));
        edges.append(path);
      }
    }
  }
  const drawn = h("g", { class: "boxes" });
  for (const { x, y, h: boxH, c } of pos.values()) {
    drawn.append(
      h(
        "g",
        { class: "concept", dataset: { concept: c.concept } },
        h("rect", { x, y, width: BOX_W, height: boxH, rx: 8 }),
        h("text", { x: x + 12, y: y + 19, class: "concept-name" }, c.concept),
        c.rows.map((a, i) => h("text", { x: x + 12, y: y + HEAD_H + i * ROW_H + ROW_H / 2 + 6, class: used.has(`${c.concept}.${a}`) ? "action" : "action unused" }, a)),
        c.queries > 0 ? h("text", { x: x + 12, y: y + HEAD_H + c.rows.length * ROW_H + ROW_H / 2 + 6, class: "queries" }, `+ ${c.queries} quer${c.queries === 1 ? "y" : "ies"}`) : null,
      ),
    );
  }
  container.replaceChildren(h("svg", { width, height, viewBox: `0 0 ${width} ${height}`, class: "map-svg", id: "map-svg" }, edges, drawn));

  syncTable.replaceChildren(
    ...map.syncs.map((s) =>
      h(
        "tr",
        {
          class: s.errors > 0 ? "error" : s.fired > 0 ? "fired" : "idle",
          dataset: { sync: s.name },
          title: `${s.when.join(" + ")} → ${s.then.join(", ") || "nothing"}${s.where ? " (with where)" : ""}`,
          onmouseenter: () => highlight(container, s.name, true),
          onmouseleave: () => highlight(container, s.name, false),
        },
        h("td", {}, s.name),
        h("td", { class: "num" }, s.fired, s.errors > 0 ? h("span", { class: "err-count" }, ` ✗${s.errors}`) : null),
      ),
    ),
  );
}

/** The box an action is drawn in (Requesting's answers have their own, on the right). */
function boxOf(key) {
  const [concept, action] = key.split(".");
  return concept === "Requesting" && action !== "request" ? "Requesting " : concept;
}

/**
 * The actions a sync's edges start from: its when actions, but not the request
 * when it also waits for something else — there the request is context, and
 * an edge from it to every answer would cross the whole map.
 */
function sources(sync) {
  const others = sync.when.filter((k) => k !== "Requesting.request");
  return others.length > 0 ? others : sync.when;
}

/** Columns by the longest chain of syncs from the requests (cycles cut off), the answers last. */
function layoutColumns(boxes, syncs) {
  const col = new Map([["Requesting", 0]]);
  for (let round = 0; round < boxes.length; round++) {
    for (const s of syncs) {
      for (const from of sources(s)) {
        const at = col.get(boxOf(from));
        if (at === undefined) continue;
        for (const to of s.then) {
          const b = boxOf(to);
          if (b !== "Requesting " && b !== boxOf(from) && (col.get(b) ?? -1) < at + 1) col.set(b, Math.min(at + 1, boxes.length));
        }
      }
    }
  }
  const unreached = Math.max(0, ...col.values()) + 1;
  const answers = unreached + (boxes.some((b) => b.name !== "Requesting " && !col.has(b.name)) ? 1 : 0);
  const columns = [];
  for (const b of boxes) (columns[b.name === "Requesting " ? answers : (col.get(b.name) ?? unreached)] ??= []).push(b);
  return columns.filter(Boolean);
}

/** A curve from the right of one action to the left of another, or a loop on the right when it goes back. */
function curve(a, b) {
  const ax = a.x + BOX_W;
  if (b.col > a.col) {
    const mid = (ax + b.x) / 2;
    return `M ${ax} ${a.y} C ${mid} ${a.y}, ${mid} ${b.y}, ${b.x} ${b.y}`;
  }
  const bx = b.x + BOX_W;
  const bulge = 60 + Math.min(80, Math.abs(a.y - b.y) / 4);
  return `M ${ax} ${a.y} C ${ax + bulge} ${a.y}, ${bx + bulge} ${b.y}, ${bx} ${b.y}`;
}

function highlight(container, sync, on) {
  container.classList.toggle("focus", on);
  for (const p of container.querySelectorAll("path.edge")) p.classList.toggle("hl", on && p.dataset.sync === sync);
}
