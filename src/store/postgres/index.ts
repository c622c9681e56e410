// The `./store/postgres` subpath: the PostgreSQL backend on its own, for apps
// that open it directly (openDb loads it on demand for postgres:// URLs).
export { openPostgres, type PostgresOptions } from "./open-postgres.ts";
