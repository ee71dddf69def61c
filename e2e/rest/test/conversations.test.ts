import Database from 'better-sqlite3'
import { readStore } from '../../shared/ticket-store'
import { type BotMessage, RestChat } from '../src/rest-chat'
import { Stack } from '../src/stack'
import { describeSatisfaction } from './satisfaction'
import { describeDashboard } from './dashboard-loop'
import { describeStaffLoop } from './staff-loop'
import { describeRasaLogPrivacy } from './rasa-log-privacy'

/**
 * Every reference conversation (greeting, forgotten passwords per route, TTE, a human) driven through real Rasa (REST channel) and the real
 * action server; WhatsApp Cloud API and the agency reset API are loopback fakes.
 * Budi Santoso (NIP 198503152010011001, WhatsApp 6285600000001) is the directory's contract example.
 * The staff console's side of a bot ticket (test/staff-loop.ts) runs here too: Rasa starts once.
 */
const BUDI_NIP = '198503152010011001'
const BUDI_PHONE = '6285600000001'
const FAJAR_NIP = '198908252014031001'
const WULAN_NIP = '199503092020012001'
const TICKET = /TIK-\d{8}-\d{4,}/

const stack = new Stack()
const allReplies: BotMessage[] = []
const chat = (name: string): RestChat => new RestChat(stack.rasaUrl, allReplies, name)

beforeAll(async () => {
  await stack.start()
}, 300000)
afterAll(async () => {
  await stack.stop()
}, 60000)

describe('1. greeting', () => {
  test('When the user says hi, then the bot introduces itself, asks what it can do and offers the services', async () => {
    const reply = await chat('greet').say('halo min')
    expect(reply.text.toLowerCase()).toContain('apa yang bisa kami bantu')
    expect(reply.text).toMatch(/asisten virtual/i)
    expect(reply.payloads()).toEqual(
      expect.arrayContaining([
        '/lupa_password',
        '/lupa_email',
        '/daftar_tte',
        '/cek_status_tte',
        '/minta_petugas'
      ])
    )
  })

  test('When the user presses /start, then the personal-data notice comes before the greeting', async () => {
    const reply = await chat('start').say('/start', {
      telegram: { chat_id: 1, user_id: 1, message_id: 1, language_code: 'id', start: '' }
    })
    expect(reply.text).toMatch(/data pribadi/i)
    expect(reply.text.indexOf('data pribadi')).toBeLessThan(
      reply.text.toLowerCase().indexOf('apa yang bisa kami bantu')
    )
  })
})

