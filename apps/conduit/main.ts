// Runs Conduit: `npm start` (PORT, DATABASE_URL, LOG_LEVEL … from the
// environment; by default on port 8000 with the database in ./data/conduit.db).

import { startApp } from "ensemble";
import { conduitApp } from "./app.ts";

await startApp(conduitApp);
