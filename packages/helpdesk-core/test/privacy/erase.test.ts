/** Data-subject requests: erase one person's data by NIP, NIK or sender id; nobody else's. */
import { erasePersonalData } from '../../src/privacy/erase'
import { identitySubject, LIMIT_BUCKET } from '../../src/store/identity-limits-repository'
import { emptyCounts } from '../../src/privacy/personal-data'
import { openSqlDb, openStore, type Store } from '../../src'
import { MIGRATIONS } from '../../src/store/migrations'
import { ENGINES, openTestStore, testStoreLocation } from '../helpers/engines'
import { fixedClock } from '../helpers/clock'
import {
  everything,
  seedReset,
  seedTte,
  seedTteStatusNotice,
  tableCounts
} from '../helpers/personal-data-seed'

/** Every table at 0: each expectation lists only what it expects removed. */
const NOTHING_REMOVED = emptyCounts()

const BUDI = { sender: '700100', nip: '198501012010011001', phone: '6281200000001' }
const SITI = { sender: '700200', nik: '3603010101850002' }
const JOKO = { sender: '700300', nip: '199002022015022003', phone: '6281300000003' }

describe.each(ENGINES)('erase one person (data-subject request) on %s', (engine) => {
  let store: Store
  let closeStore: () => Promise<void>
  beforeEach(async () => {
    ;({ store, close: closeStore } = await openTestStore(
      engine,
      fixedClock('2026-09-01T03:00:00Z')
    ))
    await seedReset(store, BUDI)
    await seedTte(store, SITI)
    await seedReset(store, JOKO)
    await seedTte(store, { sender: JOKO.sender, nik: '3603020202900003' })
  })
  afterEach(async () => {
    await closeStore()
  })

  it('When erasing by NIP, then the tickets with that NIP are anonymised and their WhatsApp messages and audit entries deleted; others stay', async () => {
    const removed = await erasePersonalData(store.sql, { kind: 'nip', value: BUDI.nip })

    expect(removed).toEqual({
      ...NOTHING_REMOVED,
      tickets: 1,
      whatsapp_outbox: 1,
      audit_log: 2
    })
    const left = await everything(store)
    expect(left).not.toContain(BUDI.nip)
    expect(left).not.toContain(BUDI.phone)
    expect(left).toContain(JOKO.nip)
    expect(left).toContain(JOKO.phone)
    expect(left).toContain(SITI.nik)
  })

  it('When erasing by NIK, then the TTE request and its ticket lose that NIK; others stay', async () => {
    const removed = await erasePersonalData(store.sql, { kind: 'nik', value: SITI.nik })

    expect(removed).toEqual({
      ...NOTHING_REMOVED,
      tickets: 1,
      tte_requests: 1,
      audit_log: 1
    })
    const left = await everything(store)
    expect(left).not.toContain(SITI.nik)
    expect(left).not.toContain(`"${SITI.sender}"`)
    expect(left).toContain('3603020202900003')
    expect(await store.tteRequests.latestFor(SITI.nik)).toBeUndefined()
  })

  it('When erasing by sender id, then everything that chat left is removed: tickets anonymised, TTE request, outbox and audit rows deleted', async () => {
    const before = await tableCounts(store)

    const removed = await erasePersonalData(store.sql, { kind: 'sender', value: JOKO.sender })

    expect(removed).toEqual({
      ...NOTHING_REMOVED,
      tickets: 2,
      tte_requests: 1,
      whatsapp_outbox: 1,
      audit_log: 4
    })
    expect(await tableCounts(store)).toEqual({
      tickets: before.tickets,
      tickets_with_personal_data: before.tickets_with_personal_data - 2,
      tte_requests: before.tte_requests - 1,
      whatsapp_outbox: before.whatsapp_outbox - 1,
      audit_log: before.audit_log - 4
    })
    const left = await everything(store)
    expect(left).not.toContain(JOKO.nip)
    expect(left).not.toContain('3603020202900003')
    expect(left).not.toContain(JOKO.phone)
    expect(left).not.toContain(`"${JOKO.sender}"`)
    expect(left).toContain(BUDI.nip)
    expect(left).toContain(SITI.nik)
  })

  it('When the person is unknown, then nothing is removed and nothing else changes', async () => {
    const before = await everything(store)

    expect(
      await erasePersonalData(store.sql, { kind: 'nip', value: '197001011990031999' })
    ).toEqual({
      ...NOTHING_REMOVED
    })
    expect(await erasePersonalData(store.sql, { kind: 'sender', value: 'nobody' })).toEqual({
      ...NOTHING_REMOVED
    })
    expect(await everything(store)).toBe(before)
  })

  it('When the same erasure is repeated, then it finds nothing more', async () => {
    await erasePersonalData(store.sql, { kind: 'nip', value: BUDI.nip })

    expect(await erasePersonalData(store.sql, { kind: 'nip', value: BUDI.nip })).toEqual({
      ...NOTHING_REMOVED
    })
  })

  it("When a NIP or a chat is erased, then its rows in the identity limits go too, and nobody else's", async () => {
    const rule = (bucket: string) => ({ name: 'x', bucket, limit: 100, windowMs: 60_000 })
    const budi = identitySubject(BUDI.nip)
    const joko = identitySubject(JOKO.nip)
    await store.identityLimits.consume([
      rule(LIMIT_BUCKET.lookupBySubject(budi)),
      rule(LIMIT_BUCKET.lookupBySender(BUDI.sender)),
      rule(LIMIT_BUCKET.lookupGlobal)
    ])
    await store.identityLimits.consume([
      rule(LIMIT_BUCKET.resetBySubjectAndSystem(budi, 'email_dinas')),
      rule(LIMIT_BUCKET.resetBySubject(budi))
    ])
    await store.identityLimits.consume([
      rule(LIMIT_BUCKET.lookupBySubject(joko)),
      rule(LIMIT_BUCKET.lookupBySender(JOKO.sender))
    ])
    const buckets = async (): Promise<string[]> =>
      (
        await store.sql.all<{ bucket: string }>(
          'SELECT bucket FROM identity_limit_events ORDER BY id'
        )
      ).map((r) => r.bucket)

    expect(
      (await erasePersonalData(store.sql, { kind: 'nip', value: BUDI.nip })).identity_limit_events
    ).toBe(3)
    expect(await buckets()).toEqual([
      LIMIT_BUCKET.lookupBySender(BUDI.sender),
      LIMIT_BUCKET.lookupGlobal,
      LIMIT_BUCKET.lookupBySubject(joko),
      LIMIT_BUCKET.lookupBySender(JOKO.sender)
    ])
    expect(
      (await erasePersonalData(store.sql, { kind: 'sender', value: BUDI.sender }))
        .identity_limit_events
    ).toBe(1)
    expect(await buckets()).toEqual([
      LIMIT_BUCKET.lookupGlobal,
      LIMIT_BUCKET.lookupBySubject(joko),
      LIMIT_BUCKET.lookupBySender(JOKO.sender)
    ])
  })
})