describe('2. forgot password', () => {
  test('When the system is SIMASN, then the bot gives the steps and the BKPSDM WhatsApp link, then asks if more help is needed', async () => {
    const c = chat('simasn')
    const ask = await c.say('sy lupa pw min')
    expect(ask.text.toLowerCase()).toContain('password apa')
    expect(ask.payloads()).toEqual(
      expect.arrayContaining(['/inform{"sistem":"simasn"}', '/inform{"sistem":"email_dinas"}'])
    )
    const steps = await c.say('/inform{"sistem":"simasn"}')
    expect(steps.text).toContain('https://simasn.example.go.id')
    expect(steps.text).toMatch(/Jika masih terkendala, hubungi BKPSDM/)
    expect(steps.text + steps.urls().join(' ')).toContain('https://wa.me/6285600000091')
    expect(steps.text.toLowerCase()).toContain('masih ada yang bisa kami bantu')
  })

  test('When the system is e-mail dinas, then the new password goes by WhatsApp to the number on file and the chat only shows the masked number', async () => {
    const c = chat('email')
    const askNip = await c.say('lupa password email dinas')
    expect(askNip.text).toMatch(/NIP/)
    const confirm = await c.say(`nip saya ${BUDI_NIP}`)
    expect(confirm.text.toLowerCase()).toContain('apakah data ini sudah benar')
    expect(confirm.text).toContain('B*** S*****')
    expect(confirm.text).not.toContain('Budi')
    expect(confirm.payloads()).toEqual(expect.arrayContaining(['/affirm', '/deny']))
    const done = await c.say('/affirm')
    expect(done.text).toContain('nomor 0856****0001')
    expect(done.text).not.toMatch(/085600000001|6285600000001/)
    expect(done.text).toMatch(TICKET)
    expect(done.text.toLowerCase()).toContain('masih ada yang bisa kami bantu')

    const call = stack.resetApi.calls.find((x) => x.idempotencyKey.includes(c.sender))
    expect(call).toMatchObject({ sistem: 'email_dinas', nip: BUDI_NIP })
    const secret = call!.temporaryPassword
    const sent = stack.whatsapp.delivered.filter((m) => m.text.includes(secret))
    expect(sent).toEqual([expect.objectContaining({ to: BUDI_PHONE, type: 'text' })])
    expect(done.text).not.toContain(secret)

    const { tickets } = readStore(stack.databaseFile, c.sender)
    expect(tickets.map((t) => t.category)).toEqual(['reset_password'])
    expect(done.text).toContain(tickets[0]!.number)
  })

  test('When the NIP is given in the first message with typos and slang, then the bot goes straight to the confirmation', async () => {
    const c = chat('email-prefilled')
    // another employee: a second reset of Budi's e-mail within RESET_REPEAT_WINDOW_MINUTES would
    // (rightly) be answered with "the earlier request stands"
    const confirm = await c.say('lupa pw email kantor, nip 198209032009011001')
    expect(confirm.text.toLowerCase()).toContain('apakah data ini sudah benar')
    const done = await c.say('iya betul')
    expect(done.text).toContain('nomor 0856****0007')
  })

  test('When the NIP has the wrong length, then the bot says exactly what is wrong and asks again', async () => {
    const c = chat('bad-nip')
    await c.say('lupa password email dinas')
    const wrong = await c.say('19850315201001100')
    expect(wrong.text).toMatch(/NIP harus 18 digit; yang Anda kirim 17 digit/)
    const confirm = await c.say(BUDI_NIP)
    expect(confirm.text.toLowerCase()).toContain('apakah data ini sudah benar')
  })

  test('When the NIP is written in groups of four digits, then it is read as one NIP, not as a NIK', async () => {
    const c = chat('nip-groups')
    await c.say('lupa password email dinas')
    const confirm = await c.say('1985 0315 2010 0110 01')
    expect(confirm.text.toLowerCase()).toContain('apakah data ini sudah benar')
    expect(confirm.text).toContain('1985***********001')
  })

  test('When the user says the data is not right, then the bot asks for the NIP again and sends nothing', async () => {
    const c = chat('deny-confirm')
    await c.say('lupa password email dinas')
    await c.say(BUDI_NIP)
    const again = await c.say('bukan, salah')
    expect(again.text).toMatch(/NIP/)
    expect(again.text.toLowerCase()).not.toContain('apakah data ini sudah benar')
    expect(stack.resetApi.calls.filter((x) => x.idempotencyKey.includes(c.sender))).toEqual([])
  })

  test('When another system of the knowledge base routes to staff (SRIKANDI), then a ticket is opened from data alone', async () => {
    const c = chat('srikandi')
    await c.say('lupa password')
    await c.say('/inform{"sistem":"srikandi"}')
    await c.say(BUDI_NIP)
    const done = await c.say('/affirm')
    expect(done.text).toMatch(TICKET)
    expect(readStore(stack.databaseFile, c.sender).tickets.length).toBe(1)
  })
})

describe('3. forgot e-mail account', () => {
  test('When the user forgot the e-mail address, then the bot points to the profile in SIMASN and to keep the password secret', async () => {
    const reply = await chat('lupa-email').say('lupa alamat email dinas sy apa')
    expect(reply.text).toMatch(/SIMASN/)
    expect(reply.text).toMatch(/Profil/)
    expect(reply.text.toLowerCase()).toContain('masih ada yang bisa kami bantu')
  })
})

