#!/usr/bin/env bash
# The abuse suite (npm test stage; issue 11): attacks the built action server and gateway from
# outside on loopback ports (forged trackers, 10,000 generated webhook bodies, NIP enumeration
# across many chats), then scans every log line of the test run for personal data.
# Needs `npm run build` first. Prints the counts the README's security section quotes.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

rm -rf e2e/out/abuse
status=0
npx jest -c "$here/jest.config.js" --silent || status=1
# Always scan, also after a failed attack: a leak in the logs is worth knowing either way.
npx jest -c "$here/jest.scan.config.js" --silent || status=1

node -e '
const fs = require("fs"), path = require("path")
const dir = path.join(process.argv[1], "e2e", "out", "abuse", "summary")
if (!fs.existsSync(dir)) process.exit(0)
console.log("\nabuse suite counts:")
for (const file of fs.readdirSync(dir).sort()) {
  const data = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"))
  delete data.by_kind
  for (const side of ["action_server", "gateway"]) if (data[side]) delete data[side].by_kind
  console.log(`  ${file.replace(/\.json$/, "")}: ${JSON.stringify(data)}`)
}' "$root"
exit $status
