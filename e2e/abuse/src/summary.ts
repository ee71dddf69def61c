import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { SUMMARY_DIR } from './paths'

/** Records one attack's counts (JSON) so run.sh can print them all at the end. */
export function writeSummary(name: string, counts: Record<string, unknown>): void {
  mkdirSync(SUMMARY_DIR, { recursive: true })
  writeFileSync(join(SUMMARY_DIR, `${name}.json`), JSON.stringify(counts, null, 2) + '\n')
}

export function readSummaries(): Record<string, unknown> {
  const all: Record<string, unknown> = {}
  let files: string[] = []
  try {
    files = readdirSync(SUMMARY_DIR)
  } catch {
    return all
  }
  for (const file of files.filter((f) => f.endsWith('.json')).sort()) {
    all[file.replace(/\.json$/, '')] = JSON.parse(
      readFileSync(join(SUMMARY_DIR, file), 'utf8')
    ) as unknown
  }
  return all
}