describe('4. TTE registration', () => {
  test('When an employee registers with an NIP, then the request is recorded with a ticket number and the next steps', async () => {
    const c = chat('tte-nip')
    const ask = await c.say('mau daftar tte')
    expect(ask.text).toMatch(/NIP.*NIK/s)
    const confirm = await c.say('198811112012052001')
    expect(confirm.text.toLowerCase()).toContain('apakah data ini sudah benar')
    const done = await c.say('ya')
    expect(done.text).toMatch(TICKET)
    const { tickets, tteRequests } = readStore(stack.databaseFile, c.sender)
    expect(tickets.map((t) => t.category)).toEqual(['tte'])
    expect(tteRequests).toEqual([
      expect.objectContaining({
        ticket_number: tickets[0]!.number,
        jenis_identitas: 'nip',
        status: 'diajukan'
      })
    ])
  })

  test('When a non-ASN registers with a NIK given before being asked, then the masked NIK is confirmed and recorded', async () => {
    const c = chat('tte-nik')
    const confirm = await c.say('daftar tte pakai nik 3204110609970001')
    expect(confirm.text.toLowerCase()).toContain('apakah data ini sudah benar')
    expect(confirm.text).not.toContain('3204110609970001')
    const done = await c.say('/affirm')
    expect(done.text).toMatch(TICKET)
    expect(readStore(stack.databaseFile, c.sender).tteRequests).toEqual([
      expect.objectContaining({ jenis_identitas: 'nik' })
    ])
  })
})

describe('5. TTE status', () => {
  test('When an employee with an active TTE asks its status, then the bot says it is active', async () => {
    const c = chat('tte-status')
    const ask = await c.say('tte saya sudah jadi belum')
    expect(ask.text).toMatch(/NIP/)
    const confirm = await c.say('198707222011032001')
    expect(confirm.text.toLowerCase()).toContain('apakah data ini sudah benar')
    expect(confirm.text).not.toMatch(/aktif dan dapat dipakai/)
    const status = await c.say('ya')
    expect(status.text).toMatch(/aktif dan dapat dipakai/)
    expect(status.text.toLowerCase()).toContain('masih ada yang bisa kami bantu')
    const notice = stack.whatsapp.delivered.filter((m) => m.to === '6285600000002')
    expect(notice).toEqual([expect.objectContaining({ type: 'text' })])
    expect(notice[0]!.text).toContain('ada permintaan cek status TTE atas NIP Anda')
  })
})

describe('identity flows in a group chat', () => {
  test('When someone starts a TTE request with an NIP in a group, then the bot answers one line asking for a private chat and shows nothing of the person', async () => {
    const c = chat('group')
    const group = {
      telegram: {
        chat_id: -1001234,
        user_id: 55,
        message_id: 3,
        language_code: 'id',
        chat_type: 'supergroup'
      }
    }
    const reply = await c.say('daftar tte nip 198811112012052001', group)
    expect(reply.messages).toHaveLength(1)
    expect(reply.text).toContain('hanya kami layani lewat chat pribadi')
    expect(reply.text.toLowerCase()).not.toContain('apakah data ini sudah benar')
    expect(reply.text).not.toMatch(/N\*\*\* H\*+|1988\*/)
    expect(readStore(stack.databaseFile, c.sender).tickets).toEqual([])
  })
})

describe('6. fallback', () => {
  test('When the bot does not understand twice, then it asks to rephrase and the second time offers a human', async () => {
    const c = chat('fallback')
    const first = await c.say('kjhsdf sdkjfh')
    expect(first.text.toLowerCase()).toContain('coba ulangi')
    expect(first.payloads()).not.toContain('/minta_petugas')
    const second = await c.say('fjdksla')
    expect(second.text.toLowerCase()).toContain('coba ulangi')
    expect(second.payloads()).toContain('/minta_petugas')
  })
})

describe('keyboard mashing', () => {
  test('When the user mashes the keyboard, then the bot asks to try again instead of answering "sama-sama"', async () => {
    const c = chat('mashing')
    for (const text of ['asdf qwerty', 'qwertyuiop', '???']) {
      const reply = await c.say(text)
      expect([text, reply.text.toLowerCase()]).toEqual([
        text,
        expect.stringContaining('coba ulangi')
      ])
      expect(reply.text.toLowerCase()).not.toContain('sama-sama')
    }
  })
})

