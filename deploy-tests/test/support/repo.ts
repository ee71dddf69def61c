/** Paths and file readers for the deployment tests (everything is read from this repository). */
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import yaml from 'js-yaml'

export const REPO_ROOT = resolve(__dirname, '..', '..', '..')

export function repoPath(...parts: string[]): string {
  return resolve(REPO_ROOT, ...parts)
}

export function readRepoFile(...parts: string[]): string {
  return readFileSync(repoPath(...parts), 'utf8')
}

export function repoFileExists(...parts: string[]): boolean {
  return existsSync(repoPath(...parts))
}

/** GitLab's `!reference [job, key]` tag, kept as a marker object so the schema sees an array. */
const referenceTag = new yaml.Type('!reference', {
  kind: 'sequence',
  construct: (data: unknown) => data
})
const GITLAB_SCHEMA = yaml.DEFAULT_SCHEMA.extend([referenceTag])

export function readYaml(...parts: string[]): unknown {
  return yaml.load(readRepoFile(...parts), { schema: GITLAB_SCHEMA, filename: parts.join('/') })
}

export function readJson(...parts: string[]): unknown {
  return JSON.parse(readRepoFile(...parts)) as unknown
}

/** Narrowing helper: a plain object (YAML mapping / JSON object). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function asRecord(value: unknown, what: string): Record<string, unknown> {
  if (!isRecord(value)) throw new Error(`${what} is not a mapping`)
  return value
}
