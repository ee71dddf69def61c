import { type Reply } from '../../rest/src/rest-chat'
import { AlternatingChat, sendTo, type Turn } from '../src/alternating-chat'
import { ScaleStack } from '../src/scale-stack'
import { isCompleteTurn, storedTurns } from '../src/tracker-history'

/**
 * Issue 13 item 3: two Rasa processes (A and B) on one PostgreSQL tracker store and one Redis
 * lock store, two action servers on one PostgreSQL store (DATABASE_URL); Rasa A calls action server 1, Rasa B action
 * server 2. Every user's messages alternate between A and B, many users at once. Nothing may be
 * lost (every message answered, forms continue on the other process, histories intact) and
 * nothing done twice (one ticket per request, one WhatsApp message per send, unique numbers).
 * Then one user's messages reach A and B at the same moment: Redis must serialise them.
 */
const TICKET = /TIK-\d{8}-\d{4,}/
const CONFIRM = /apakah data ini sudah benar/i

const stack = new ScaleStack({
  rasaProcesses: 2,
  actionServers: 2,
  // E2E_SCALE_STORE=sqlite: both action servers on one SQLite file instead (one host only)
  store: process.env.E2E_SCALE_STORE === 'sqlite' ? 'sqlite' : 'postgres',
  lockStore: process.env.E2E_SCALE_LOCK_STORE === 'redis' ? 'redis' : 'atomic'
})
const run = `${process.pid}-${Date.now()}`
let users = 0
const newChat = (name: string, first: number): AlternatingChat =>
  new AlternatingChat(stack.rasaUrls, `scale-${name}-${run}-${++users}`, first)

beforeAll(async () => {
  await stack.start()
}, 420_000)
afterAll(async () => {
  await stack.stop()
}, 60_000)

/** One user's request, alternating between the processes; `expect`s every step's answer. */
interface Conversation {
  name: string
  chat: AlternatingChat
  /** Tickets this request must open (and no more). */
  tickets: number
  /** WhatsApp numbers that must each receive exactly one message (the owner's or the password). */
  whatsappTo: string[]
  /** The reset API must be called exactly once for this chat. */
  resets: number
  play: (chat: AlternatingChat) => Promise<void>
}

const expectText = (reply: Reply, pattern: RegExp): void => {
  expect(reply.text).toMatch(pattern)
}

/**
 * What the user was sent in one turn, as one text: Rasa's output channels split a bot message at
 * blank lines into several messages, while the tracker keeps one `bot` event per message.
 */
const sentText = (texts: readonly string[]): string => texts.join('\n\n')
const replyText = (reply: Reply): string =>
  sentText(reply.messages.map((m) => m.text ?? '').filter((text) => text !== ''))

/** Password of e-mail dinas reset over WhatsApp: the form spans both processes. */
const emailReset = (name: string, nip: string, phone: string, first: number): Conversation => ({
  name,
  chat: newChat(name, first),
  tickets: 1,
  whatsappTo: [phone],
  resets: 1,
  play: async (chat) => {
    expectText(await chat.say('lupa password email dinas'), /NIP/)
    expectText(await chat.say(nip), CONFIRM)
    const done = await chat.say('ya, benar')
    expectText(done, TICKET)
    expect(done.text).toContain(`nomor 0${phone.slice(2, 5)}****${phone.slice(-4)}`)
  }
})

/** TTE registration: ticket, TTE request row and a notice to the owner's WhatsApp. */
const tteRegistration = (
  name: string,
  nip: string,
  phone: string,
  first: number
): Conversation => ({
  name,
  chat: newChat(name, first),
  tickets: 1,
  whatsappTo: [phone],
  resets: 0,
  play: async (chat) => {
    expectText(await chat.say('mau daftar tte'), /NIP.*NIK/s)
    expectText(await chat.say(nip), CONFIRM)
    expectText(await chat.say('ya'), TICKET)
  }
})

/** A reset that staff do (SRIKANDI): a ticket from data alone, over four messages. */
const staffReset = (name: string, nip: string, phone: string, first: number): Conversation => ({
  name,
  chat: newChat(name, first),
  tickets: 1,
  whatsappTo: [phone],
  resets: 0,
  play: async (chat) => {
    expectText(await chat.say('lupa password'), /password apa/i)
    expectText(await chat.say('/inform{"sistem":"srikandi"}'), /NIP/)
    expectText(await chat.say(nip), CONFIRM)
    expectText(await chat.say('/affirm'), TICKET)
  }
})