describe('identity typed out of context', () => {
  test('When a NIP is typed before any request, then the menu comes and a later TTE status asks for the NIP instead of using it', async () => {
    const c = chat('nip-out-of-context')
    const menu = await c.say('198707222011032001')
    expect(menu.payloads()).toContain('/cek_status_tte')
    const ask = await c.say('cek status tte')
    expect(ask.text).toMatch(/silakan kirim NIP/i)
    expect(ask.text).not.toMatch(/aktif dan dapat dipakai|tidak ditemukan/i)
    // the NIP typed now is confirmed like any other (issue 11.3), then the status comes
    const confirm = await c.say('198707222011032001')
    expect(confirm.text.toLowerCase()).toContain('apakah data ini sudah benar')
    const status = await c.say('ya')
    expect(status.text).toMatch(/aktif dan dapat dipakai/)
  })
})

describe('7. still need help?', () => {
  test('When the user answers yes, then the menu comes back; when no, then the bot says goodbye', async () => {
    const c = chat('masih-ada')
    await c.say('lupa akun email')
    const menu = await c.say('/affirm')
    expect(menu.text.toLowerCase()).toContain('apa yang bisa kami bantu')
    expect(menu.payloads()).toContain('/daftar_tte')
    await c.say('lupa email kantor')
    const bye = await c.say('/deny')
    expect(bye.text).toMatch(/Terima kasih telah menghubungi/)
  })
})

describe('unexpected yes/no', () => {
  test('When the user says yes or no without a question, then the menu comes back once (no repeated fallback)', async () => {
    const c = chat('yes-no')
    await c.say('halo')
    const yes = await c.say('ya')
    expect(yes.messages).toHaveLength(1)
    expect(yes.text.toLowerCase()).toContain('apa yang bisa kami bantu')
    const no = await c.say('tidak')
    expect(no.messages).toHaveLength(1)
    expect(no.payloads()).toContain('/lupa_password')
  })
})

describe('8. human handoff', () => {
  test('When the user asks for staff, then a handoff ticket is opened and the WhatsApp link carries its number', async () => {
    const c = chat('handoff')
    const reply = await c.say('mau bicara dengan petugas')
    const ticket = reply.text.match(TICKET)?.[0]
    expect(ticket).toBeDefined()
    expect(
      reply
        .urls()
        .some(
          (u) =>
            u.startsWith('https://wa.me/6285600000099') && decodeURIComponent(u).includes(ticket!)
        )
    ).toBe(true)
    const { tickets } = readStore(stack.databaseFile, c.sender)
    expect(tickets).toEqual([expect.objectContaining({ number: ticket, category: 'handoff' })])
  })
})

