// Runs the store conformance suite on MongoDB through the official driver,
// when MONGODB_URL names a server (there is none on most machines).
import { allCases } from "../conformance/all-cases.ts";
import { runConformance } from "../conformance/harness.ts";

const url = process.env.MONGODB_URL;
runConformance({ name: "mongodb", url, skip: url ? undefined : "MongoDB tests skipped: set MONGODB_URL=mongodb://host:27017 to run them" }, allCases);
