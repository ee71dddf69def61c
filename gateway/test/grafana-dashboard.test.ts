/**
 * deploy/grafana/helpdesk-bot.json queries only metrics the services really expose: the real
 * gateway (Telegram mode against the loopback fake Bot API and fake Rasa) and the real action
 * server are started as processes on free ports, get one conversation turn and one action call,
 * and every metric named in the dashboard's queries must be on the /metrics of the service its
 * `job` label names (prometheus.yml's job names).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { aTextUpdate, startFakeBotApi, startFakeRasa } from './fakes'

const REPO = resolve(__dirname, '..', '..')
const TS_REGISTER = join(REPO, 'packages/helpdesk-core/test/helpers/ts-register.js')
const DASHBOARD = join(REPO, 'deploy/grafana/helpdesk-bot.json')
const PROMETHEUS = join(REPO, 'deploy/grafana/prometheus.yml')

async function freePort(): Promise<number> {
  return await new Promise((done) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo
      server.close(() => done(port))
    })
  })
}

async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(url)).ok) return
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`${url} did not answer`)
}

interface Panel {
  type: string
  targets?: Array<{ expr: string }>
}

/** [job, metric] for every metric selector in the dashboard's PromQL (`name{job="…"…}`). */
function queriedMetrics(): Array<[string, string]> {
  const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as { panels: Panel[] }
  const pairs = new Set<string>()
  for (const panel of dashboard.panels)
    for (const target of panel.targets ?? [])
      for (const m of target.expr.matchAll(/([a-z_:][a-z0-9_:]*)\{job="([a-z-]+)"[^}]*\}/g))
        pairs.add(`${m[2]!} ${m[1]!}`)
  return [...pairs].sort().map((p) => p.split(' ') as [string, string])
}

/**
 * Metric names on a /metrics page: every sample's name (histograms give name_bucket, name_sum,
 * name_count) and every family declared by `# TYPE` (a labelled counter such as the 429 retries
 * has no sample until it first counts, yet Prometheus knows it from the declaration).
 */
function exposed(text: string): Set<string> {
  const names = new Set<string>()
  for (const line of text.split('\n')) {
    const declared = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) /.exec(line)
    if (declared !== null) names.add(declared[1]!)
    else if (line !== '' && !line.startsWith('#'))
      names.add(/^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line)![0])
  }
  return names
}

describe('Grafana dashboard against the running services', () => {
  const children: ChildProcess[] = []
  const metrics: Record<string, Set<string>> = {}
  let dir: string
  let cleanup: Array<() => Promise<void>> = []

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'grafana-metrics-'))
    const api = await startFakeBotApi()
    const rasa = await startFakeRasa()
    cleanup = [() => api.close(), () => rasa.close()]
    const [gatewayPort, actionsPort] = [await freePort(), await freePort()]
    const start = (script: string, env: Record<string, string>): void => {
      const child = spawn(process.execPath, ['-r', TS_REGISTER, join(REPO, script)], {
        cwd: REPO,
        env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
        stdio: ['ignore', 'ignore', 'ignore']
      })
      children.push(child)
    }
    start('gateway/src/main.ts', {
      TELEGRAM_BOT_TOKEN: api.token,
      TELEGRAM_API_ROOT: api.url,
      RASA_URL: rasa.url,
      GATEWAY_HOST: '127.0.0.1',
      GATEWAY_PORT: String(gatewayPort)
    })
    start('actions-server/src/main.ts', {
      ACTIONS_HOST: '127.0.0.1',
      ACTIONS_PORT: String(actionsPort),
      DATABASE_FILE: join(dir, 'helpdesk.sqlite'),
      WHATSAPP_MODE: 'outbox',
      RESET_PROVIDER: 'manual'
    })
    const gateway = `http://127.0.0.1:${gatewayPort}`
    const actions = `http://127.0.0.1:${actionsPort}`
    await waitFor(`${gateway}/healthz`)
    await waitFor(`${actions}/health`)
    // One conversation turn through the gateway and one action call, so labelled series exist.
    api.pushUpdate(aTextUpdate(4242, 'halo'))
    await api.waitFor((c) => c.method === 'sendMessage', 20000)
    await fetch(`${actions}/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        next_action: 'action_sapa',
        sender_id: 'grafana-test',
        version: '3.6.21',
        tracker: {
          sender_id: 'grafana-test',
          slots: {},
          latest_message: { text: 'halo', intent: { name: 'greet' }, entities: [] },
          events: [],
          paused: false,
          followup_action: null,
          active_loop: {},
          latest_action_name: 'action_listen'
        },
        domain: {}
      })
    })
    metrics.gateway = exposed(await (await fetch(`${gateway}/metrics`)).text())
    metrics['actions-server'] = exposed(await (await fetch(`${actions}/metrics`)).text())
  }, 90000)

  afterAll(async () => {
    for (const child of children) child.kill('SIGTERM')
    await Promise.all(
      children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r))))
    )
    for (const close of cleanup) await close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('queries at least the gateway and action-server metrics, each with a job that prometheus.yml scrapes', () => {
    const pairs = queriedMetrics()
    expect(pairs.length).toBeGreaterThanOrEqual(15)
    const jobs = new Set(pairs.map(([job]) => job))
    expect([...jobs].sort()).toEqual(['actions-server', 'gateway'])
    const scrape = readFileSync(PROMETHEUS, 'utf8')
    for (const job of jobs) expect(scrape).toContain(`job_name: ${job}`)
  })

  it.each(queriedMetrics())('%s exposes %s', (job, metric) => {
    expect(metrics[job]).toBeDefined()
    expect(metrics[job]!.has(metric)).toBe(true)
  })
})
