// The inspector page: the live list of requests (from the server-sent event
// stream, caught up through the JSON API after a reconnect), routing between
// a request's flow (#/flow/<id>) and the app map (#/map).

import { API, clock, getJson, h, ms, statusClass } from "./dom.js";
import { renderFlow } from "./flow-view.js";
import { renderMap } from "./app-map.js";

const state = { lastSeq: 0, selected: null, openFlow: null, mapShown: false };
const rows = () => document.querySelector("#requests tbody");

function addRequest(entry) {
  if (entry.seq <= state.lastSeq) return;
  state.lastSeq = entry.seq;
  document.getElementById("no-requests").hidden = true;
  const row = h(
    "tr",
    { class: `request ${entry.flow && entry.flow === state.selected ? "selected" : ""}`, dataset: { seq: entry.seq, flow: entry.flow ?? "" }, title: entry.flow ? `flow ${entry.flow}` : "never reached the engine" },
    h("td", {}, h("span", { class: `method m-${entry.method}` }, entry.method)),
    h("td", { class: "path" }, entry.path),
    h("td", {}, h("span", { class: `status ${statusClass(entry.status)}` }, entry.status)),
    h("td", { class: "num" }, ms(entry.durationMs)),
    h("td", { class: "at" }, clock(entry.at)),
  );
  row.addEventListener("click", () => {
    if (entry.flow) location.hash = `#/flow/${entry.flow}`;
    else showNoFlow(entry);
  });
  rows().prepend(row);
  while (rows().children.length > 500) rows().lastElementChild.remove();
}

function showNoFlow(entry) {
  const article = document.getElementById("flow");
  article.replaceChildren(
    h("h2", {}, h("span", { class: `method m-${entry.method}` }, entry.method), " ", entry.path, " ", h("span", { class: `status ${statusClass(entry.status)}` }, entry.status)),
    h("p", { class: "empty" }, "This request never reached the engine (a malformed or oversized body, or a passthrough route), so it has no flow."),
  );
}

async function catchUp() {
  const entries = await getJson(`requests?after=${state.lastSeq}`);
  for (const e of entries) addRequest(e);
}

function connect() {
  const live = document.getElementById("live");
  const source = new EventSource(`${API}/events`);
  source.addEventListener("open", () => {
    live.textContent = "● live";
    live.className = "live on";
    catchUp().catch(() => {});
  });
  source.addEventListener("error", () => {
    live.textContent = "reconnecting…";
    live.className = "live off";
  });
  source.addEventListener("request", (ev) => addRequest(JSON.parse(ev.data)));
  source.addEventListener("flow", (ev) => {
    const { id } = JSON.parse(ev.data);
    if (state.openFlow && state.openFlow.id === id && state.openFlow.running) showFlow(id);
    if (state.mapShown) scheduleMap();
  });
}

let mapTimer = null;
function scheduleMap() {
  clearTimeout(mapTimer);
  mapTimer = setTimeout(() => showMap(), 300);
}

async function showFlow(id) {
  state.selected = id;
  for (const r of rows().children) r.classList.toggle("selected", r.dataset.flow === id);
  const article = document.getElementById("flow");
  try {
    const view = await getJson(`flows/${encodeURIComponent(id)}`);
    state.openFlow = { id: view.flow.id, running: view.flow.endedAt === null };
    article.replaceChildren(renderFlow(view));
    article.scrollTop = 0;
  } catch (e) {
    article.replaceChildren(h("p", { class: "empty error" }, e.message));
  }
}

async function showMap() {
  const container = document.getElementById("map");
  try {
    renderMap(await getJson("map"), container, document.querySelector("#map-syncs tbody"));
  } catch (e) {
    container.replaceChildren(h("p", { class: "empty error" }, e.message));
  }
}

function route() {
  const hash = location.hash.replace(/^#\/?/, "");
  const onMap = hash === "map";
  state.mapShown = onMap;
  document.getElementById("requests-tab").hidden = onMap;
  document.getElementById("map-tab").hidden = !onMap;
  for (const tab of document.querySelectorAll(".tab")) tab.classList.toggle("active", tab.dataset.tab === (onMap ? "map" : "requests"));
  if (onMap) showMap();
  else if (hash.startsWith("flow/")) showFlow(decodeURIComponent(hash.slice("flow/".length)));
}

async function start() {
  const info = await getJson("info");
  document.getElementById("app-name").textContent = `${info.app} · ${info.mode} · ${info.syncs.length} syncs`;
  document.title = `${info.app} — Ensemble inspector`;
  await catchUp();
  connect();
  window.addEventListener("hashchange", route);
  route();
}

start().catch((e) => {
  document.getElementById("flow").replaceChildren(h("p", { class: "empty error" }, `The inspector could not start: ${e.message}`));
});
