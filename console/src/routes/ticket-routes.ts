import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import type { ConsoleServices } from '../app'
import {
  AGES,
  SORTS,
  TICKET_STATUSES,
  type QueueFilter,
  type TicketDetail,
  type TicketStatus
} from '../data/tickets'
import type { ConsoleDeps, RequesterRecord } from '../deps'
import { queueBody } from '../pages/queue-page'
import { takeoverBlock } from '../pages/conversation-page'
import { REACHABLE_SENDER } from '../gateway-notifier'
import { askForRatingAfterResolve } from '../satisfaction/ask-after-resolve'
import { ticketBody, type TicketForm, type TicketView } from '../pages/ticket-page'
import { maskIdentity } from '../web/mask'
import { redirectWithFlash, sendPage } from '../web/respond'
import { STATUS_LABEL } from '../web/labels'
import { noteForUserMessage, STATUSES_TOLD_TO_USER, ticketFinishedMessage } from '../user-messages'
import { oneOf, positiveInt, text, TICKET_NUMBER } from './parse'

export const PAGE_SIZE = 25
const SEARCH_PREFIX = /^TIK(-\d{0,8}(-\d{0,6})?)?$/
const CATEGORIES = ['handoff', 'reset_password', 'tte', 'identitas_gagal'] as const

type Query = Record<string, string | undefined>
type NumberParams = { Params: { number: string }; Body: Record<string, unknown> }

