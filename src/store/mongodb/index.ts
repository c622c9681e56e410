// The `./store/mongodb` subpath: the MongoDB backend (the official driver,
// passed through), for apps that open it directly; needs `npm install mongodb`.
export { openMongo } from "./open-mongo.ts";
