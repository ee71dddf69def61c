import type { Clock, Db } from './db'
import { addWorkingHours, slaHours, type SlaPolicy } from './sla'

export const TICKET_STATUSES = [
  'baru',
  'ditangani',
  'menunggu_pengguna',
  'selesai',
  'ditutup'
] as const
export type TicketStatus = (typeof TICKET_STATUSES)[number]
/** Statuses in which the SLA clock runs (waiting for the user stops it). */
export const SLA_RUNNING: readonly TicketStatus[] = ['baru', 'ditangani']
export const OPEN_STATUSES: readonly TicketStatus[] = ['baru', 'ditangani', 'menunggu_pengguna']

export const SORTS = ['terbaru', 'terlama', 'tenggat'] as const
export type QueueSort = (typeof SORTS)[number]
export const AGES = ['24j', '3h', 'lebih-3h', 'lebih-7h'] as const
export type QueueAge = (typeof AGES)[number]

export interface QueueFilter {
  /** A status, 'terbuka' (the three open ones) or undefined for all. */
  status?: TicketStatus | 'terbuka'
  category?: string
  age?: QueueAge
  mine?: 'saya' | 'kosong'
  overdue?: boolean
  /** Ticket number or its beginning, e.g. "TIK-20260615". */
  number?: string
  sort: QueueSort
  page: number
  pageSize: number
}

export interface QueueRow {
  id: number
  number: string
  category: string
  summary: string
  status: TicketStatus
  assignee: string | null
  createdAt: string
  dueAt: string | null
  overdue: boolean
}

export interface TicketDetail extends QueueRow {
  senderId: string
  data: Record<string, unknown>
  assigneeId: number | null
  updatedAt: string | null
}

export interface TicketEvent {
  id: number
  at: string
  actor: string
  kind:
    | 'status'
    | 'claimed'
    | 'assigned'
    | 'note'
    | 'tte_decision'
    | 'takeover_started'
    | 'takeover_reply'
    | 'takeover_ended'
  visibility: 'internal' | 'pengguna'
  body: string
  detail: Record<string, unknown>
}

interface Row {
  id: number
  number: string
  category: string
  summary: string
  status: TicketStatus
  assignee: string | null
  created_at: string
  due_at: string | null
  sender_id?: string
  data?: string
  assignee_id?: number | null
  updated_at?: string | null
}

const HOUR = 3_600_000

