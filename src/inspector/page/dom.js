// Small helpers the inspector page shares: building elements, fetching the
// inspector's JSON API, and printing values compactly (the server has
// already redacted secrets).

export const API = "/_ensemble/api";

/** h("div", { class: "x", onclick }, child, "text") — an element with attributes and children. */
export function h(tag, attrs = {}, ...children) {
  const svg = ["svg", "g", "path", "rect", "text", "title", "circle"].includes(tag);
  const el = svg ? document.createElementNS("http://www.w3.org/2000/svg", tag) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else if (k === "dataset") Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export async function getJson(path) {
  const res = await fetch(`${API}/${path}`, { headers: { accept: "application/json" } });
  const body = await res.json();
  if (!res.ok) throw new Error(body.error ?? `${res.status} ${res.statusText}`);
  return body;
}

/** A value as one short line: { user: "u1", token: "[redacted]" }. */
export function brief(value, max = 220) {
  const text = render(value, 0);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function render(value, depth) {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (typeof value === "string") return JSON.stringify(value.length > 80 ? `${value.slice(0, 79)}…` : value);
  if (typeof value !== "object") return String(value);
  if (depth > 3) return "…";
  if (Array.isArray(value)) return `[${value.map((v) => render(v, depth + 1)).join(", ")}]`;
  const parts = Object.entries(value).map(([k, v]) => `${k}: ${render(v, depth + 1)}`);
  return parts.length === 0 ? "{}" : `{ ${parts.join(", ")} }`;
}

export function ms(n) {
  if (n === null || n === undefined) return "–";
  return n < 10 ? n.toFixed(1) : String(Math.round(n));
}

export function clock(epochMs) {
  return new Date(epochMs).toLocaleTimeString([], { hour12: false });
}

export function statusClass(status) {
  return status >= 500 ? "s5" : status >= 400 ? "s4" : status >= 300 ? "s3" : "s2";
}
