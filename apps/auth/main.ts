// Runs the auth app: `npx tsx apps/auth/main.ts` (PORT, DATABASE_URL, LOG_LEVEL … from the environment).

import { startApp } from "ensemble";
import { authApp } from "./app.ts";

await startApp(authApp);
