/** Puts one person's footprint in the store, the way the helpdesk actions write it. */
import type { Store } from '../../src/store'

export interface Footprint {
  ticket: string
  outboxKey: string
}

/** A reset by WhatsApp: ticket with the NIP, audit entries, a queued WhatsApp message. */
export function seedReset(
  store: Store,
  person: { sender: string; nip: string; phone: string }
): Footprint {
  const key = `reset:simasn:${person.sender}:m1`
  const ticket = store.tickets.open({
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
  store.audit.record(person.sender, 'identity_lookup', {
    form: 'lupa_password_form',
    jenis: 'nip',
    identitas: '1985***********001'
  })
  store.audit.record(person.sender, 'ticket_opened', {
    ticket: ticket.number,
    category: 'reset_password'
  })
  store.outbox.enqueue({
    idempotencyKey: `${key}:wa`,
    recipient: person.phone,
    payload: { text: { body: 'Halo Budi, permintaan reset …' } },
    containsSecret: false,
    ticketNumber: ticket.number
  })
  store.audit.record(person.sender, 'whatsapp_queued', {
    ticket: ticket.number,
    to: '0812****0001',
    status: 'queued'
  })
  return { ticket: ticket.number, outboxKey: `${key}:wa` }
}

/** A TTE registration with a NIK: ticket, TTE request, audit entry. */
export function seedTte(store: Store, person: { sender: string; nik: string }): Footprint {
  const key = `tte:${person.sender}:m2`
  const ticket = store.tickets.open({
    category: 'tte',
    senderId: person.sender,
    summary: 'Pendaftaran TTE',
    data: { identitas: person.nik, pegawai: false },
    requestKey: key
  })
  store.tteRequests.record({
    ticketNumber: ticket.number,
    senderId: person.sender,
    jenisIdentitas: 'nik',
    identitas: person.nik
  })
  store.audit.record(person.sender, 'tte_requested', { ticket: ticket.number, jenis: 'nik' })
  return { ticket: ticket.number, outboxKey: '' }
}

/** Rows per table, and how many tickets still hold personal data. */
export interface TableCounts {
  tickets: number
  tickets_with_personal_data: number
  tte_requests: number
  whatsapp_outbox: number
  audit_log: number
}

export function tableCounts(store: Store): TableCounts {
  const n = (sql: string): number => (store.db.prepare(sql).get() as { n: number }).n
  return {
    tickets: n('SELECT COUNT(*) AS n FROM tickets'),
    tickets_with_personal_data: n(
      "SELECT COUNT(*) AS n FROM tickets WHERE sender_id <> 'anonim' OR data <> '{}' OR request_key IS NOT NULL"
    ),
    tte_requests: n('SELECT COUNT(*) AS n FROM tte_requests'),
    whatsapp_outbox: n('SELECT COUNT(*) AS n FROM whatsapp_outbox'),
    audit_log: n('SELECT COUNT(*) AS n FROM audit_log')
  }
}

/** Every text column of every table, joined: a person's number must not appear in it after erasure. */
export function everything(store: Store): string {
  const tables = ['tickets', 'tte_requests', 'whatsapp_outbox', 'audit_log', 'csat_surveys']
  return tables
    .map((table) => JSON.stringify(store.db.prepare(`SELECT * FROM ${table}`).all()))
    .join('\n')
}