/** Asks for a person, then asks the other process for that ticket's status. */
const handoff = (name: string, first: number): Conversation => ({
  name,
  chat: newChat(name, first),
  tickets: 1,
  whatsappTo: [],
  resets: 0,
  play: async (chat) => {
    const opened = await chat.say('mau bicara dengan petugas')
    const ticket = opened.text.match(TICKET)?.[0]
    expect(ticket).toBeDefined()
    const status = await chat.say(`status tiket ${ticket!}`)
    expect(status.text).toContain(`Status tiket ${ticket!}: baru diterima`)
  }
})

/** TTE status: the owner is told over WhatsApp; no ticket. */
const tteStatus = (name: string, nip: string, phone: string, first: number): Conversation => ({
  name,
  chat: newChat(name, first),
  tickets: 0,
  whatsappTo: [phone],
  resets: 0,
  play: async (chat) => {
    expectText(await chat.say('tte saya sudah jadi belum'), /NIP/)
    expectText(await chat.say(nip), CONFIRM)
    expectText(await chat.say('ya'), /aktif dan dapat dipakai/)
  }
})

describe('conversations alternating between two Rasa processes', () => {
  // Fictional employees of actions-server/data/directory.example.yml; one request per NIP.
  const conversations: Conversation[] = [
    emailReset('email-budi', '198503152010011001', '6285600000001', 0),
    emailReset('email-hendra', '198209032009011001', '6285600000007', 1),
    tteRegistration('tte-nur', '198811112012052001', '6285600000006', 0),
    tteRegistration('tte-fajar', '198908252014031001', '6285600000011', 1),
    staffReset('srikandi-dedi', '198404192009041001', '6285600000015', 0),
    staffReset('srikandi-eko', '199001012015031001', '6285600000019', 1),
    handoff('handoff-1', 0),
    handoff('handoff-2', 1),
    tteStatus('tte-status-siti', '198707222011032001', '6285600000002', 1)
  ]
  const outcomes: Array<PromiseSettledResult<void>> = []

  beforeAll(async () => {
    outcomes.push(...(await Promise.allSettled(conversations.map((c) => c.play(c.chat)))))
  }, 300_000)

  test('When nine users talk at once and every message goes to the other Rasa process, then every message is answered with the next step', () => {
    const failures = outcomes.flatMap((outcome, i) =>
      outcome.status === 'rejected'
        ? [`${conversations[i]!.name}: ${String((outcome.reason as Error).message)}`]
        : []
    )
    expect(failures).toEqual([])
    for (const { chat } of conversations) {
      // the turns really alternated: A, B, A, … or B, A, B, …
      chat.turns.forEach((turn, i) => {
        if (i > 0) expect(turn.rasa).not.toBe(chat.turns[i - 1]!.rasa)
      })
    }
  })

  test('When a form is started on one Rasa process, then it continues on the other and the history is the same on both', async () => {
    for (const { chat } of conversations) {
      const [onA, onB] = await Promise.all([
        stack.tracker(0, chat.sender),
        stack.tracker(1, chat.sender)
      ])
      expect(onB.events).toEqual(onA.events)
      const stored = storedTurns(onA.events)
      // every message once, in the order sent, each handled to its end
      expect(stored.map((t) => t.userText)).toEqual(chat.turns.map((t: Turn) => t.text))
      expect(stored.filter((t) => !isCompleteTurn(t))).toEqual([])
      // what the user was sent is what the history says was sent, turn by turn
      expect(stored.map((t) => sentText(t.botTexts))).toEqual(
        chat.turns.map((t) => replyText(t.reply))
      )
      expect(onA.active_loop?.name ?? null).toBeNull()
    }
  })

  test('When the requests are done, then each opened exactly one ticket and every ticket number is unique', async () => {
    const store = await stack.store()
    for (const c of conversations) {
      const rows = await store.all<{ number: string }>(
        'SELECT number FROM tickets WHERE sender_id = ?',
        [c.chat.sender]
      )
      expect([c.name, rows.length]).toEqual([c.name, c.tickets])
      for (const row of rows) {
        expect(c.chat.turns.some((t) => t.reply.text.includes(row.number))).toBe(true)
      }
    }
    const duplicates = await store.all<{ number: string }>(
      'SELECT number FROM tickets GROUP BY number HAVING COUNT(*) > 1'
    )
    expect(duplicates).toEqual([])
  })

  test('When the requests are done, then every WhatsApp message and every account reset happened exactly once', async () => {
    const expected = conversations.flatMap((c) => c.whatsappTo).sort()
    const delivered = stack.whatsapp.delivered.map((m) => m.to).sort()
    expect(delivered).toEqual(expected)
    expect(stack.whatsapp.received.length).toBe(stack.whatsapp.delivered.length)
    for (const c of conversations) {
      const calls = stack.resetApi.calls.filter((call) =>
        call.idempotencyKey.includes(c.chat.sender)
      )
      expect([c.name, calls.length]).toEqual([c.name, c.resets])
    }
    // the shared outbox: one row per message, each sent once, by whichever action server
    const outbox = await (
      await stack.store()
    ).all<{ status: string; attempts: number }>('SELECT status, attempts FROM whatsapp_outbox')
    expect(outbox).toHaveLength(expected.length)
    expect(outbox.filter((row) => row.status !== 'sent' || row.attempts !== 1)).toEqual([])
    // the temporary password went to its owner only, never into the chat
    for (const secret of stack.resetApi.secrets) {
      expect(stack.whatsapp.delivered.filter((m) => m.text.includes(secret))).toHaveLength(1)
      const everything = conversations.flatMap((c) => c.chat.turns.map((t) => t.reply.text))
      expect(everything.join('\n')).not.toContain(secret)
    }
  })
})