describe.each(ENGINES)('erase: the staff console takeovers (migration 6) on %s', (engine) => {
  it("When erasing by sender id, then the takeovers of that chat are deleted and another chat's stay", async () => {
    const { store, close } = await openTestStore(engine, fixedClock('2026-09-01T03:00:00Z'))
    try {
      await seedReset(store, BUDI)
      await seedReset(store, JOKO)
      const sql = store.sql
      const staff = await sql.get<{ id: number }>(
        "INSERT INTO staff_accounts (username, role, password_hash, created_at, password_changed_at) VALUES ('rina', 'petugas', 'x', '2026-09-01T03:00:00Z', '2026-09-01T03:00:00Z') RETURNING id"
      )
      const takeover = (sender: string) =>
        sql.run(
          "INSERT INTO takeovers (ticket_id, sender_id, staff_id, staff_username, started_at, last_activity_at) SELECT id, sender_id, ?, 'rina', '2026-09-01T03:00:00Z', '2026-09-01T03:00:00Z' FROM tickets WHERE sender_id = ?",
          [staff?.id ?? 0, sender]
        )
      await takeover(BUDI.sender)
      await takeover(JOKO.sender)

      const removed = await erasePersonalData(sql, { kind: 'sender', value: BUDI.sender })

      expect(removed.takeovers).toBe(1)
      expect(await sql.all('SELECT sender_id FROM takeovers')).toEqual([{ sender_id: JOKO.sender }])
    } finally {
      await close()
    }
  })
})

