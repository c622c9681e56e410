// One flow on the page: the request it served, the actions as a tree (each
// with input, output, timing, and the sync that fired it with the records it
// matched), sync errors and warnings highlighted, the syncs that matched,
// and — for a request no sync answered, or any sync chosen — why not.

import { brief, clock, h, ms, statusClass } from "./dom.js";
import { renderWhyNot } from "./why-not.js";

export function renderFlow(view) {
  const { flow, request, answered } = view;
  const byId = new Map(flow.records.map((r) => [r.id, r]));
  const first = flow.records[0];
  const duration = flow.endedAt === null ? "running" : `${ms(flow.endedAt - flow.startedAt)} ms`;
  const title = request
    ? [h("span", { class: `method m-${request.method}` }, request.method), " ", h("span", { class: "path" }, request.path), " ", h("span", { class: `status ${statusClass(request.status)}` }, request.status)]
    : [first ? `${first.concept}.${first.action}` : "empty flow"];
  const parts = [
    h("header", { class: "flow-head" }, h("h2", {}, title), h("div", { class: "meta" }, `flow ${flow.id} · ${flow.records.length} actions · ${duration} · ${clock(flow.startedAt)}`)),
  ];
  if (answered === false) {
    const by = request ? `the server answered ${request.status} itself` : "the request got no answer";
    parts.push(h("div", { class: "banner warn", id: "unanswered" }, `No sync answered this request; ${by}. `, h("a", { href: "#why", onclick: jump("why") }, "Why?")));
  }
  if (flow.stopped) parts.push(h("div", { class: "banner error" }, `The engine stopped this flow: ${flow.stopped.message}`));
  for (const e of flow.errors) parts.push(h("div", { class: "banner error sync-error" }, h("b", {}, `Sync error in ${e.sync}`), h("pre", {}, e.message)));
  for (const w of flow.warnings) parts.push(h("div", { class: "banner warn" }, h("b", {}, "Warning "), w));

  const failedRuns = new Map();
  for (const run of flow.runs) if (run.error) for (const id of run.records) failedRuns.set(id, run.sync);
  parts.push(h("h3", {}, "Actions"), h("ul", { class: "tree", id: "tree" }, view.tree.map((node) => renderNode(node, byId, failedRuns))));
  parts.push(renderRuns(flow));
  parts.push(renderWhyNot(view));
  return h("div", { class: "flow-view" }, parts);
}

function renderNode(node, byId, failedRuns) {
  const r = byId.get(node.id);
  const failed = r.output && Object.hasOwn(r.output, "error");
  const cause = r.cause
    ? h("span", { class: "via" }, "by ", h("b", { class: "sync" }, r.cause.sync), ` on ${r.cause.records.map((id) => `#${id}`).join(", ")}`)
    : h("span", { class: "via" }, "started the flow");
  const syncFailed = failedRuns.get(r.id);
  return h(
    "li",
    { class: `node${failed ? " failed" : ""}`, dataset: { record: r.id, action: `${r.concept}.${r.action}` } },
    h(
      "div",
      { class: "rec" },
      h("span", { class: "rid" }, `#${r.id}`),
      h("span", { class: "act" }, h("span", { class: "concept" }, r.concept), ".", h("span", { class: "action" }, r.action)),
      cause,
      h("span", { class: "dur" }, `${ms(r.endedAt - r.startedAt)} ms`),
    ),
    io("in", r.input),
    io("out", r.output, failed),
    syncFailed ? h("div", { class: "io sync-failed" }, `✗ sync ${syncFailed} failed after matching this record (see above)`) : null,
    node.children.length > 0 ? h("ul", {}, node.children.map((c) => renderNode(c, byId, failedRuns))) : null,
  );
}

function io(label, value, failed = false) {
  return h(
    "details",
    { class: `io${failed ? " err" : ""}` },
    h("summary", {}, h("span", { class: "k" }, label), " ", h("code", {}, brief(value))),
    h("pre", {}, JSON.stringify(value, null, 2)),
  );
}

function renderRuns(flow) {
  if (flow.runs.length === 0) return h("p", { class: "hint" }, "No sync matched any action of this flow.");
  const rows = flow.runs.map((run) => {
    const status = run.error ? "error" : run.invoked.length > 0 ? "fired" : "zero-frames";
    const where = run.steps.length > 0 ? run.steps.map((s) => `${s.op} ${s.in}→${s.out}`).join(" · ") : "—";
    return h(
      "tr",
      { class: `run ${status}`, dataset: { sync: run.sync } },
      h("td", {}, h("b", { class: "sync" }, run.sync)),
      h("td", {}, run.records.map((id) => `#${id}`).join(", ")),
      h("td", { class: "where" }, where),
      h("td", { class: "num" }, run.frames),
      h("td", {}, run.invoked.length > 0 ? run.invoked.map((id) => `#${id}`).join(", ") : run.error ? "✗ error" : "nothing"),
    );
  });
  return h(
    "section",
    {},
    h("h3", {}, "Syncs that matched"),
    h("table", { class: "runs" }, h("thead", {}, h("tr", {}, ["Sync", "Matched", "Where", "Frames", "Invoked"].map((t) => h("th", {}, t)))), h("tbody", {}, rows)),
  );
}

function jump(id) {
  return (ev) => {
    ev.preventDefault();
    document.getElementById(id)?.scrollIntoView({ behavior: "smooth", block: "start" });
  };
}
