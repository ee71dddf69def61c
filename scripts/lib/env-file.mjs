#!/usr/bin/env node
// Reads a `.env` file the way docker compose does for the common cases (quotes, `export `
// prefixes, comments, blank values, multi-line values in double quotes) with the maintained
// `dotenv` parser, so `npm start` and `docker compose` agree on what a line means.
//   node scripts/lib/env-file.mjs <file>
// Prints every KEY=value pair NUL-terminated on stdout, for start.sh to export the ones the
// shell has not set already (the shell wins, as with compose). Exit 1 with one line on stderr
// when the file cannot be read or a key is not a valid variable name.
import { readFileSync } from 'node:fs'
import { parse } from 'dotenv'

const file = process.argv[2]
if (file === undefined) {
  process.stderr.write('usage: node scripts/lib/env-file.mjs <file>\n')
  process.exit(2)
}

let text
try {
  text = readFileSync(file, 'utf8')
} catch (err) {
  process.stderr.write(`npm start: cannot read ${file}: ${err.code ?? err.message}\n`)
  process.exit(1)
}

// `export KEY=value` is accepted by compose; dotenv only strips it in its own `config()`.
const values = parse(text.replace(/^[ \t]*export[ \t]+/gm, ''))
for (const [key, value] of Object.entries(values)) {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) {
    process.stderr.write(
      `npm start: ${file} has a line that does not start with a variable name: ${JSON.stringify(key.slice(0, 40))}\n`
    )
    process.exit(1)
  }
  process.stdout.write(`${key}=${value}\0`)
}
