/** Graceful shutdown: in-flight action calls finish, new connections are refused, deps close last. */
import { buildApp } from '../src/app'
import { stopApp } from '../src/server'
import { defineAction, slotSet } from '../src/sdk'
import { httpCall, postJson } from './helpers/http-client'
import { captureLogs } from '@helpdesk/core/testing'
import { freshSessionCall } from './helpers/rasa-payloads'

describe('stopApp (what SIGTERM/SIGINT run through close-with-grace)', () => {
  test('When stopping while an action is running, then it finishes with 200, new requests are refused, deps close after', async () => {
    const order: string[] = []
    let started!: () => void
    const actionStarted = new Promise<void>((resolve) => {
      started = resolve
    })
    let release!: () => void
    const mayFinish = new Promise<void>((resolve) => {
      release = resolve
    })
    const slow = defineAction({
      name: 'action_lambat',
      async run() {
        started()
        await mayFinish
        order.push('action finished')
        return [slotSet('selesai', true)]
      }
    })
    const app = buildApp(
      { ACTIONS_TOKEN: undefined, ACTIONS_BODY_LIMIT_MB: 32, LOG_LEVEL: 'info' },
      { actions: [slow], logger: captureLogs().logger }
    )
    const url = await app.listen({ host: '127.0.0.1', port: 0 })

    const inFlight = postJson(url, '/webhook', freshSessionCall('action_lambat'))
    await actionStarted
    const stopping = stopApp(app, async () => {
      order.push('deps closed')
    })
    await expect(httpCall(url, '/health')).rejects.toThrow(/ECONNREFUSED/)
    release()
    const res = await inFlight
    await stopping

    expect(res.status).toBe(200)
    expect(res.json).toEqual({
      events: [{ event: 'slot', timestamp: null, name: 'selesai', value: true }],
      responses: []
    })
    expect(order).toEqual(['action finished', 'deps closed'])
  })
})