describe('status of a ticket (issue 15)', () => {
  /** The audit events the action server recorded for one chat (read-only). */
  const auditEvents = (sender: string): string[] => {
    const db = new Database(stack.databaseFile, { readonly: true, fileMustExist: true })
    try {
      return (
        db.prepare('SELECT event FROM audit_log WHERE sender_id = ? ORDER BY id').all(sender) as {
          event: string
        }[]
      ).map((r) => r.event)
    } finally {
      db.close()
    }
  }
  const NEUTRAL = /tidak kami temukan untuk chat ini/

  test('When the chat that opened a ticket asks "status tiket TIK-…", then it gets the status; another chat gets the same answer as an unknown number', async () => {
    const owner = chat('ticket-owner')
    const opened = await owner.say('mau bicara dengan petugas')
    const ticket = opened.text.match(TICKET)?.[0]
    expect(ticket).toBeDefined()

    const status = await owner.say(`status tiket ${ticket!}`)
    expect(status.text).toContain(`Status tiket ${ticket!}: baru diterima dan menunggu petugas.`)
    expect(status.text).toContain('Belum ada catatan dari petugas untuk Anda.')
    expect(status.text).not.toMatch(/NIP|NIK|TTE/)

    const lower = await owner.say(`cek tiket ${ticket!.toLowerCase().replace(/-/g, ' ')} dong`)
    expect(lower.text).toContain(`Status tiket ${ticket!}: baru diterima`)

    const stranger = chat('ticket-stranger')
    const theirs = await stranger.say(`status tiket ${ticket!}`)
    expect(theirs.text).toMatch(NEUTRAL)
    expect(theirs.text).not.toMatch(/baru diterima|menunggu petugas/)
    const unknownNumber = 'TIK-20200101-9999'
    const unknown = await stranger.say(`status tiket ${unknownNumber}`)
    expect(unknown.text).toBe(theirs.text.replace(ticket!, unknownNumber))
    expect(unknown.buttons).toEqual(theirs.buttons)
  })

  test('When asked without a number, then the chat gets its own tickets as buttons, and pressing one shows its status', async () => {
    const c = chat('ticket-buttons')
    const opened = await c.say('tolong sambungkan ke petugas')
    const ticket = opened.text.match(TICKET)?.[0]
    expect(ticket).toBeDefined()
    const list = await c.say('tiket saya sudah sampai mana ya')
    const payload = `/cek_status_tiket{"nomor_tiket":"${ticket!}"}`
    expect(list.payloads()).toEqual([payload])
    const pressed = await c.say(payload)
    expect(pressed.text).toContain(`Status tiket ${ticket!}:`)
  })

  test('When a ticket number is sent while the bot asks for the NIP, then it is not read as a NIP and no identity attempt is used', async () => {
    const c = chat('ticket-in-form')
    const ask = await c.say('cek status tte')
    expect(ask.text).toMatch(/silakan kirim NIP/i)
    const reply = await c.say('status tiket TIK-20261129-0001')
    expect(reply.text).not.toMatch(/harus 18 digit|12 digit|tidak ditemukan di data kepegawaian/)
    expect(reply.text).toMatch(NEUTRAL)
    expect(reply.text).toMatch(/NIP/) // the form asks again
    const bare = await c.say('TIK-20261129-0002')
    expect(bare.text).not.toMatch(/harus 18 digit|12 digit/)
    expect(auditEvents(c.sender)).not.toContain('identity_failed')
    const confirm = await c.say('198707222011032001')
    expect(confirm.text.toLowerCase()).toContain('apakah data ini sudah benar')
  })
})

describe('digressions inside a form', () => {
  test('When the user asks whether it is a bot while asked for the NIP, then it answers and asks for the NIP again', async () => {
    const c = chat('bot-challenge')
    await c.say('daftar tte')
    const reply = await c.say('ini bot ya?')
    expect(reply.text).toMatch(/asisten virtual \(bot\)/)
    expect(reply.text).toMatch(/NIP/)
    const confirm = await c.say('198811112012052001')
    expect(confirm.text.toLowerCase()).toContain('apakah data ini sudah benar')
  })

  test('When the user cancels, then nothing is processed and the next request starts fresh', async () => {
    const c = chat('batal')
    await c.say('lupa password email dinas')
    const cancelled = await c.say('batal')
    expect(cancelled.text).toMatch(/dibatalkan|batalkan/)
    const fresh = await c.say('lupa password')
    expect(fresh.text.toLowerCase()).toContain('password apa')
    expect(readStore(stack.databaseFile, c.sender).tickets).toEqual([])
  })

  test('When the user changes topic mid-form, then the new request is served', async () => {
    const c = chat('topic-change')
    await c.say('lupa password')
    const status = await c.say('eh cek status tte aja deh')
    expect(status.text).toMatch(/NIP/)
    await c.say('198707222011032001')
    const answer = await c.say('ya')
    expect(answer.text).toMatch(/aktif dan dapat dipakai/)
  })
})

describe('durable conversations (Rasa SQL tracker store on SQLite)', () => {
  test('When Rasa is killed mid-form and restarts on the same tracker database, then the form continues where it was and the history is kept', async () => {
    const c = chat('crash-mid-form')
    const askNip = await c.say('lupa password email dinas')
    expect(askNip.text).toMatch(/NIP/)

    await stack.crashAndRestartRasa()

    const kept = await stack.rasaTracker(c.sender)
    expect(kept.events.filter((e) => e.event === 'user').map((e) => e.text)).toEqual([
      'lupa password email dinas'
    ])
    expect(kept.events.filter((e) => e.event === 'bot').length).toBeGreaterThan(0)
    expect(kept.active_loop?.name).toBe('lupa_password_form')
    expect(kept.slots.sistem).toBe('email_dinas')

    // the next answer is taken as the NIP the form asked for, not as the start of a new conversation
    const confirm = await c.say(BUDI_NIP)
    expect(confirm.text.toLowerCase()).toContain('apakah data ini sudah benar')
    expect(confirm.text).toContain('B*** S*****')
  }, 300000)
})

