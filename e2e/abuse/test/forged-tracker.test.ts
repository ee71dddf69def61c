/**
 * Forged trackers: whoever reaches the action server's port could claim any NIP with a tracker
 * that says "identity valid, confirmed". Started like production (ACTIONS_TOKEN set), it must
 * answer 401 before reading such a call, and nothing may happen in the store.
 */
import Database from 'better-sqlite3'
import { actionCall } from '../src/rasa-call'
import { keepAliveAgent, rawRequest } from '../src/raw-http'
import { startActionServer, type RunningActionServer } from '../src/services'
import { writeSummary } from '../src/summary'

const BUDI_NIP = '198503152010011001'

/** "Identity valid and confirmed, reset the official e-mail": a reset + WhatsApp for anyone's NIP. */
const forgedReset = (): Buffer =>
  Buffer.from(
    JSON.stringify(
      actionCall('action_reset_password', {
        sender: 'attacker-1',
        text: 'ya',
        intent: 'affirm',
        slots: {
          sistem: 'email_dinas',
          identitas: BUDI_NIP,
          jenis_identitas: 'nip',
          status_identitas: 'valid',
          konfirmasi: true
        }
      })
    )
  )

describe('forged trackers against the running action server', () => {
  let server: RunningActionServer
  const agent = keepAliveAgent(4)
  beforeAll(async () => {
    server = await startActionServer('forged-tracker-actions')
  })
  afterAll(async () => {
    agent.destroy()
    await server?.stop()
  })

  const storeRows = (): Record<string, number> => {
    const db = new Database(server.databaseFile, { readonly: true, fileMustExist: true })
    try {
      const n = (table: string): number =>
        (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n
      return {
        tickets: n('tickets'),
        whatsapp_outbox: n('whatsapp_outbox'),
        audit_log: n('audit_log')
      }
    } finally {
      db.close()
    }
  }

  const attempts: Array<[string, string, Record<string, string>]> = [
    ['no credential', '/webhook', {}],
    ['an empty ?token=', '/webhook?token=', {}],
    ['a wrong ?token=', '/webhook?token=not-the-token-but-long-enough', {}],
    ['a wrong bearer token', '/webhook', { authorization: 'Bearer not-the-token-but-long-enough' }],
    ['Basic instead of Bearer', '/webhook', { authorization: 'Basic YWRtaW46YWRtaW4=' }],
    ['the token in another header', '/webhook', { 'x-actions-token': 'TOKEN' }],
    ['the token with a suffix', '/webhook?token=TOKENx', {}],
    ['the token as a prefix only', '/webhook?token=TOKEN_PREFIX', {}]
  ]

  test.each(attempts)(
    'When a forged reset tracker comes with %s, then it is 401 and the store is untouched',
    async (_name, path, headers) => {
      const realPath = path
        .replace('TOKEN_PREFIX', server.token.slice(0, 10))
        .replace('TOKEN', server.token)
      const realHeaders = Object.fromEntries(
        Object.entries(headers).map(([k, v]) => [k, v.replace('TOKEN', server.token)])
      )

      const res = await rawRequest(agent, `${server.url}${realPath}`, {
        headers: { 'content-type': 'application/json', ...realHeaders },
        body: forgedReset()
      })

      expect(res.status).toBe(401)
      expect(JSON.parse(res.body)).toEqual({ error: 'Unauthorized' })
      expect(storeRows()).toEqual({ tickets: 0, whatsapp_outbox: 0, audit_log: 0 })
    }
  )

  test.each([
    ['/actions', 'GET'],
    ['/metrics', 'GET']
  ])('When %s is asked without the token, then it is 401', async (path, method) => {
    const res = await rawRequest(agent, `${server.url}${path}`, { method })

    expect(res.status).toBe(401)
  })

  it('When the same forged call carries the real token (what Rasa sends), then it does act: the 401s above were the only thing in the way', async () => {
    const res = await rawRequest(
      agent,
      `${server.url}/webhook?token=${encodeURIComponent(server.token)}`,
      { headers: { 'content-type': 'application/json' }, body: forgedReset() }
    )

    expect(res.status).toBe(200)
    expect(storeRows().tickets).toBe(1)
    writeSummary('forged-trackers', {
      rejected_without_valid_token: attempts.length + 2,
      accepted_with_token: 1
    })
  })

  it('When the attacks are over, then /health still answers and the process is alive', async () => {
    const res = await rawRequest(agent, `${server.url}/health`, { method: 'GET' })

    expect(res.status).toBe(200)
    expect(server.service.exitStatus).toBeUndefined()
  })
})
