// Ids for flows and requests: unique, cheap, and in the order they were
// made. A counter in front (so logs that show an id's first 8 characters
// tell flows apart and sort them) and a random tail drawn once per sequence
// (so two processes, or two runs of one, never share an id), in the shape
// of a UUID. crypto.randomUUID cost about 0.4 µs and 600 bytes per id, a
// tenth of a short cascade; nothing relies on these ids being unguessable:
// they name flows in traces, and a request's id never leaves the process.

import { randomUUID } from "node:crypto";

export function idSequence(): () => string {
  const tail = randomUUID().slice(8);
  let next = 0;
  return () => {
    const n = (next++).toString(16);
    return n.length >= 8 ? n + tail : "00000000".slice(n.length) + n + tail;
  };
}
