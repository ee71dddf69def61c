/** Puts one person's footprint in the store, the way the helpdesk actions write it. */
import type { Store } from '../../src/store'
import { identitySubject } from '../../src/store/identity-limits-repository'
import { maskPhone } from '../../src/identity'

export interface Footprint {
  ticket: string
  outboxKey: string
}

/** A reset by WhatsApp: ticket with the NIP, audit entries, a queued WhatsApp message. */
export async function seedReset(
  store: Store,
  person: { sender: string; nip: string; phone: string }
): Promise<Footprint> {
  const key = `reset:simasn:${person.sender}:m1`
  const ticket = await store.tickets.open({
    category: 'reset_password',
    senderId: person.sender,
    summary: 'Reset password SIMASN (dikerjakan petugas)',
    data: {
      sistem: 'simasn',
      nip: person.nip,
      nama: 'Budi Santoso',
      unit_kerja: 'Dinas Kominfo',
      whatsapp_tujuan: '0812****0001'
    },
    requestKey: key
  })
  await store.audit.record(person.sender, 'identity_lookup', {
    form: 'lupa_password_form',
    jenis: 'nip',
    identitas: '1985***********001'
  })
  await store.audit.record(person.sender, 'ticket_opened', {
    ticket: ticket.number,
    category: 'reset_password'
  })
  await store.outbox.enqueue({
    idempotencyKey: `${key}:wa`,
    recipient: person.phone,
    payload: { text: { body: 'Halo Budi, permintaan reset …' } },
    containsSecret: false,
    ticketNumber: ticket.number
  })
  await store.audit.record(person.sender, 'whatsapp_queued', {
    ticket: ticket.number,
    to: '0812****0001',
    status: 'queued'
  })
  return { ticket: ticket.number, outboxKey: `${key}:wa` }
}

/** A TTE registration with a NIK: ticket, TTE request, audit entry. */
export async function seedTte(
  store: Store,
  person: { sender: string; nik: string }
): Promise<Footprint> {
  const key = `tte:${person.sender}:m2`
  const ticket = await store.tickets.open({
    category: 'tte',
    senderId: person.sender,
    summary: 'Pendaftaran TTE',
    data: { identitas: person.nik, pegawai: false },
    requestKey: key
  })
  await store.tteRequests.record({
    ticketNumber: ticket.number,
    senderId: person.sender,
    jenisIdentitas: 'nik',
    identitas: person.nik
  })
  await store.audit.record(person.sender, 'tte_requested', { ticket: ticket.number, jenis: 'nik' })
  return { ticket: ticket.number, outboxKey: '' }
}

/**
 * The owner notice of a TTE status check, the way actions-server's notifyOwner writes it: a
 * WhatsApp message to the number on file with the owner's full name, no ticket (a status check
 * opens none), the NIP/NIK pseudonym and the chat that asked (migration 10), and the audit entry
 * that records it.
 */
export async function seedTteStatusNotice(
  store: Store,
  notice: {
    sender: string
    identity: string
    phone: string
    fullName: string
    label: 'NIP' | 'NIK'
  }
): Promise<{ outboxId: number }> {
  const { message } = await store.outbox.enqueue({
    idempotencyKey: `notice:tte-status:${notice.sender}:m3`,
    recipient: notice.phone,
    payload: {
      text: {
        body: `Halo ${notice.fullName}, ada permintaan cek status TTE atas ${notice.label} Anda melalui chat helpdesk.`
      }
    },
    containsSecret: false,
    subject: identitySubject(notice.identity),
    senderId: notice.sender
  })
  await store.audit.record(notice.sender, 'owner_notified', {
    layanan: 'cek status TTE',
    to: maskPhone(notice.phone),
    status: 'queued',
    outbox: message.id
  })
  return { outboxId: message.id }
}

/** Rows per table, and how many tickets still hold personal data. */
export interface TableCounts {
  tickets: number
  tickets_with_personal_data: number
  tte_requests: number
  whatsapp_outbox: number
  audit_log: number
}

export async function tableCounts(store: Store): Promise<TableCounts> {
  const n = async (sql: string): Promise<number> =>
    (await store.sql.get<{ n: number }>(sql))?.n ?? 0
  return {
    tickets: await n('SELECT COUNT(*) AS n FROM tickets'),
    tickets_with_personal_data: await n(
      "SELECT COUNT(*) AS n FROM tickets WHERE sender_id <> 'anonim' OR data <> '{}' OR request_key IS NOT NULL"
    ),
    tte_requests: await n('SELECT COUNT(*) AS n FROM tte_requests'),
    whatsapp_outbox: await n('SELECT COUNT(*) AS n FROM whatsapp_outbox'),
    audit_log: await n('SELECT COUNT(*) AS n FROM audit_log')
  }
}

/** Every text column of every table, joined: a person's number must not appear in it after erasure. */
export async function everything(store: Store): Promise<string> {
  const tables = ['tickets', 'tte_requests', 'whatsapp_outbox', 'audit_log', 'csat_surveys']
  const dumps: string[] = []
  for (const table of tables)
    dumps.push(JSON.stringify(await store.sql.all(`SELECT * FROM ${table}`)))
  return dumps.join('\n')
}