describe('action server restarts (a deploy, or a crash and its restart) or fails', () => {
  test('When the action server is down as the user confirms and is back within seconds, then the user still gets the result, and the password is reset and sent once', async () => {
    const c = chat('actions-restart')
    expect((await c.say('lupa password email dinas')).text).toMatch(/NIP/)
    const confirm = await c.say(FAJAR_NIP)
    expect(confirm.text.toLowerCase()).toContain('apakah data ini sudah benar')

    await stack.killActions()
    // Rasa gets the answer while nothing listens on the action server's port.
    const answer = c.say('ya')
    await new Promise((resolve) => setTimeout(resolve, 1500))
    await stack.startActions()
    const done = await answer

    expect(done.text).toContain('nomor 0856****0011')
    expect(done.text).toMatch(TICKET)
    expect(done.text.toLowerCase()).toContain('masih ada yang bisa kami bantu')
    const resets = stack.resetApi.calls.filter((x) => x.nip === FAJAR_NIP)
    expect(resets).toHaveLength(1)
    expect(
      stack.whatsapp.delivered.filter((m) => m.text.includes(resets[0]!.temporaryPassword))
    ).toEqual([expect.objectContaining({ to: '6285600000011' })])
    const { tickets } = readStore(stack.databaseFile, c.sender)
    expect(tickets.map((t) => t.category)).toEqual(['reset_password'])
    expect(done.text).toContain(tickets[0]!.number)
  }, 120000)

  test('When the action fails as the bot completes a request (its store is unavailable), then the user is told the result is missing instead of a bare "masih ada", and asking again starts over with the NIP', async () => {
    const c = chat('store-fails')
    expect((await c.say('lupa password email dinas')).text).toMatch(/NIP/)
    expect((await c.say(WULAN_NIP)).text.toLowerCase()).toContain('apakah data ini sudah benar')

    // The action server answers 500 while it cannot write tickets (validation does not need them).
    const db = new Database(stack.databaseFile)
    db.exec('ALTER TABLE tickets RENAME TO tickets_unavailable')
    let failed
    try {
      failed = await c.say('ya')
    } finally {
      db.exec('ALTER TABLE tickets_unavailable RENAME TO tickets')
      db.close()
    }
    expect(failed.text).toContain('layanan kami sedang mengalami gangguan')
    expect(failed.text).toContain('Silakan ulangi permintaan Anda')
    expect(failed.text.toLowerCase()).toContain('masih ada yang bisa kami bantu')
    expect(failed.text).not.toMatch(TICKET)
    expect(stack.resetApi.calls.filter((x) => x.nip === WULAN_NIP)).toEqual([])

    // The old confirmation is not acted on: the request starts over.
    expect((await c.say('lupa password email dinas')).text).toMatch(/kirim NIP/)
    expect((await c.say(WULAN_NIP)).text.toLowerCase()).toContain('apakah data ini sudah benar')
    const done = await c.say('ya')
    expect(done.text).toContain('nomor 0856****0012')
    expect(done.text).toMatch(TICKET)
    expect(stack.resetApi.calls.filter((x) => x.nip === WULAN_NIP)).toHaveLength(1)
  }, 120000)
})

// Section 9 lives in its own file; registered here so it reuses this file's stack.
describeStaffLoop(stack, chat)
// Section 10 (satisfaction survey) too.
describeSatisfaction(stack, chat)
describeDashboard(stack)
describeRasaLogPrivacy(stack, chat)

test('No secret, full phone number or full NIP ever reached a chat', () => {
  expect(allReplies.length).toBeGreaterThan(30)
  const everything = JSON.stringify(allReplies)
  for (const secret of stack.resetApi.secrets) expect(everything).not.toContain(secret)
  expect(stack.resetApi.secrets.length).toBeGreaterThan(0)
  expect(everything).not.toContain(BUDI_PHONE)
  expect(everything).not.toContain('085600000001')
  expect(everything).not.toContain(BUDI_NIP)
})