/** Queue, ticket page and the changes staff make to a ticket. */
export function ticketRoutes(deps: ConsoleDeps, services: ConsoleServices): FastifyPluginAsync {
  const { tickets, audit, accounts } = services

  async function requesterOf(ticket: TicketDetail): Promise<TicketView['requester']> {
    const fromData = [ticket.data.nip, ticket.data.nik, ticket.data.identitas].find(
      (v): v is string => typeof v === 'string' && /^\d{16}(\d{2})?$/.test(v)
    )
    const identity = fromData ?? services.tte.byTicket(ticket.number)?.identitas
    if (identity === undefined) return {}
    try {
      const record: RequesterRecord | undefined =
        identity.length === 18
          ? await deps.directory.findByNip(identity)
          : await deps.directory.findByNik(identity)
      return record === undefined ? { identity } : { record, identity }
    } catch (err) {
      deps.logger.warn(
        { reason: (err as Error).message },
        'directory unavailable for a requester profile'
      )
      return { identity, unavailable: true }
    }
  }

  async function showTicket(
    request: FastifyRequest,
    reply: FastifyReply,
    ticket: TicketDetail,
    error?: TicketView['error']
  ): Promise<FastifyReply> {
    const viewer = request.staff!
    const requester = await requesterOf(ticket)
    if (requester.identity !== undefined) {
      // Who saw whose data, when: the full profile is on screen now.
      audit.record(viewer.username, 'profile_viewed', ticket.number, {
        subject: maskIdentity(requester.identity),
        found: requester.record !== undefined
      })
    }
    const survey = await services.satisfaction.findByTicket(ticket.number)
    const view: TicketView = {
      ticket,
      events: tickets.timeline(ticket.id),
      requester,
      staff: accounts.list(),
      viewer,
      takeover: (csrf) =>
        takeoverBlock(
          ticket,
          services.takeovers.activeFor(ticket.senderId),
          REACHABLE_SENDER.test(ticket.senderId),
          csrf
        ),
      ...(survey === undefined ? {} : { survey }),
      ...(error === undefined ? {} : { error })
    }
    return sendPage(request, reply, {
      title: `Tiket ${ticket.number}`,
      active: 'tiket',
      status: error === undefined ? 200 : 422,
      body: (csrf) => ticketBody(view, csrf)
    })
  }

  const load = (number: string): TicketDetail | undefined =>
    TICKET_NUMBER.test(number) ? tickets.find(number) : undefined

  return async (app) => {
    app.get<{ Querystring: Query }>('/tiket', async (request, reply) => {
      const q = request.query
      const search = text(q.q, 40)
      const normalized = search.toUpperCase()
      let searchError: string | undefined
      if (normalized !== '' && !SEARCH_PREFIX.test(normalized))
        searchError = 'Nomor tiket berbentuk TIK-YYYYMMDD-NNNN, misalnya TIK-20260615-0001.'
      if (
        searchError === undefined &&
        TICKET_NUMBER.test(normalized) &&
        tickets.find(normalized) !== undefined
      )
        return reply.redirect(`/tiket/${normalized}`, 303)
      const statusParam = q.status ?? 'terbuka'
      const status =
        statusParam === 'semua'
          ? undefined
          : (oneOf(statusParam, [...TICKET_STATUSES, 'terbuka'] as const) ?? 'terbuka')
      const filter: QueueFilter = {
        ...(status === undefined ? {} : { status }),
        ...(oneOf(q.kategori, CATEGORIES) === undefined ? {} : { category: q.kategori! }),
        ...(oneOf(q.umur, AGES) === undefined ? {} : { age: oneOf(q.umur, AGES)! }),
        ...(oneOf(q.milik, ['saya', 'kosong'] as const) === undefined
          ? {}
          : { mine: oneOf(q.milik, ['saya', 'kosong'] as const)! }),
        ...(q.terlambat === '1' ? { overdue: true } : {}),
        ...(normalized !== '' && searchError === undefined ? { number: normalized } : {}),
        sort: oneOf(q.urut, SORTS) ?? 'terbaru',
        page: positiveInt(q.halaman, 1),
        pageSize: PAGE_SIZE
      }
      const { rows, total } = tickets.queue(filter, request.staff!.id)
      const base = new URLSearchParams()
      for (const key of ['q', 'status', 'kategori', 'umur', 'milik', 'urut', 'terlambat']) {
        const value = q[key]
        if (typeof value === 'string' && value !== '') base.set(key, value.slice(0, 40))
      }
      return sendPage(request, reply, {
        title: 'Antrian tiket',
        active: 'tiket',
        status: searchError === undefined ? 200 : 422,
        body: () =>
          queueBody({
            filter,
            search,
            ...(searchError === undefined ? {} : { searchError }),
            rows,
            total,
            now: deps.clock.now(),
            baseQuery: base.toString()
          })
      })
    })

    app.get<{ Params: { number: string } }>('/tiket/:number', async (request, reply) => {
      const ticket = load(request.params.number)
      if (ticket === undefined) return reply.callNotFound()
      return await showTicket(request, reply, ticket)
    })

    const reject = (
      request: FastifyRequest,
      reply: FastifyReply,
      ticket: TicketDetail,
      form: TicketForm,
      message: string,
      values: Record<string, string>
    ) => showTicket(request, reply, ticket, { form, message, values })

    app.post<NumberParams>('/tiket/:number/ambil', async (request, reply) => {
      const ticket = load(request.params.number)
      if (ticket === undefined) return reply.callNotFound()
      const me = request.staff!
      if (ticket.assigneeId !== me.id) {
        tickets.assign(ticket, me, me)
        audit.record(me.username, 'ticket_claimed', ticket.number)
      }
      return redirectWithFlash(
        request,
        reply,
        `/tiket/${ticket.number}`,
        `Tiket ${ticket.number} sekarang Anda tangani.`
      )
    })

    app.post<NumberParams>('/tiket/:number/tugaskan', async (request, reply) => {
      const ticket = load(request.params.number)
      if (ticket === undefined) return reply.callNotFound()
      const username = text(request.body?.petugas, 64)
      const target = username === '' ? undefined : accounts.find(username)
      if (target === undefined || target.disabled)
        return await reject(
          request,
          reply,
          ticket,
          'tugaskan',
          'Pilih petugas yang aktif dari daftar.',
          { petugas: username }
        )
      tickets.assign(ticket, request.staff!, target)
      audit.record(request.staff!.username, 'ticket_assigned', ticket.number, {
        to: target.username
      })
      return redirectWithFlash(
        request,
        reply,
        `/tiket/${ticket.number}`,
        `Tiket ditugaskan ke ${target.username}.`
      )
    })

    app.post<NumberParams>('/tiket/:number/status', async (request, reply) => {
      const ticket = load(request.params.number)
      if (ticket === undefined) return reply.callNotFound()
      const typedStatus = text(request.body?.status, 40)
      const note = text(request.body?.catatan)
      const to = oneOf<TicketStatus>(typedStatus, TICKET_STATUSES)
      const values = { status: typedStatus, catatan: note }
      if (to === undefined)
        return await reject(
          request,
          reply,
          ticket,
          'status',
          'Pilih salah satu status dari daftar.',
          values
        )
      if (to === ticket.status)
        return await reject(
          request,
          reply,
          ticket,
          'status',
          `Status tiket sudah ${STATUS_LABEL[to] ?? to}.`,
          values
        )
      if ((to === 'selesai' || to === 'ditutup') && note.length < 5) {
        return await reject(
          request,
          reply,
          ticket,
          'status',
          'Tulis catatan penyelesaian (minimal 5 karakter) sebelum menandai tiket Selesai atau Ditutup.',
          values
        )
      }
      const eventId = tickets.changeStatus(ticket, request.staff!.username, to, note)
      // Resolved or closed: the user is told in their chat; the outcome is kept on the event.
      const toldToUser = oneOf(to, STATUSES_TOLD_TO_USER)
      const result =
        toldToUser === undefined
          ? undefined
          : await deps.notifier.deliver(
              ticket.senderId,
              ticketFinishedMessage(ticket.number, toldToUser, tickets.lastNoteForUser(ticket.id))
            )
      if (result !== undefined) {
        tickets.amendEvent(eventId, {
          notified: result.delivered,
          ...(result.delivered ? {} : { reason: result.reason })
        })
        if (!result.delivered)
          request.log.warn(
            { ticket: ticket.number, reason: result.reason },
            'status notice for the user not delivered'
          )
      }
      audit.record(request.staff!.username, 'ticket_status', ticket.number, {
        from: ticket.status,
        to,
        ...(result === undefined ? {} : { delivered: result.delivered })
      })
      // The satisfaction survey goes as a message of its own, after anything else the user gets.
      if (to === 'selesai')
        await askForRatingAfterResolve(
          { notifier: deps.notifier, logger: request.log, satisfaction: services.satisfaction },
          ticket
        )
      const changed = `Status tiket menjadi ${STATUS_LABEL[to] ?? to}.`
      return redirectWithFlash(
        request,
        reply,
        `/tiket/${ticket.number}`,
        result === undefined
          ? changed
          : result.delivered
            ? `${changed} Pengguna diberi tahu lewat Telegram.`
            : `${changed} Pemberitahuan ke pengguna belum terkirim: ${result.reason}.`
      )
    })

    app.post<NumberParams>('/tiket/:number/catatan', async (request, reply) => {
      const ticket = load(request.params.number)
      if (ticket === undefined) return reply.callNotFound()
      const body = text(request.body?.isi)
      const forWhom = text(request.body?.untuk, 20)
      const visibility = oneOf(forWhom, ['internal', 'pengguna'] as const)
      const values = { isi: body, untuk: forWhom }
      if (body.length < 2)
        return await reject(
          request,
          reply,
          ticket,
          'catatan',
          'Catatan tidak boleh kosong.',
          values
        )
      if (visibility === undefined)
        return await reject(
          request,
          reply,
          ticket,
          'catatan',
          'Pilih untuk siapa catatan ini: internal atau pengguna.',
          values
        )
      if (visibility === 'internal') {
        tickets.addNote(ticket, request.staff!.username, body, visibility)
        audit.record(request.staff!.username, 'ticket_note', ticket.number, { visibility })
        return redirectWithFlash(
          request,
          reply,
          `/tiket/${ticket.number}`,
          'Catatan internal disimpan.'
        )
      }
      const result = await deps.notifier.deliver(
        ticket.senderId,
        noteForUserMessage(ticket.number, body)
      )
      tickets.addEvent(
        ticket.id,
        request.staff!.username,
        'note',
        body,
        result.delivered ? { delivered: true } : { delivered: false, reason: result.reason },
        'pengguna'
      )
      audit.record(request.staff!.username, 'ticket_note', ticket.number, {
        visibility,
        delivered: result.delivered
      })
      if (!result.delivered)
        request.log.warn(
          { ticket: ticket.number, reason: result.reason },
          'note for the user not delivered'
        )
      return redirectWithFlash(
        request,
        reply,
        `/tiket/${ticket.number}`,
        result.delivered
          ? 'Catatan untuk pengguna disimpan dan dikirim ke Telegram pengguna.'
          : `Catatan untuk pengguna disimpan, tetapi belum terkirim: ${result.reason}.`
      )
    })

    // A JSON route (JSON routes answer 401 without a session, console/README.md).
    app.get('/api/ringkasan', async () => ({ tiket: tickets.countsByStatus() }))
  }
}
