/**
 * The Node healthcheck one-liners of the Dockerfiles and docker-compose.yml, run for real with
 * `node -e` against a loopback server: exit 0 when the endpoint answers 2xx, 1 otherwise.
 */
import { execFile } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { asRecord, readRepoFile, readYaml } from './support/repo'

interface Check {
  where: string
  portVariable: string
  path: string
  script: string
}

function fromDockerfile(file: string): string {
  const line = readRepoFile(file)
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .find((l) => l.startsWith('HEALTHCHECK'))!
  const exec = JSON.parse(line.slice(line.indexOf('CMD') + 3).trim()) as string[]
  expect(exec.slice(0, 2)).toEqual(['node', '-e'])
  return exec[2]!
}

function fromCompose(service: string): string {
  const services = asRecord(
    asRecord(readYaml('docker-compose.yml'), 'compose').services,
    'services'
  )
  const test = asRecord(asRecord(services[service], service).healthcheck, 'healthcheck')
    .test as string[]
  expect(test.slice(0, 3)).toEqual(['CMD', 'node', '-e'])
  return test[3]!
}

const CHECKS: Check[] = [
  {
    where: 'actions-server/Dockerfile',
    portVariable: 'ACTIONS_PORT',
    path: '/health',
    script: fromDockerfile('actions-server/Dockerfile')
  },
  {
    where: 'gateway/Dockerfile',
    portVariable: 'GATEWAY_PORT',
    path: '/healthz',
    script: fromDockerfile('gateway/Dockerfile')
  },
  {
    where: 'docker-compose.yml actions',
    portVariable: 'ACTIONS_PORT',
    path: '/health',
    script: fromCompose('actions')
  },
  {
    where: 'docker-compose.yml gateway',
    portVariable: 'GATEWAY_PORT',
    path: '/healthz',
    script: fromCompose('gateway')
  },
  {
    where: 'console/Dockerfile',
    portVariable: 'CONSOLE_PORT',
    path: '/healthz',
    script: fromDockerfile('console/Dockerfile')
  },
  {
    where: 'docker-compose.yml console',
    portVariable: 'CONSOLE_PORT',
    path: '/healthz',
    script: fromCompose('console')
  }
]

let server: Server
let port: number
let status = 200
const seen: string[] = []

beforeAll(async () => {
  server = createServer((request, response) => {
    seen.push(request.url ?? '')
    response.writeHead(status, { 'content-type': 'application/json' }).end('{}')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
})

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
})

async function run(check: Check, env: Record<string, string>): Promise<number> {
  return await new Promise((resolve) => {
    execFile(
      process.execPath,
      ['-e', check.script],
      { env: { ...env }, timeout: 10000 },
      (error) => {
        resolve(error === null ? 0 : typeof error.code === 'number' ? error.code : -1)
      }
    )
  })
}

describe.each(CHECKS)('healthcheck in $where', (check) => {
  it(`exits 0 when ${check.path} answers 200`, async () => {
    status = 200
    seen.length = 0
    expect(await run(check, { [check.portVariable]: String(port) })).toBe(0)
    expect(seen).toEqual([check.path])
  })

  it(`exits 1 when ${check.path} answers 503`, async () => {
    status = 503
    expect(await run(check, { [check.portVariable]: String(port) })).toBe(1)
  })

  it('exits 1 when nothing listens', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const freePort = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    expect(await run(check, { [check.portVariable]: String(freePort) })).toBe(1)
  })
})
