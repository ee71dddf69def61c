import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import type { ConsoleServices } from '../app'
import type { TicketDetail } from '../data/tickets'
import type { ConsoleDeps } from '../deps'
import { REACHABLE_SENDER } from '../gateway-notifier'
import {
  conversationBody,
  latestEventTime,
  liveTranscriptLines,
  TAKEOVER_TRANSCRIPT
} from '../pages/conversation-page'
import type { RasaEvent } from '../rasa/rasa-api'
import type { LiveMessage } from '../takeover/live-feed'
import { showTranscript } from '../transcript'
import { redirectWithFlash, sendPage } from '../web/respond'
import { text, TICKET_NUMBER } from './parse'

type NumberParams = { Params: { number: string }; Body: Record<string, unknown> }

const HEARTBEAT_MS = 15_000

/**
 * Live takeover of a ticket's conversation: the transcript page (Rasa's tracker, takeover
 * marked), its live stream (server-sent events), take over, reply, retry, hand back.
 */
export function takeoverRoutes(deps: ConsoleDeps, services: ConsoleServices): FastifyPluginAsync {
  const { tickets, takeovers, takeover: service, feed, audit } = services

  const load = async (number: string): Promise<TicketDetail | undefined> =>
    TICKET_NUMBER.test(number) ? await tickets.find(number) : undefined

  async function showConversation(
    request: FastifyRequest,
    reply: FastifyReply,
    ticket: TicketDetail,
    extra: { error?: string; draft?: string; status?: number } = {}
  ): Promise<FastifyReply> {
    let events: RasaEvent[] | undefined
    let rasaError: string | undefined
    try {
      events = (await deps.rasa.tracker(ticket.senderId)).events
    } catch (err) {
      rasaError = (err as Error).message
    }
    const active = await takeovers.activeFor(ticket.senderId)
    const undelivered =
      active === undefined
        ? []
        : (await tickets.timeline(ticket.id)).filter(
            (e) =>
              e.kind === 'takeover_reply' &&
              e.detail.takeover === active.id &&
              e.detail.status !== 'terkirim'
          )
    // The transcript holds what the user typed (possibly personal data): showing it is audited.
    const transcript =
      events === undefined
        ? undefined
        : (
            await showTranscript({
              audit,
              actor: request.staff!.username,
              target: ticket.number,
              purpose: 'ambil_alih',
              events,
              transcript: TAKEOVER_TRANSCRIPT
            })
          )({
            label: `Percakapan tiket ${ticket.number}`,
            ...(active === undefined
              ? {}
              : {
                  stream: `/tiket/${ticket.number}/percakapan/aliran?setelah=${String(latestEventTime(events))}`
                })
          })
    return sendPage(request, reply, {
      title: `Percakapan ${ticket.number}`,
      active: 'tiket',
      status: extra.status ?? 200,
      body: (csrf) =>
        conversationBody(
          {
            ticket,
            transcript,
            ...(rasaError === undefined ? {} : { rasaError }),
            active,
            viewerId: request.staff!.id,
            undelivered,
            ...(extra.draft === undefined ? {} : { draft: extra.draft }),
            ...(extra.error === undefined ? {} : { error: extra.error })
          },
          csrf
        )
    })
  }

  return async (app) => {
    /** Open live streams, ended when the console stops (otherwise close() would wait for them). */
    const streams = new Set<() => void>()
    app.addHook('onClose', async () => {
      for (const end of [...streams]) end()
    })

    app.get<{ Params: { number: string } }>('/tiket/:number/percakapan', async (request, reply) => {
      const ticket = await load(request.params.number)
      if (ticket === undefined) return reply.callNotFound()
      return await showConversation(request, reply, ticket)
    })

    app.get<{ Params: { number: string }; Querystring: { setelah?: string } }>(
      '/tiket/:number/percakapan/aliran',
      async (request, reply) => {
        const ticket = await load(request.params.number)
        if (ticket === undefined) return reply.callNotFound()
        const active = await takeovers.activeFor(ticket.senderId)
        if (active === undefined) return reply.code(204).send()
        const after = Number(request.query.setelah ?? '0')
        const since = Number.isFinite(after) ? after : 0
        reply.hijack()
        const raw = reply.raw
        raw.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          'x-accel-buffering': 'no'
        })
        raw.write(': aliran percakapan\n\n')
        const send = (event: string, data: unknown): void => {
          raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
        }
        const onMessage = (message: LiveMessage): void => {
          if (message.type === 'events') {
            for (const line of liveTranscriptLines(message.events, since)) send('baris', line)
          } else if (message.type === 'ended') {
            send('berakhir', { reason: message.reason })
          } else {
            send('pengiriman', { status: message.status })
          }
        }
        const unsubscribe = feed.subscribe(active.id, onMessage)
        const heartbeat = setInterval(() => raw.write(': tetap\n\n'), HEARTBEAT_MS)
        const stop = (): void => {
          clearInterval(heartbeat)
          unsubscribe()
          streams.delete(stop)
          if (!raw.writableEnded) raw.end()
        }
        streams.add(stop)
        request.raw.on('close', stop)
      }
    )

    app.post<NumberParams>('/tiket/:number/ambil-alih', async (request, reply) => {
      const ticket = await load(request.params.number)
      if (ticket === undefined) return reply.callNotFound()
      const me = request.staff!
      if (!REACHABLE_SENDER.test(ticket.senderId))
        return await showConversation(request, reply, ticket, {
          status: 422,
          error:
            'Pengguna tiket ini tidak memakai Telegram; percakapannya tidak dapat diambil alih.'
        })
      const result = await service.start(ticket, me)
      if (!result.ok) {
        const error =
          result.reason === 'busy'
            ? `Percakapan ini sedang diambil alih oleh ${result.heldBy}.`
            : result.reason === 'rasa'
              ? `Tidak dapat mengambil alih: ${result.message}. Bot tetap melayani pengguna dan tidak ada pesan yang dikirim.`
              : `Tidak dapat mengambil alih: pesan pembuka ke pengguna gagal (${result.message}). Bot tetap melayani pengguna.`
        request.log.warn(
          {
            ticket: ticket.number,
            reason: result.reason,
            ...(result.reason === 'busy' ? {} : { detail: result.message })
          },
          'takeover refused'
        )
        return await showConversation(request, reply, ticket, {
          status: result.reason === 'busy' ? 409 : 503,
          error
        })
      }
      return redirectWithFlash(
        request,
        reply,
        `/tiket/${ticket.number}/percakapan`,
        'Percakapan Anda ambil alih; bot berhenti menjawab pengguna ini sampai Anda mengembalikannya.'
      )
    })

    app.post<NumberParams>('/tiket/:number/percakapan/balas', async (request, reply) => {
      const ticket = await load(request.params.number)
      if (ticket === undefined) return reply.callNotFound()
      const active = await takeovers.activeFor(ticket.senderId)
      const body = text(request.body?.isi)
      if (active === undefined || active.staffId !== request.staff!.id)
        return await showConversation(request, reply, ticket, {
          status: 409,
          draft: body,
          error: 'Anda tidak sedang mengambil alih percakapan ini; balasan tidak dikirim.'
        })
      if (body.length < 1)
        return await showConversation(request, reply, ticket, {
          status: 422,
          error: 'Balasan tidak boleh kosong.'
        })
      const sent = await service.reply(active, request.staff!.username, body)
      if (sent.status !== 'terkirim')
        return await showConversation(request, reply, ticket, {
          status: 502,
          error:
            sent.status === 'diblokir'
              ? 'Balasan tidak sampai: pengguna memblokir bot di Telegram.'
              : `Balasan belum terkirim (${sent.reason ?? 'gateway gagal'}). Pesan disimpan; tekan Kirim ulang.`
        })
      return reply.redirect(`/tiket/${ticket.number}/percakapan`, 303)
    })

    app.post<{ Params: { number: string; id: string }; Body: Record<string, unknown> }>(
      '/tiket/:number/percakapan/kirim-ulang/:id',
      async (request, reply) => {
        const ticket = await load(request.params.number)
        if (ticket === undefined) return reply.callNotFound()
        const active = await takeovers.activeFor(ticket.senderId)
        const event = /^\d+$/.test(request.params.id)
          ? await tickets.event(Number(request.params.id))
          : undefined
        if (
          event === undefined ||
          event.ticketId !== ticket.id ||
          event.kind !== 'takeover_reply' ||
          active === undefined ||
          event.detail.takeover !== active.id ||
          active.staffId !== request.staff!.id
        )
          return reply.callNotFound()
        if (event.detail.status === 'terkirim')
          return reply.redirect(`/tiket/${ticket.number}/percakapan`, 303)
        const sent = await service.deliverReply(active, event.id, event.actor, event.body)
        if (sent.status !== 'terkirim')
          return await showConversation(request, reply, ticket, {
            status: 502,
            error: `Kirim ulang gagal (${sent.reason ?? 'gateway gagal'}).`
          })
        return redirectWithFlash(
          request,
          reply,
          `/tiket/${ticket.number}/percakapan`,
          'Balasan terkirim.'
        )
      }
    )

    app.post<NumberParams>('/tiket/:number/kembalikan', async (request, reply) => {
      const ticket = await load(request.params.number)
      if (ticket === undefined) return reply.callNotFound()
      const active = await takeovers.activeFor(ticket.senderId)
      if (active === undefined)
        return redirectWithFlash(
          request,
          reply,
          `/tiket/${ticket.number}/percakapan`,
          'Percakapan ini sudah dilayani bot.'
        )
      const { told } = await service.handBack(active, request.staff!.username, 'staf')
      return redirectWithFlash(
        request,
        reply,
        `/tiket/${ticket.number}/percakapan`,
        told === undefined || told.delivered
          ? 'Percakapan dikembalikan ke bot; pengguna sudah diberi tahu.'
          : `Percakapan dikembalikan ke bot, tetapi pemberitahuan ke pengguna gagal: ${told.reason}.`
      )
    })
  }
}
