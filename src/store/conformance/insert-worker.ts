// A child process for the cross-process conformance cases: opens the database
// at argv[2], waits until the wall-clock time argv[4] so that its siblings
// start together, inserts the JSON document argv[3] into "Atomic.items" and
// prints "inserted", "duplicate" or the error.
import { openDb } from "../open-db.ts";

const [url, json, startAt] = process.argv.slice(2);
const db = await openDb(url!);
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
try {
  await db.collection("Atomic.items").insertOne(JSON.parse(json!));
  console.log("inserted");
} catch (error) {
  console.log((error as { code?: unknown }).code === 11000 ? "duplicate" : `error: ${String(error)}`);
} finally {
  await db.close();
}
