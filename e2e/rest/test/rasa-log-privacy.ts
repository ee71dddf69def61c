import { openSync, readSync, statSync, closeSync } from 'node:fs'
import { scanLine } from '../../abuse/src/personal-data-scanner'
import type { RestChat } from '../src/rest-chat'
import type { Stack } from '../src/stack'

// Agus Prasetyo in the example directory: no other section asks for his reset.
const NIP = '197901082005121001'
const WHATSAPP = '6285600000003'
const TICKET = /TIK-\d{8}-\d{4,}/

/** What `file` gained after byte `from`. */
function readFrom(file: string, from: number): string {
  const size = statSync(file).size
  const buffer = Buffer.alloc(Math.max(0, size - from))
  const fd = openSync(file, 'r')
  try {
    readSync(fd, buffer, 0, buffer.length, from)
  } finally {
    closeSync(fd)
  }
  return buffer.toString('utf8')
}

async function waitFor(check: () => boolean, what: string, ms = 15000): Promise<void> {
  const until = Date.now() + ms
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/**
 * Rasa's REST channel logs the whole text of a message whose request was cancelled (the client
 * hung up: a gateway restart or timeout) as `rest.message.received.timeout`; the crash rounds met
 * it with a NIP. rasa-project/addons/log_masking.py masks it. Here a second message of the same
 * conversation, carrying a NIP, waits for Rasa's conversation lock while the first one's WhatsApp
 * send is held open, and its client gives up: Rasa logs the cancelled message, masked.
 * Registered from conversations.test.ts so it shares that file's single Rasa start-up.
 */
export function describeRasaLogPrivacy(stack: Stack, chat: (name: string) => RestChat): void {
  describe("Rasa's own log lines", () => {
    test('When a message with a NIP is cancelled while it waits in Rasa, then Rasa logs the cancellation with the NIP masked', async () => {
      const logStart = statSync(stack.rasaLogFile).size
      const c = chat('log-privacy')
      expect((await c.say('lupa password email dinas')).text).toMatch(/NIP/)
      const spaced = `${NIP.slice(0, 8)} ${NIP.slice(8, 14)} ${NIP.slice(14, 15)} ${NIP.slice(15)}`
      expect((await c.say(spaced)).text.toLowerCase()).toContain('apakah data ini sudah benar')

      const hold = stack.whatsapp.holdNext(WHATSAPP)
      const confirmed = c.say('/affirm')
      await hold.arrived
      // Same conversation: Rasa holds this message until the first one is done, then the client
      // gives up, as a gateway does when it is stopped.
      const cancelled = fetch(`${stack.rasaUrl}/webhooks/rest/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          sender: c.sender,
          message: `nip saya ${NIP}, nik 3171010101900001`
        }),
        signal: AbortSignal.timeout(1500)
      })
      await expect(cancelled).rejects.toThrow(/abort|timeout/i)
      await waitFor(
        () => readFrom(stack.rasaLogFile, logStart).includes('rest.message.received.timeout'),
        "Rasa's log line of the cancelled message"
      )
      hold.release()
      expect((await confirmed).text).toMatch(TICKET)

      const lines = readFrom(stack.rasaLogFile, logStart).split('\n')
      const timeout = lines.find((line) => line.includes('rest.message.received.timeout'))
      expect(timeout).toContain('nip saya [masked], nik [masked]')
      expect(lines.flatMap((line) => scanLine(line))).toEqual([])
    })
  })
}
