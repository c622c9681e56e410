// Runs the store conformance suite on SQLite: in memory, or a file where a
// case needs several connections or processes.
import { allCases } from "../conformance/all-cases.ts";
import { runConformance } from "../conformance/harness.ts";

runConformance({ name: "sqlite", url: "sqlite::memory:", sharedUrl: "sqlite:file" }, allCases);
