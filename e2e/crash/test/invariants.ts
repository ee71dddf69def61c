import Database from 'better-sqlite3'
import type { ResetCall } from '../../shared/fake-reset-api'
import type { WhatsAppMessage } from '../../shared/fake-whatsapp'
import { readStore } from '../../shared/ticket-store'
import type { Flow, Person } from './flows'

/** The outbox rows for one recipient (actions-server's whatsapp_outbox), read-only. */
function outboxRows(databaseFile: string, recipient: string): { status: string }[] {
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true })
  try {
    return db.prepare('SELECT status FROM whatsapp_outbox WHERE recipient = ?').all(recipient) as {
      status: string
    }[]
  } finally {
    db.close()
  }
}

/**
 * What must hold for one finished conversation, whatever crashed during it: the tickets it asked
 * for exist exactly once, no reset was performed twice, and WhatsApp got no message twice.
 * Returns the broken promises (empty when all hold).
 */
export function checkConversation(input: {
  databaseFile: string
  sender: string
  person: Person
  flow: Flow
  completed: boolean
  whatsapp: readonly WhatsAppMessage[]
  resets: readonly ResetCall[]
}): string[] {
  const problems: string[] = []
  const { tickets } = readStore(input.databaseFile, input.sender)
  if (input.completed && tickets.length !== input.flow.tickets)
    problems.push(
      `${input.flow.tickets} ticket(s) expected, the store holds ${tickets.length} (${tickets.map((t) => t.number).join(', ')})`
    )
  if (!input.completed && tickets.length > input.flow.tickets)
    problems.push(`${tickets.length} tickets stored for one request`)
  const resets = input.resets.filter((call) => call.nip === input.person.nip)
  if (resets.length > 1) problems.push(`the password was reset ${resets.length} times`)
  if (input.completed && input.flow.secret && resets.length !== 1)
    problems.push(`the password was reset ${resets.length} times, expected once`)

  const delivered = input.whatsapp.filter((m) => m.status === 200 && m.to === input.person.whatsapp)
  const byContent = new Map<string, number>()
  for (const m of delivered) byContent.set(m.text, (byContent.get(m.text) ?? 0) + 1)
  for (const [text, count] of byContent)
    if (count > 1) problems.push(`WhatsApp got the same message ${count} times: "${text}"`)
  // A send cut off by the kill stays `sending` until its claim's lease expires (another replica
  // may still be sending it), then turns `uncertain`; neither is ever sent again.
  const rows = outboxRows(input.databaseFile, input.person.whatsapp).filter(
    (row) => row.status === 'sent' || row.status === 'uncertain' || row.status === 'sending'
  )
  if (delivered.length > rows.length)
    problems.push(
      `WhatsApp accepted ${delivered.length} messages for ${rows.length} outbox row(s) sent, uncertain or still leased`
    )
  if (input.completed && input.flow.secret) {
    const secrets = resets.map((r) => r.temporaryPassword)
    const withSecret = delivered.filter((m) => secrets.some((s) => m.text.includes(s)))
    if (withSecret.length !== 1)
      problems.push(
        `the temporary password reached WhatsApp ${withSecret.length} times, expected once`
      )
  }
  return problems
}
