// The README of an app made by `ensemble new`: how to run it, test it, look
// inside it, and where to start changing it.

export function newAppReadme(name: string, dir: string, ensembleRoot: string): string {
  return `# ${name}

An app built with Ensemble (the checkout at ${ensembleRoot}): concepts (classes that own
their state) composed by syncs (when these actions happen, where the state
says so, then invoke these). It starts as Ensemble's auth starter: register,
log in, who-am-I, log out, change password, delete account.

## Run it

\`\`\`sh
npm install   # once (ensemble new ${dir} already did)
npm start     # http://127.0.0.1:8000/api, data in ./data/${name}.db (SQLite)
npm test      # every *.test.ts, with node:test
\`\`\`

Settings come from flags (\`npx ensemble start --port 3000\`), the environment
(\`PORT\`, \`DATABASE_URL\`, \`LOG_LEVEL\` …), a \`.env\` file here, and
\`defineApp({ config })\` in \`app.ts\` — in that order. \`NODE_ENV=production\`
(or \`--production\`) turns off diagnoses in responses and the inspector.

\`\`\`sh
B=http://127.0.0.1:8000/api
curl -s -X POST $B/register -H 'content-type: application/json' -d '{"username":"ada","password":"correct horse"}'
curl -s -X POST $B/login    -H 'content-type: application/json' -d '{"username":"ada","password":"correct horse"}'
\`\`\`

## Look inside

- **The inspector**: open http://127.0.0.1:8000/_ensemble while \`npm start\`
  runs (development only). Each request appears as it is answered; click one
  to see its flow — every action, the sync that fired it, inputs and outputs
  (secrets redacted) — and why the syncs that did not fire did not. The app
  map shows concepts and the syncs between their actions.
- \`npx ensemble check\` (\`npm run check\`): registration checks and lints —
  an \`{ error }\` no sync answers, two syncs answering one request, syncs no
  request reaches, passthrough routes that mutate, queries used as actions.
- \`npx ensemble routes\` (\`npm run routes\`): every method and path, with the
  syncs listening on each.
- \`npx ensemble trace [flow-id]\`: a flow of the running app as a tree (the id
  is in each request's log line and in the \`x-ensemble-flow\` header).

## Layout

\`\`\`
app.ts          the app: its name, concepts and syncs (defineApp)
concepts.ts     builds the concepts on the app's database
syncs/          one file per feature: *.sync.ts
main.ts         starts the app without the ensemble command (npx tsx main.ts)
*.test.ts       end-to-end tests over HTTP
\`\`\`
`;
}
