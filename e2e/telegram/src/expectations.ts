import type { WhatsAppMessage } from '../../shared/fake-whatsapp'
import { asList, type Expectation } from './script-types'
import { findButton, normalise, type Turn } from './telegram-chat'
import { findTicketRow } from '../../shared/ticket-store'

export const TICKET_PATTERN = /TIK-\d{8}-\d{4,}/g

export interface CheckContext {
  databaseFile: string
  /** WhatsApp messages received so far (the list grows while we wait). */
  whatsapp: () => WhatsAppMessage[]
  /** Strings that must never appear in the chat (full phone numbers, NIKs, temp passwords). */
  secrets: () => string[]
  /** Temporary passwords the fake reset API issued so far. */
  resetSecrets: () => string[]
  /** Whether a WhatsApp message belongs to this chat (by its ticket number, else by the number). */
  ownedBy: (message: WhatsAppMessage, chatId: number) => boolean
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** Checks one turn; returns human-readable problems (empty = pass). */
export async function checkTurn(
  turn: Turn,
  expect: Expectation,
  ctx: CheckContext
): Promise<string[]> {
  const problems: string[] = []
  const text = normalise(turn.messages.map((m) => m.text).join('\n'))
  const withButtons = turn.messages.filter((m) => m.sentButtons.length > 0)
  const keyboard = withButtons[withButtons.length - 1]?.sentButtons ?? []
  const urls = turn.messages.flatMap((m) => m.sentButtons.flat().map((b) => b.url ?? ''))

  for (const phrase of asList(expect.says)) {
    if (!text.includes(normalise(phrase))) problems.push(`the bot did not say "${phrase}"`)
  }
  if (expect.says_any !== undefined && !expect.says_any.some((p) => text.includes(normalise(p)))) {
    problems.push(`the bot said none of ${expect.says_any.map((p) => `"${p}"`).join(', ')}`)
  }
  for (const phrase of asList(expect.says_not)) {
    if (text.includes(normalise(phrase))) problems.push(`the bot said "${phrase}" but must not`)
  }
  for (const pattern of asList(expect.matches)) {
    if (!new RegExp(pattern, 'i').test(turn.messages.map((m) => m.text).join('\n')))
      problems.push(`no reply matches /${pattern}/i`)
  }
  for (const label of asList(expect.buttons)) {
    try {
      findButton(keyboard, label)
    } catch (error) {
      problems.push(
        keyboard.length === 0
          ? `button "${label}": the reply has no inline keyboard`
          : (error as Error).message
      )
    }
  }
  if (expect.no_buttons === true && withButtons.length > 0)
    problems.push('the reply carries buttons but must not')
  if (expect.link !== undefined) {
    const raw = turn.messages.map((m) => m.text).join('\n')
    if (!urls.some((u) => u.includes(expect.link!)) && !raw.includes(expect.link)) {
      problems.push(
        `no link containing "${expect.link}" (link buttons: ${urls.filter((u) => u !== '').join(', ') || 'none'})`
      )
    }
  }
  const count = turn.messages.length
  if (expect.replies?.min !== undefined && count < expect.replies.min)
    problems.push(`expected at least ${expect.replies.min} replies, got ${count}`)
  if (expect.replies?.max !== undefined && count > expect.replies.max)
    problems.push(`expected at most ${expect.replies.max} replies, got ${count}`)

  const tickets = turn.messages.flatMap((m) => m.text.match(TICKET_PATTERN) ?? [])
  if (expect.link_with_ticket === true) {
    const ticket = tickets[0]
    if (ticket === undefined) problems.push('no ticket number in the answer for the link to carry')
    else if (!urls.some((u) => safeDecode(u).includes(ticket)))
      problems.push(
        `no link button carries ticket ${ticket} (links: ${urls.filter((u) => u !== '').join(', ') || 'none'})`
      )
  }
  if (expect.no_ticket === true && tickets.length > 0)
    problems.push(`a ticket number appeared (${tickets.join(', ')}) but must not`)
  if (expect.ticket !== undefined)
    problems.push(
      ...(await checkTicket(tickets, turn.chatId, expect.ticket === true ? {} : expect.ticket, ctx))
    )

  if (expect.whatsapp !== undefined)
    problems.push(...(await checkWhatsApp(turn, expect.whatsapp, ctx)))
  if (expect.no_whatsapp === true) {
    await sleep(500)
    const sent = ctx.whatsapp().filter((m) => m.at >= turn.startedAt && ctx.ownedBy(m, turn.chatId))
    if (sent.length > 0)
      problems.push(
        `a WhatsApp message was sent (to ${sent.map((m) => m.to).join(', ')}) but must not`
      )
  }
  return problems
}

function safeDecode(url: string): string {
  try {
    return decodeURIComponent(url)
  } catch {
    return url
  }
}

async function checkTicket(
  tickets: string[],
  chatId: number,
  expect: { row_contains?: string[] },
  ctx: CheckContext
): Promise<string[]> {
  if (tickets.length === 0) return ['no ticket number (TIK-YYYYMMDD-NNNN) in the replies']
  const ticket = tickets[0]!
  let found = findTicketRow(ctx.databaseFile, ticket)
  for (let i = 0; found === undefined && i < 10; i++) {
    await sleep(300)
    found = findTicketRow(ctx.databaseFile, ticket)
  }
  if (found === undefined)
    return [`ticket ${ticket} is shown in the chat but stored nowhere in the database`]
  const problems: string[] = []
  if ('sender_id' in found.row && String(found.row.sender_id) !== String(chatId)) {
    problems.push(
      `ticket ${ticket} is stored for sender ${String(found.row.sender_id)}, not for this chat (${chatId})`
    )
  }
  const values = Object.values(found.row).map((v) => String(v).toLowerCase())
  for (const wanted of expect.row_contains ?? []) {
    if (!values.some((v) => v.includes(wanted.toLowerCase()))) {
      problems.push(
        `ticket ${ticket} (table ${found.table}) has no column containing "${wanted}": ${JSON.stringify(found.row)}`
      )
    }
  }
  return problems
}

async function checkWhatsApp(
  turn: Turn,
  expect: NonNullable<Expectation['whatsapp']>,
  ctx: CheckContext
): Promise<string[]> {
  const deadline = Date.now() + (expect.within_seconds ?? 20) * 1000
  const wanted = asList(expect.contains).map(normalise)
  const matches = (m: WhatsAppMessage): boolean =>
    m.status === 200 &&
    m.at >= turn.startedAt &&
    m.to === expect.to &&
    wanted.every((w) => normalise(m.text).includes(w)) &&
    (expect.contains_secret !== true ||
      ctx.resetSecrets().some((secret) => m.text.includes(secret)))
  while (Date.now() < deadline) {
    if (ctx.whatsapp().some(matches)) return []
    await sleep(250)
  }
  const toNumber = ctx.whatsapp().filter((m) => m.to === expect.to && m.at >= turn.startedAt)
  const detail =
    toNumber.length === 0
      ? 'nothing reached that number'
      : `what reached it: ${toNumber.map((m) => `${m.status} "${m.text}"`).join(' | ')}`
  const contains =
    (wanted.length > 0 ? ` containing ${wanted.map((w) => `"${w}"`).join(', ')}` : '') +
    (expect.contains_secret === true
      ? ` with the temporary password from the reset API (issued: ${ctx.resetSecrets().length})`
      : '')
  return [
    `no WhatsApp message to ${expect.to}${contains} within ${expect.within_seconds ?? 20} s; ${detail}`
  ]
}

/** Secrets that leaked into the chat in this turn (compared with and without digit separators). */
export function leakedSecrets(turn: Turn, secrets: string[]): string[] {
  const raw = turn.messages
    .map(
      (m) =>
        m.text +
        ' ' +
        m.sentButtons
          .flat()
          .map((b) => `${b.text} ${b.url ?? ''}`)
          .join(' ')
    )
    .join('\n')
  const compact = raw.replace(/(?<=\d)[\s.-]+(?=\d)/g, '')
  return secrets.filter((s) => s !== '' && (raw.includes(s) || compact.includes(s)))
}
