// "Why not?": the engine's diagnosis of a flow (the syncs listening for its
// first action and why each did or did not fire, `{ error }` results no sync
// handled) and, for any sync chosen from the list, its explanation.

import { getJson, h } from "./dom.js";

const STATUS_TEXT = {
  fired: "fired",
  "no-record": "action never happened",
  "no-match": "pattern did not match",
  inconsistent: "patterns disagree",
  "zero-frames": "where left 0 frames",
  error: "failed",
};

export function renderWhyNot(view) {
  const { diagnosis, flow } = view;
  const listeners = diagnosis.listeners.length === 0
    ? [h("p", { class: "hint" }, "No sync listens for this flow's first action with these literals (method and path).")]
    : diagnosis.listeners.map(renderExplanation);
  const unhandled = diagnosis.unhandledErrors.map((e) =>
    h("div", { class: "banner error unhandled" }, h("b", {}, `${e.action} (#${e.record}) returned an error no sync handles: `), h("code", {}, JSON.stringify(e.error)),
      h("div", { class: "hint" }, `Add a sync whose when matches [${e.action}, {}, { error }] and answers.`)),
  );
  const result = h("div", { class: "explain-result" });
  const select = h("select", { id: "explain-sync" }, view.syncs.map((name) => h("option", { value: name }, name)));
  const button = h("button", {
    id: "explain-button",
    onclick: async () => {
      result.replaceChildren(h("p", { class: "hint" }, "…"));
      try {
        result.replaceChildren(renderExplanation(await getJson(`flows/${encodeURIComponent(flow.id)}/explain/${encodeURIComponent(select.value)}`)));
      } catch (e) {
        result.replaceChildren(h("p", { class: "empty error" }, e.message));
      }
    },
  }, "Explain");
  return h(
    "section",
    { class: "why-not", id: "why" },
    h("h3", {}, "Why not? ", h("span", { class: "hint" }, "the syncs listening for the first action, and why each did or did not fire")),
    unhandled,
    h("div", { class: "explanations", id: "diagnosis" }, listeners),
    h("div", { class: "explain-any" }, h("label", { for: "explain-sync" }, "Explain any sync in this flow: "), select, " ", button),
    result,
  );
}

export function renderExplanation(e) {
  return h(
    "div",
    { class: `explanation ${e.status}`, dataset: { sync: e.sync } },
    h("div", { class: "ex-head" }, h("b", { class: "sync" }, e.sync), " ", h("span", { class: `badge ${e.status}` }, STATUS_TEXT[e.status] ?? e.status)),
    h("p", { class: "reason" }, e.reason),
    h(
      "ul",
      { class: "patterns" },
      e.patterns.map((p) =>
        h(
          "li",
          { class: p.matching > 0 ? "ok" : "bad" },
          h("code", {}, `when #${p.position + 1} ${p.pattern}`),
          h("span", { class: "fit" }, ` ${p.matching}/${p.candidates} record(s) fit`),
          p.reasons.length > 0 ? h("ul", { class: "reasons" }, p.reasons.map((r) => h("li", {}, r))) : null,
        ),
      ),
    ),
  );
}
