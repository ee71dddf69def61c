/**
 * 10,000 generated hostile bodies against the running action server (/webhook, with the token,
 * as Rasa calls it) and the gateway (Telegram webhook, with the secret): the processes stay up,
 * nothing answers 5xx except an action that itself throws, and no error body repeats the personal
 * data planted in the request.
 */
import fc from 'fast-check'
import { actionServerBodies, gatewayBodies, type FuzzRequest } from '../src/fuzz-bodies'
import { redact, scanLine } from '../src/personal-data-scanner'
import { actionCall } from '../src/rasa-call'
import { inParallel, keepAliveAgent, rawRequest, type RawResponse } from '../src/raw-http'
import {
  startActionServer,
  startGateway,
  type RunningActionServer,
  type RunningGateway
} from '../src/services'
import { writeSummary } from '../src/summary'

const ACTION_SERVER_BODIES = 8000
const GATEWAY_BODIES = 2000
const CONCURRENCY = 16
/** A healthy service answers every one of these bodies in well under this. */
const ANSWER_WITHIN_MS = 10_000
/** After this many unanswered requests the service is considered down and the run stops early. */
const GIVE_UP_AFTER = 25
/** Fixed so a failure can be replayed; FUZZ_SEED=<n> explores other inputs. */
const SEED = Number(process.env.FUZZ_SEED ?? 20261129)

interface Tally {
  sent: number
  unanswered: number
  resentOnNewConnection: number
  byStatus: Record<string, number>
  byKind: Record<string, Record<string, number>>
  failures: string[]
}
const tally = (): Tally => ({
  sent: 0,
  unanswered: 0,
  resentOnNewConnection: 0,
  byStatus: {},
  byKind: {},
  failures: []
})

function judge(
  t: Tally,
  target: string,
  index: number,
  request: FuzzRequest,
  response: RawResponse
): void {
  t.sent++
  if (response.retriedOnNewConnection === true) t.resentOnNewConnection++
  const status = String(response.status)
  t.byStatus[status] = (t.byStatus[status] ?? 0) + 1
  const kind = (t.byKind[request.kind] ??= {})
  kind[status] = (kind[status] ?? 0) + 1
  const where = `${target} #${index} (${request.kind}, seed ${SEED})`
  if (response.status === 0) {
    t.unanswered++
    t.failures.push(
      `${where}: no answer within ${ANSWER_WITHIN_MS / 1000} s (${response.body.slice(0, 80)})`
    )
  } else if (response.status >= 500 && !(response.status === 500 && request.mayThrow))
    t.failures.push(`${where}: ${response.status} ${response.body.slice(0, 120)}`)
  if (response.status >= 400 || target === 'gateway') {
    const leaks = scanLine(response.body)
    if (leaks.length > 0)
      t.failures.push(
        `${where}: ${response.status} body echoes personal data: ${leaks.map((l) => `${l.kind} ${redact(l.excerpt)}`).join(', ')}`
      )
  }
}

describe('fuzzing the running services with generated webhook bodies', () => {
  let actions: RunningActionServer
  let gateway: RunningGateway
  const agent = keepAliveAgent(CONCURRENCY * 2)
  beforeAll(async () => {
    ;[actions, gateway] = await Promise.all([
      startActionServer('fuzz-actions'),
      startGateway('fuzz-gateway')
    ])
  })
  afterAll(async () => {
    agent.destroy()
    await Promise.all([actions?.stop(), gateway?.stop()])
  })

  it(`When ${ACTION_SERVER_BODIES + GATEWAY_BODIES} hostile bodies arrive, then both processes stay up, no unexplained 5xx, no personal data echoed, and a normal call still gets the same answer`, async () => {
    const webhook = `${actions.url}/webhook?token=${encodeURIComponent(actions.token)}`
    const names = (
      JSON.parse(
        (
          await rawRequest(
            agent,
            `${actions.url}/actions?token=${encodeURIComponent(actions.token)}`,
            { method: 'GET' }
          )
        ).body
      ) as Array<{ name: string }>
    ).map((a) => a.name)
    expect(names).toContain('action_reset_password')
    const normalCall = Buffer.from(
      JSON.stringify(
        actionCall('action_sapa', { sender: 'normal-user', text: 'halo', intent: 'greet' })
      )
    )
    const before = await rawRequest(agent, webhook, {
      headers: { 'content-type': 'application/json' },
      body: normalCall
    })
    expect(before.status).toBe(200)

    const actionRequests = fc.sample(actionServerBodies(names), {
      numRuns: ACTION_SERVER_BODIES,
      seed: SEED
    })
    const gatewayRequests = fc.sample(gatewayBodies(), { numRuns: GATEWAY_BODIES, seed: SEED + 1 })
    const a = tally()
    const g = tally()
    const started = Date.now()
    await Promise.all([
      inParallel(actionRequests, CONCURRENCY, async (request, index) => {
        if (a.unanswered >= GIVE_UP_AFTER) return
        judge(
          a,
          'action server',
          index,
          request,
          await rawRequest(agent, webhook, {
            headers: request.headers,
            body: request.body,
            timeoutMs: ANSWER_WITHIN_MS
          })
        )
      }),
      inParallel(gatewayRequests, CONCURRENCY / 2, async (request, index) => {
        if (g.unanswered >= GIVE_UP_AFTER) return
        const headers =
          index % 50 === 49
            ? request.headers
            : { ...request.headers, 'x-telegram-bot-api-secret-token': gateway.secret }
        judge(
          g,
          'gateway',
          index,
          request,
          await rawRequest(agent, `${gateway.url}${gateway.webhookPath}`, {
            headers,
            body: request.body,
            timeoutMs: ANSWER_WITHIN_MS
          })
        )
      })
    ])
    const seconds = Math.round((Date.now() - started) / 100) / 10

    const health = await rawRequest(agent, `${actions.url}/health`, {
      method: 'GET',
      timeoutMs: 30_000
    })
    const healthz = await rawRequest(agent, `${gateway.url}/healthz`, { method: 'GET' })
    const after = await rawRequest(agent, webhook, {
      headers: { 'content-type': 'application/json' },
      body: normalCall
    })
    writeSummary('webhook-fuzz', {
      seed: SEED,
      seconds,
      action_server: {
        bodies_sent: a.sent,
        status: a.byStatus,
        resent_on_new_connection: a.resentOnNewConnection,
        by_kind: a.byKind
      },
      gateway: {
        bodies_sent: g.sent,
        status: g.byStatus,
        resent_on_new_connection: g.resentOnNewConnection,
        by_kind: g.byKind
      },
      failures: a.failures.length + g.failures.length,
      stopped_early: a.unanswered >= GIVE_UP_AFTER || g.unanswered >= GIVE_UP_AFTER
    })

    expect([...a.failures, ...g.failures].slice(0, 20)).toEqual([])
    expect(a.sent + g.sent).toBe(ACTION_SERVER_BODIES + GATEWAY_BODIES)
    expect({
      health: health.status,
      healthz: healthz.status,
      actionsAlive: actions.service.exitStatus,
      gatewayAlive: gateway.service.exitStatus
    }).toEqual({ health: 200, healthz: 200, actionsAlive: undefined, gatewayAlive: undefined })
    // Nothing the bodies carried (`__proto__`, `constructor.prototype`) changed how a normal call is answered.
    expect(after.status).toBe(200)
    expect(JSON.parse(after.body)).toEqual(JSON.parse(before.body))
  })
})
