/**
 * Error bodies never repeat personal data a caller put into the request (found by the abuse
 * suite's fuzzing: an invalid call naming `action_<NIP>` got its name back unmasked in the 400).
 */
import { startTestServer, type TestServer } from '../helpers/test-server'

describe('personal data in 400 bodies', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer()
  })
  afterAll(async () => {
    await server.close()
  })

  const post = async (body: unknown): Promise<{ status: number; text: string }> => {
    const res = await fetch(`${server.url}/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body)
    })
    return { status: res.status, text: await res.text() }
  }

  it.each([
    ['a NIP', 'action_198503152010011001', '198503152010011001'],
    ['a phone number', 'action_085600000001', '085600000001']
  ])(
    "When an invalid call names an action with %s in it, then the 400's action_name is masked",
    async (_what, name, secret) => {
      const res = await post({ next_action: name, tracker: { sender_id: 1 } })

      expect(res.status).toBe(400)
      expect(JSON.parse(res.text).action_name).toEqual(expect.any(String))
      expect(res.text).not.toContain(secret)
    }
  )
})
