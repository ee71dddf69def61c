import type { Clock, SqlDb, SqlExecutor } from './db'
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

const TICKET_COLUMNS =
  't.id, t.number, t.category, t.summary, t.status, t.created_at, t.due_at, t.sender_id, t.data, t.assignee_id, t.updated_at, a.username AS assignee'

type EventRow = Omit<TicketEvent, 'detail'> & { detail: string; ticket_id: number }

/** The staff side of tickets: the queue, one ticket with its timeline, and every change staff make. */
export function createTicketWork(sql: SqlDb, clock: Clock, sla: SlaPolicy) {
  const INSERT_EVENT =
    'INSERT INTO ticket_events (ticket_id, at, actor, kind, visibility, body, detail) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id'
  const UPDATE_STATUS = 'UPDATE tickets SET status = ?, updated_at = ? WHERE id = ?'

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
  async function fillDueDates(batch = 500): Promise<number> {
    let filled = 0
    for (;;) {
      const rows = await sql.all<{
        id: number
        category: string
        data: string
        created_at: string
      }>('SELECT id, category, data, created_at FROM tickets WHERE due_at IS NULL LIMIT ?', [batch])
      if (rows.length === 0) return filled
      await sql.transaction(async (tx) => {
        for (const row of rows) {
          const hours = slaHours(sla, row.category, JSON.parse(row.data) as Record<string, unknown>)
          // Only where still missing: another console process may have filled it meanwhile.
          await tx.run('UPDATE tickets SET due_at = ? WHERE id = ? AND due_at IS NULL', [
            addWorkingHours(new Date(row.created_at), hours, sla.calendar).toISOString(),
            row.id
          ])
        }
      })
      filled += rows.length
      if (rows.length < batch) return filled
    }
  }

  async function queue(
    filter: QueueFilter,
    staffId: number
  ): Promise<{ rows: QueueRow[]; total: number }> {
    await fillDueDates()
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
      // SQLite: a prefix range instead of LIKE, so the UNIQUE index on number is used. PostgreSQL:
      // starts_with, since a range's upper bound depends on the database's collation there.
      if (sql.dialect === 'postgres') add('starts_with(t.number, ?)', filter.number)
      else add('t.number >= ? AND t.number < ?', filter.number, filter.number + '\uffff')
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
    const rows = await sql.all<Row>(
      `SELECT t.id, t.number, t.category, t.summary, t.status, t.created_at, t.due_at, a.username AS assignee
      FROM (SELECT t.id FROM tickets t ${where} ORDER BY ${order} LIMIT ? OFFSET ?) page
      JOIN tickets t ON t.id = page.id LEFT JOIN staff_accounts a ON a.id = t.assignee_id ORDER BY ${order}`,
      [...params, filter.pageSize, (filter.page - 1) * filter.pageSize]
    )
    const count = await sql.get<{ n: number }>(
      `SELECT COUNT(*) AS n FROM tickets t ${where}`,
      params
    )
    return { rows: rows.map(toRow), total: count?.n ?? 0 }
  }

  const toDetail = (row: Required<Row>): TicketDetail => ({
    ...toRow(row),
    senderId: row.sender_id,
    data: JSON.parse(row.data) as Record<string, unknown>,
    assigneeId: row.assignee_id,
    updatedAt: row.updated_at
  })

  async function find(number: string): Promise<TicketDetail | undefined> {
    await fillDueDates()
    const row = await sql.get<Required<Row>>(
      `SELECT ${TICKET_COLUMNS} FROM tickets t LEFT JOIN staff_accounts a ON a.id = t.assignee_id WHERE t.number = ?`,
      [number]
    )
    return row === undefined ? undefined : toDetail(row)
  }

  async function addEvent(
    ticketId: number,
    actor: string,
    kind: TicketEvent['kind'],
    body = '',
    detail: Record<string, unknown> = {},
    visibility: TicketEvent['visibility'] = 'internal',
    tx: SqlExecutor = sql
  ): Promise<number> {
    const row = await tx.get<{ id: number }>(INSERT_EVENT, [
      ticketId,
      nowIso(),
      actor,
      kind,
      visibility,
      body,
      JSON.stringify(detail)
    ])
    return (row as { id: number }).id
  }

  const toEvent = (row: EventRow): TicketEvent & { ticketId: number } => {
    const { ticket_id: ticketId, detail, ...rest } = row
    return { ...rest, ticketId, detail: JSON.parse(detail) as Record<string, unknown> }
  }

  return {
    fillDueDates,
    queue,
    find,
    /** The ticket with this row id (the takeover monitor knows tickets by id). */
    async findById(id: number): Promise<TicketDetail | undefined> {
      const row = await sql.get<{ number: string }>('SELECT number FROM tickets WHERE id = ?', [id])
      return row === undefined ? undefined : await find(row.number)
    },
    async event(id: number): Promise<(TicketEvent & { ticketId: number }) | undefined> {
      const row = await sql.get<EventRow>('SELECT * FROM ticket_events WHERE id = ?', [id])
      return row === undefined ? undefined : toEvent(row)
    },
    async setEventDetail(id: number, detail: Record<string, unknown>): Promise<void> {
      await sql.run('UPDATE ticket_events SET detail = ? WHERE id = ?', [
        JSON.stringify(detail),
        id
      ])
    },
    timeline: async (ticketId: number): Promise<TicketEvent[]> =>
      (
        await sql.all<EventRow>('SELECT * FROM ticket_events WHERE ticket_id = ? ORDER BY id', [
          ticketId
        ])
      ).map((row) => {
        const { ticketId: _ticketId, ...event } = toEvent(row)
        return event
      }),
    countsByStatus: async (): Promise<Record<string, number>> =>
      Object.fromEntries(
        (
          await sql.all<{ status: string; n: number }>(
            'SELECT status, COUNT(*) AS n FROM tickets GROUP BY status'
          )
        ).map((r) => [r.status, r.n])
      ),
    /** Assigns the ticket to `assignee` (a claim when it is the actor), moving `baru` to `ditangani`. */
    async assign(
      ticket: TicketDetail,
      actor: { id: number; username: string },
      assignee: { id: number; username: string }
    ): Promise<void> {
      await sql.transaction(async (tx) => {
        await tx.run('UPDATE tickets SET assignee_id = ?, updated_at = ? WHERE id = ?', [
          assignee.id,
          nowIso(),
          ticket.id
        ])
        const claimed = assignee.id === actor.id
        await addEvent(
          ticket.id,
          actor.username,
          claimed ? 'claimed' : 'assigned',
          '',
          { to: assignee.username },
          'internal',
          tx
        )
        if (ticket.status === 'baru') {
          await tx.run(UPDATE_STATUS, ['ditangani', nowIso(), ticket.id])
          await addEvent(
            ticket.id,
            actor.username,
            'status',
            '',
            { from: 'baru', to: 'ditangani' },
            'internal',
            tx
          )
        }
      })
    },
    /** Changes the status; returns the id of its timeline event (for the delivery outcome). */
    async changeStatus(
      ticket: TicketDetail,
      actor: string,
      to: TicketStatus,
      note: string
    ): Promise<number> {
      return await sql.transaction(async (tx) => {
        await tx.run(UPDATE_STATUS, [to, nowIso(), ticket.id])
        return await addEvent(
          ticket.id,
          actor,
          'status',
          note,
          { from: ticket.status, to },
          'internal',
          tx
        )
      })
    },
    /** Adds keys to an event's detail, e.g. whether the user was told (`notified`). */
    async amendEvent(eventId: number, extra: Record<string, unknown>): Promise<void> {
      await sql.transaction(async (tx) => {
        const row = await tx.get<{ detail: string }>(
          'SELECT detail FROM ticket_events WHERE id = ?',
          [eventId]
        )
        if (row === undefined) return
        await tx.run('UPDATE ticket_events SET detail = ? WHERE id = ?', [
          JSON.stringify({ ...(JSON.parse(row.detail) as Record<string, unknown>), ...extra }),
          eventId
        ])
      })
    },
    /** The newest note for the user on the ticket (what the user was last told), if any. */
    async lastNoteForUser(ticketId: number): Promise<string | undefined> {
      const row = await sql.get<{ body: string }>(
        "SELECT body FROM ticket_events WHERE ticket_id = ? AND kind = 'note' AND visibility = 'pengguna' ORDER BY id DESC LIMIT 1",
        [ticketId]
      )
      return row?.body
    },
    async addNote(
      ticket: TicketDetail,
      actor: string,
      body: string,
      visibility: TicketEvent['visibility']
    ): Promise<void> {
      await addEvent(ticket.id, actor, 'note', body, {}, visibility)
    },
    addEvent: async (
      ticketId: number,
      actor: string,
      kind: TicketEvent['kind'],
      body = '',
      detail: Record<string, unknown> = {},
      visibility: TicketEvent['visibility'] = 'internal'
    ): Promise<number> => await addEvent(ticketId, actor, kind, body, detail, visibility)
  }
}

export type TicketWork = ReturnType<typeof createTicketWork>
