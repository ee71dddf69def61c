/**
 * The three Node images: multi-stage (TypeScript compiled in a builder, production dependencies
 * only in the runtime stage), running as the non-root `node` user, healthchecked without curl.
 */
import { readRepoFile } from './support/repo'

interface Stage {
  from: string
  name: string | undefined
  lines: string[]
}

/** Splits a Dockerfile into its stages (continuation lines joined, comments dropped). */
function stages(file: string): Stage[] {
  const logical = readRepoFile(file)
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
  const result: Stage[] = []
  for (const line of logical) {
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(line)
    if (from !== null) result.push({ from: from[1]!, name: from[2], lines: [] })
    else result.at(-1)?.lines.push(line)
  }
  return result
}

describe.each([
  { file: 'actions-server/Dockerfile', workspace: 'actions-server', port: 5055, health: '/health' },
  { file: 'gateway/Dockerfile', workspace: 'gateway', port: 8080, health: '/healthz' },
  { file: 'console/Dockerfile', workspace: 'console', port: 8090, health: '/healthz' }
])('$file', ({ file, workspace, port, health }) => {
  const all = stages(file)
  const runtime = all.at(-1)!
  const text = (stage: Stage): string => stage.lines.join('\n')

  it('builds every stage on Node 22 LTS by exact version tag (no floating node:22 or node:20)', () => {
    expect(readRepoFile(file)).toMatch(/^ARG NODE_IMAGE=node:22\.\d+\.\d+-bookworm-slim$/m)
    for (const stage of all) expect(stage.from).toBe('${NODE_IMAGE}')
  })

  it('has a builder stage that installs with npm ci and compiles with tsc (npm run build)', () => {
    expect(all.length).toBeGreaterThanOrEqual(2)
    const builder = all.find((s) => /npm run build -w /.test(text(s)))
    expect(builder).toBeDefined()
    expect(text(builder!)).toMatch(/^RUN npm ci\b/m)
    expect(text(builder!)).toContain(`npm run build -w ${workspace}`)
    expect(builder).not.toBe(runtime)
  })

  it('ships only production dependencies and the compiled code in the runtime stage', () => {
    const installs = all.filter((s) => /npm ci --omit=dev/.test(text(s)))
    expect(installs).toHaveLength(1)
    expect(text(installs[0]!)).toContain(`--workspace ${workspace}`)
    expect(text(runtime)).not.toMatch(/npm (ci|install)/)
    expect(text(runtime)).toContain(
      `COPY --from=${all.find((s) => /npm run build/.test(text(s)))!.name} /app/${workspace}/dist ${workspace}/dist`
    )
    expect(text(runtime)).toMatch(/^CMD \["node", "dist\/main\.js"\]$/m)
  })

  it('runs as the non-root node user', () => {
    const users = runtime.lines.filter((line) => /^USER\s/i.test(line))
    expect(users.at(-1)).toBe('USER node')
  })

  it(`checks ${health} on port ${port} with node's fetch`, () => {
    expect(text(runtime)).toContain(`EXPOSE ${port}`)
    const check = runtime.lines.find((line) => line.startsWith('HEALTHCHECK'))
    expect(check).toContain(`'${health}'`)
    expect(check).toContain('CMD ["node", "-e", "fetch(')
    expect(check).not.toContain('curl')
  })
})

describe('actions-server/Dockerfile data', () => {
  it('copies the shipped example data and keeps the SQLite store in a directory the node user owns', () => {
    const runtime = stages('actions-server/Dockerfile').at(-1)!.lines.join('\n')
    expect(runtime).toContain('COPY actions-server/data/ actions-server/data/')
    expect(runtime).toContain('DATABASE_FILE=/app/var/helpdesk.sqlite')
    expect(runtime).toContain('chown node:node /app/var && chmod 700 /app/var')
  })
})

describe('.dockerignore', () => {
  it('keeps secrets, dependencies, build output and the Rasa virtualenv out of the build context', () => {
    const lines = readRepoFile('.dockerignore').split(/\r?\n/)
    expect(lines).toEqual(
      expect.arrayContaining(['.env', '**/node_modules', '**/dist', '.venv-rasa', '.git', 'var'])
    )
  })
})