describe.each(ENGINES)(
  'erase: WhatsApp messages without a ticket (owner notices, migration 10) on %s',
  (engine) => {
    const BUDI_NIK = '3603121503850001'
    /** A chat that checked the TTE status with Budi's NIK (someone who knows it). */
    const STRANGER = '700900'
    let store: Store
    let closeStore: () => Promise<void>
    beforeEach(async () => {
      ;({ store, close: closeStore } = await openTestStore(
        engine,
        fixedClock('2026-09-01T03:00:00Z')
      ))
      await seedReset(store, BUDI)
      await seedTteStatusNotice(store, {
        sender: BUDI.sender,
        identity: BUDI.nip,
        phone: BUDI.phone,
        fullName: 'Budi Santoso',
        label: 'NIP'
      })
      await seedTteStatusNotice(store, {
        sender: STRANGER,
        identity: BUDI_NIK,
        phone: BUDI.phone,
        fullName: 'Budi Santoso',
        label: 'NIK'
      })
      await seedTteStatusNotice(store, {
        sender: JOKO.sender,
        identity: JOKO.nip,
        phone: JOKO.phone,
        fullName: 'Joko Susilo',
        label: 'NIP'
      })
    })
    afterEach(async () => {
      await closeStore()
    })

    /** What is left in the outbox: who it went to, about which chat, and its text. */
    const outbox = async () =>
      (await store.outbox.list()).map((m) => ({
        to: m.recipient,
        chat: m.senderId,
        text: (m.payload as { text: { body: string } }).text.body
      }))
    const notified = async (): Promise<string[]> =>
      (await store.audit.list()).filter((e) => e.event === 'owner_notified').map((e) => e.senderId)

    it("When erasing by NIP, then the TTE status notice about that NIP goes with the ticket's message and both audit entries; the NIK's notice and Joko's stay", async () => {
      const removed = await erasePersonalData(store.sql, { kind: 'nip', value: BUDI.nip })

      expect(removed).toEqual({
        ...NOTHING_REMOVED,
        tickets: 1,
        whatsapp_outbox: 2,
        audit_log: 3
      })
      expect(await outbox()).toEqual([
        {
          to: BUDI.phone,
          chat: STRANGER,
          text: 'Halo Budi Santoso, ada permintaan cek status TTE atas NIK Anda melalui chat helpdesk.'
        },
        {
          to: JOKO.phone,
          chat: JOKO.sender,
          text: 'Halo Joko Susilo, ada permintaan cek status TTE atas NIP Anda melalui chat helpdesk.'
        }
      ])
      expect(await notified()).toEqual([STRANGER, JOKO.sender])
    })

    it('When erasing by NIK, then the notice of the status check made with that NIK is deleted, whichever chat asked', async () => {
      const removed = await erasePersonalData(store.sql, { kind: 'nik', value: BUDI_NIK })

      expect(removed).toEqual({ ...NOTHING_REMOVED, whatsapp_outbox: 1, audit_log: 1 })
      expect((await outbox()).map((m) => m.chat)).toEqual([null, BUDI.sender, JOKO.sender])
      expect(await notified()).toEqual([BUDI.sender, JOKO.sender])
    })

    it('When a person known by NIP and NIK is erased by both, then their number on file and their name are nowhere in the store', async () => {
      await erasePersonalData(store.sql, { kind: 'nip', value: BUDI.nip })
      await erasePersonalData(store.sql, { kind: 'nik', value: BUDI_NIK })

      const left = await everything(store)
      expect(left).not.toContain(BUDI.phone)
      expect(left).not.toContain('Budi Santoso')
      expect(left).toContain(JOKO.phone)
      expect(left).toContain('Joko Susilo')
    })

    it("When erasing by sender id, then the notices that chat caused are deleted although they have no ticket; other chats' stay", async () => {
      const removed = await erasePersonalData(store.sql, { kind: 'sender', value: STRANGER })

      expect(removed).toEqual({ ...NOTHING_REMOVED, whatsapp_outbox: 1, audit_log: 1 })
      expect((await outbox()).map((m) => m.chat)).toEqual([null, BUDI.sender, JOKO.sender])

      expect(await erasePersonalData(store.sql, { kind: 'sender', value: JOKO.sender })).toEqual({
        ...NOTHING_REMOVED,
        whatsapp_outbox: 1,
        audit_log: 1
      })
      expect(await everything(store)).not.toContain(JOKO.phone)
      expect((await outbox()).map((m) => m.chat)).toEqual([null, BUDI.sender])
    })

    it('When a notice was queued before migration 10, then the upgrade gives it the chat from its audit entry and an erasure by sender finds it', async () => {
      const { location, drop } = await testStoreLocation(engine)
      try {
        const before10 = MIGRATIONS.filter((m) => m.version < 10)
        const { sql: old } = await openSqlDb(location, before10)
        for (const [sender, phone] of [
          [BUDI.sender, BUDI.phone],
          [JOKO.sender, JOKO.phone]
        ] as const) {
          const row = await old.get<{ id: number }>(
            `INSERT INTO whatsapp_outbox (idempotency_key, recipient, payload, contains_secret, next_attempt_at, created_at, updated_at)
             VALUES (?, ?, '{"text":{"body":"Halo, ada permintaan cek status TTE"}}', 0, 't', 't', 't') RETURNING id`,
            [`notice:tte-status:${sender}:m1`, phone]
          )
          await old.run(
            "INSERT INTO audit_log (at, sender_id, event, detail) VALUES ('t', ?, 'owner_notified', ?)",
            [
              sender,
              JSON.stringify({ layanan: 'cek status TTE', status: 'queued', outbox: row?.id })
            ]
          )
        }
        // A message without any audit entry keeps no chat.
        await old.run(
          `INSERT INTO whatsapp_outbox (idempotency_key, recipient, payload, contains_secret, next_attempt_at, created_at, updated_at)
           VALUES ('other', '6281299999999', '{}', 0, 't', 't', 't')`
        )
        await old.close()

        const upgraded = await openStore(location, fixedClock('2026-09-01T03:00:00Z'))
        try {
          expect(
            (await upgraded.outbox.list()).map((m) => [m.recipient, m.senderId, m.subject])
          ).toEqual([
            [BUDI.phone, BUDI.sender, null],
            [JOKO.phone, JOKO.sender, null],
            ['6281299999999', null, null]
          ])
          expect(
            await erasePersonalData(upgraded.sql, { kind: 'sender', value: BUDI.sender })
          ).toEqual({ ...NOTHING_REMOVED, whatsapp_outbox: 1, audit_log: 1 })
          expect((await upgraded.outbox.list()).map((m) => m.recipient)).toEqual([
            JOKO.phone,
            '6281299999999'
          ])
        } finally {
          await upgraded.close()
        }
      } finally {
        await drop()
      }
    })
  }
)