describe('one user on both Rasa processes at the same moment', () => {
  // Two messages with answers that cannot be mistaken for each other; the second opens a ticket.
  const FIRST = 'lupa alamat email dinas sy apa'
  const SECOND = 'mau bicara dengan petugas'
  const pairs: Array<{
    sender: string
    answers: Array<{ text: string; reply: Reply; at: number }>
  }> = []

  beforeAll(async () => {
    const senders = Array.from({ length: 6 }, (_, i) => `scale-same-user-${run}-${i}`)
    await Promise.all(senders.map((sender, i) => sendTo(stack.rasaUrls[i % 2]!, sender, 'halo')))
    // each user's two messages leave together, one to A and one to B
    await Promise.all(
      senders.map(async (sender) => {
        const answers: Array<{ text: string; reply: Reply; at: number }> = []
        await Promise.all(
          [FIRST, SECOND].map(async (text, i) => {
            const reply = await sendTo(stack.rasaUrls[i]!, sender, text)
            answers.push({ text, reply, at: Date.now() })
          })
        )
        pairs.push({ sender, answers })
      })
    )
  }, 300_000)

  test('When both messages arrive at once, then Redis lets one process handle one message at a time: each is answered once, in order, with its own answer', async () => {
    expect(pairs).toHaveLength(6)
    const store = await stack.store()
    for (const { sender, answers } of pairs) {
      const byText = new Map(answers.map((a) => [a.text, a.reply.text]))
      expect(byText.get(FIRST)).toMatch(/SIMASN/)
      expect(byText.get(FIRST)).not.toMatch(TICKET)
      expect(byText.get(SECOND)).toMatch(TICKET)

      const tracker = await stack.tracker(0, sender)
      const stored = storedTurns(tracker.events)
      // not interleaved: each message's handling is whole, and neither is lost or doubled
      expect(stored.map((t) => t.userText).sort()).toEqual(['halo', FIRST, SECOND].sort())
      expect(stored[0]!.userText).toBe('halo')
      expect(stored.filter((t) => !isCompleteTurn(t))).toEqual([])
      // in order: the message handled first was answered first, and each answer is its own
      const answeredOrder = [...answers].sort((a, b) => a.at - b.at).map((a) => a.text)
      expect(stored.slice(1).map((t) => t.userText)).toEqual(answeredOrder)
      for (const turn of stored.slice(1)) {
        const answer = answers.find((a) => a.text === turn.userText)!
        expect(sentText(turn.botTexts)).toEqual(replyText(answer.reply))
      }
      const tickets = await store.all<{ number: string }>(
        'SELECT number FROM tickets WHERE sender_id = ?',
        [sender]
      )
      expect(tickets).toHaveLength(1)
    }
  })
})
