/**
 * Docs and comments point only to Markdown files that are in this repository: a newcomer must
 * be able to open every page a comment or README cites (issue 19: several cited pages that
 * lived outside the repository).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { REPO_ROOT } from './support/repo'

const SKIP = new Set([
  'node_modules',
  '.git',
  'dist',
  '.venv-rasa',
  '.cache',
  'coverage',
  'results',
  'models',
  '.rasa',
  'out',
  'reports',
  'fixtures'
])
const SCANNED = /\.(ts|mjs|js|md|yml|yaml|sh|json)$/

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name)) return []
    const path = join(dir, entry.name)
    return entry.isDirectory() ? files(path) : [path]
  })
}

describe('references to Markdown pages', () => {
  const all = files(REPO_ROOT)
  const pages = new Set(
    all.filter((file) => file.endsWith('.md')).map((file) => file.split('/').pop()!)
  )

  it('name only pages that exist in the repository (links to other sites excepted)', () => {
    const missing: string[] = []
    for (const file of all.filter((f) => SCANNED.test(f) && !f.endsWith('package-lock.json'))) {
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        const withoutUrls = line.replace(/https?:\/\/\S+/g, '')
        for (const m of withoutUrls.matchAll(/([A-Za-z0-9_-]+\.md)\b/g)) {
          if (!pages.has(m[1]!)) missing.push(`${relative(REPO_ROOT, file)}: ${m[1]}`)
        }
      }
    }
    expect(missing).toEqual([])
  })
})