/** The staff side of tickets: the queue, one ticket with its timeline, and every change staff make. */
export function createTicketWork(db: Db, clock: Clock, sla: SlaPolicy) {
  const missingDue = db.prepare(
    'SELECT id, category, data, created_at FROM tickets WHERE due_at IS NULL LIMIT ?'
  )
  const setDue = db.prepare('UPDATE tickets SET due_at = ? WHERE id = ?')
  const byNumber =
    db.prepare(`SELECT t.id, t.number, t.category, t.summary, t.status, t.created_at, t.due_at, t.sender_id, t.data, t.assignee_id, t.updated_at,
    a.username AS assignee FROM tickets t LEFT JOIN staff_accounts a ON a.id = t.assignee_id WHERE t.number = ?`)
  const events = db.prepare('SELECT * FROM ticket_events WHERE ticket_id = ? ORDER BY id')
  const eventById = db.prepare('SELECT * FROM ticket_events WHERE id = ?')
  const updateEventDetail = db.prepare('UPDATE ticket_events SET detail = ? WHERE id = ?')
  const numberById = db.prepare('SELECT number FROM tickets WHERE id = ?').pluck()
  const insertEvent = db.prepare(
    'INSERT INTO ticket_events (ticket_id, at, actor, kind, visibility, body, detail) VALUES (?, ?, ?, ?, ?, ?, ?)'
  )
  const updateStatus = db.prepare('UPDATE tickets SET status = ?, updated_at = ? WHERE id = ?')
  const updateAssignee = db.prepare(
    'UPDATE tickets SET assignee_id = ?, updated_at = ? WHERE id = ?'
  )
  const eventDetail = db.prepare('SELECT detail FROM ticket_events WHERE id = ?')
  const setEventDetail = db.prepare('UPDATE ticket_events SET detail = ? WHERE id = ?')
  const lastUserNote = db.prepare(
    "SELECT body FROM ticket_events WHERE ticket_id = ? AND kind = 'note' AND visibility = 'pengguna' ORDER BY id DESC LIMIT 1"
  )
  const statusCounts = db.prepare('SELECT status, COUNT(*) AS n FROM tickets GROUP BY status')

  const nowIso = (): string => clock.now().toISOString()
  const isOverdue = (status: TicketStatus, dueAt: string | null): boolean =>
    dueAt !== null && SLA_RUNNING.includes(status) && dueAt < nowIso()
  const toRow = (row: Row): QueueRow => ({
    id: row.id,
    number: row.number,
    category: row.category,
    summary: row.summary,
    status: row.status,
    assignee: row.assignee,
    createdAt: row.created_at,
    dueAt: row.due_at,
    overdue: isOverdue(row.status, row.due_at)
  })

  /** Gives tickets the bot opened since the last call their SLA deadline (short transactions of 500). */
  function fillDueDates(batch = 500): number {
    let filled = 0
    for (;;) {
      const rows = missingDue.all(batch) as Array<{
        id: number
        category: string
        data: string
        created_at: string
      }>
      if (rows.length === 0) return filled
      db.transaction(() => {
        for (const row of rows) {
          const hours = slaHours(sla, row.category, JSON.parse(row.data) as Record<string, unknown>)
          setDue.run(
            addWorkingHours(new Date(row.created_at), hours, sla.calendar).toISOString(),
            row.id
          )
        }
      }).immediate()
      filled += rows.length
      if (rows.length < batch) return filled
    }
  }

  function queue(filter: QueueFilter, staffId: number): { rows: QueueRow[]; total: number } {
    fillDueDates()
    const clauses: string[] = []
    const params: Array<string | number> = []
    const add = (clause: string, ...values: Array<string | number>): void => {
      clauses.push(clause)
      params.push(...values)
    }
    if (filter.status === 'terbuka')
      add(`t.status IN (${OPEN_STATUSES.map(() => '?').join(', ')})`, ...OPEN_STATUSES)
    else if (filter.status !== undefined) add('t.status = ?', filter.status)
    if (filter.category !== undefined) add('t.category = ?', filter.category)
    const now = clock.now().getTime()
    if (filter.age === '24j') add('t.created_at >= ?', new Date(now - 24 * HOUR).toISOString())
    if (filter.age === '3h') add('t.created_at >= ?', new Date(now - 72 * HOUR).toISOString())
    if (filter.age === 'lebih-3h') add('t.created_at < ?', new Date(now - 72 * HOUR).toISOString())
    if (filter.age === 'lebih-7h') add('t.created_at < ?', new Date(now - 168 * HOUR).toISOString())
    if (filter.mine === 'saya') add('t.assignee_id = ?', staffId)
    if (filter.mine === 'kosong') add('t.assignee_id IS NULL')
    if (filter.overdue === true) {
      add(
        `t.status IN (${SLA_RUNNING.map(() => '?').join(', ')}) AND t.due_at < ?`,
        ...SLA_RUNNING,
        nowIso()
      )
    }
    if (filter.number !== undefined) {
      // A prefix range instead of LIKE, so the UNIQUE index on number is used.
      add('t.number >= ? AND t.number < ?', filter.number, filter.number + '\uffff')
    }
    const where = clauses.length === 0 ? '' : `WHERE ${clauses.join(' AND ')}`
    const order =
      filter.sort === 'terlama'
        ? 't.created_at ASC, t.id ASC'
        : filter.sort === 'tenggat'
          ? 't.due_at ASC, t.id ASC'
          : 't.created_at DESC, t.id DESC'
    // Deferred join: the page's ids come from the indexes alone (sorting narrow index tuples),
    // and only those 25 rows are then read in full.
    const rows = db
      .prepare(
        `SELECT t.id, t.number, t.category, t.summary, t.status, t.created_at, t.due_at, a.username AS assignee
      FROM (SELECT t.id FROM tickets t ${where} ORDER BY ${order} LIMIT ? OFFSET ?) page
      JOIN tickets t ON t.id = page.id LEFT JOIN staff_accounts a ON a.id = t.assignee_id ORDER BY ${order}`
      )
      .all(...params, filter.pageSize, (filter.page - 1) * filter.pageSize) as Row[]
    const { n } = db.prepare(`SELECT COUNT(*) AS n FROM tickets t ${where}`).get(...params) as {
      n: number
    }
    return { rows: rows.map(toRow), total: n }
  }

  function find(number: string): TicketDetail | undefined {
    fillDueDates()
    const row = byNumber.get(number) as Required<Row> | undefined
    if (row === undefined) return undefined
    return {
      ...toRow(row),
      senderId: row.sender_id,
      data: JSON.parse(row.data) as Record<string, unknown>,
      assigneeId: row.assignee_id,
      updatedAt: row.updated_at
    }
  }

  function addEvent(
    ticketId: number,
    actor: string,
    kind: TicketEvent['kind'],
    body = '',
    detail: Record<string, unknown> = {},
    visibility: TicketEvent['visibility'] = 'internal'
  ): number {
    return Number(
      insertEvent.run(ticketId, nowIso(), actor, kind, visibility, body, JSON.stringify(detail))
        .lastInsertRowid
    )
  }

  return {
    fillDueDates,
    queue,
    find,
    /** The ticket with this row id (the takeover monitor knows tickets by id). */
    findById(id: number): TicketDetail | undefined {
      const number = numberById.get(id) as string | undefined
      return number === undefined ? undefined : find(number)
    },
    event(id: number): (TicketEvent & { ticketId: number }) | undefined {
      const row = eventById.get(id) as
        (Omit<TicketEvent, 'detail'> & { detail: string; ticket_id: number }) | undefined
      if (row === undefined) return undefined
      const { ticket_id: ticketId, detail, ...rest } = row
      return { ...rest, ticketId, detail: JSON.parse(detail) as Record<string, unknown> }
    },
    setEventDetail(id: number, detail: Record<string, unknown>): void {
      updateEventDetail.run(JSON.stringify(detail), id)
    },
    timeline: (ticketId: number): TicketEvent[] =>
      (events.all(ticketId) as Array<Omit<TicketEvent, 'detail'> & { detail: string }>).map(
        (e) => ({ ...e, detail: JSON.parse(e.detail) as Record<string, unknown> })
      ),
    countsByStatus: (): Record<string, number> =>
      Object.fromEntries(
        (statusCounts.all() as Array<{ status: string; n: number }>).map((r) => [r.status, r.n])
      ),
    /** Assigns the ticket to `assignee` (a claim when it is the actor), moving `baru` to `ditangani`. */
    assign(
      ticket: TicketDetail,
      actor: { id: number; username: string },
      assignee: { id: number; username: string }
    ): void {
      db.transaction(() => {
        updateAssignee.run(assignee.id, nowIso(), ticket.id)
        const claimed = assignee.id === actor.id
        addEvent(ticket.id, actor.username, claimed ? 'claimed' : 'assigned', '', {
          to: assignee.username
        })
        if (ticket.status === 'baru') {
          updateStatus.run('ditangani', nowIso(), ticket.id)
          addEvent(ticket.id, actor.username, 'status', '', { from: 'baru', to: 'ditangani' })
        }
      }).immediate()
    },
    /** Changes the status; returns the id of its timeline event (for the delivery outcome). */
    changeStatus(ticket: TicketDetail, actor: string, to: TicketStatus, note: string): number {
      return db
        .transaction(() => {
          updateStatus.run(to, nowIso(), ticket.id)
          return addEvent(ticket.id, actor, 'status', note, { from: ticket.status, to })
        })
        .immediate()
    },
    /** Adds keys to an event's detail, e.g. whether the user was told (`notified`). */
    amendEvent(eventId: number, extra: Record<string, unknown>): void {
      const row = eventDetail.get(eventId) as { detail: string } | undefined
      if (row === undefined) return
      setEventDetail.run(
        JSON.stringify({ ...(JSON.parse(row.detail) as Record<string, unknown>), ...extra }),
        eventId
      )
    },
    /** The newest note for the user on the ticket (what the user was last told), if any. */
    lastNoteForUser(ticketId: number): string | undefined {
      const row = lastUserNote.get(ticketId) as { body: string } | undefined
      return row?.body
    },
    addNote(
      ticket: TicketDetail,
      actor: string,
      body: string,
      visibility: TicketEvent['visibility']
    ): void {
      addEvent(ticket.id, actor, 'note', body, {}, visibility)
    },
    addEvent
  }
}

export type TicketWork = ReturnType<typeof createTicketWork>
