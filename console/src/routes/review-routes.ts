import { isRealDate, wibDay } from '@helpdesk/core'
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import type { ConsoleServices } from '../app'
import { FREE_TAG, FIXED_REVIEW_TAGS, type SessionRef } from '../data/conversation-reviews'
import { readRasaTrackerStore } from '../data/rasa-tracker-store'
import type { ConsoleDeps } from '../deps'
import { conversationBody, nluExampleForm, reviewListBody } from '../pages/review-pages'
import {
  listConversations,
  wibDayStart,
  type ConversationFilter,
  type ConversationListRow
} from '../review/conversation-list'
import { readDomainIntents } from '../review/domain-intents'
import { appendNluReviewExample } from '../review/nlu-review-file'
import { conversationToTestStory } from '../review/test-story'
import { buildTranscript, parseRasaEvents, rasaTimeToIso, showTranscript } from '../transcript'
import { html } from '../web/html'
import { redirectWithFlash, sendPage } from '../web/respond'
import { positiveInt, text } from './parse'

const PAGE_SIZE = 25
/** Longest period one list covers (a year: the list reads every session of the period). */
const MAX_PERIOD_DAYS = 366
const DAY = /^\d{4}-\d{2}-\d{2}$/

type Query = Record<string, string | undefined>
type IdParams = { Params: { id: string }; Body: Record<string, unknown> }

const isoDay = (yyyymmdd: string): string =>
  `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`
const validDay = (value: string | undefined): value is string =>
  value !== undefined &&
  DAY.test(value) &&
  isRealDate({
    year: Number(value.slice(0, 4)),
    month: Number(value.slice(5, 7)),
    day: Number(value.slice(8, 10))
  })

/** Conversation review (issue 16.3): list, transcript, tags, NLU review file, test story. */
export function reviewRoutes(deps: ConsoleDeps, services: ConsoleServices): FastifyPluginAsync {
  const { audit, reviews } = services
  const { config } = deps

  function readFilter(query: Query): { filter: ConversationFilter; error?: string } {
    const today = isoDay(wibDay(deps.clock.now()))
    const weekAgo = isoDay(wibDay(new Date(deps.clock.now().getTime() - 6 * 86_400_000)))
    const flags = {
      ...(query.tidak_dipahami === '1' ? { fallback: true } : {}),
      ...(query.diserahkan === '1' ? { handedOver: true } : {}),
      ...(query.nilai_rendah === '1' ? { lowRating: true } : {}),
      ...(query.belum_ditinjau === '1' ? { unreviewed: true } : {}),
      ...(query.label !== undefined && FREE_TAG.test(query.label) ? { tag: query.label } : {})
    }
    const from = query.dari ?? weekAgo
    const to = query.sampai ?? today
    if (!validDay(from) || !validDay(to))
      return {
        filter: { from: weekAgo, to: today, ...flags },
        error: 'Tanggal tidak valid; yang ditampilkan 7 hari terakhir.'
      }
    const days = (wibDayStart(to) - wibDayStart(from)) / 86_400
    if (days < 0)
      return {
        filter: { from: to, to: from, ...flags },
        error: 'Tanggal awal sesudah tanggal akhir; keduanya ditukar.'
      }
    if (days >= MAX_PERIOD_DAYS)
      return {
        filter: {
          from: isoDay(wibDay(new Date((wibDayStart(to) - 365 * 86_400) * 1000))),
          to,
          ...flags
        },
        error: 'Periode paling lama satu tahun; yang ditampilkan satu tahun sampai tanggal akhir.'
      }
    return { filter: { from, to, ...flags } }
  }

  function queryString(filter: ConversationFilter): string {
    const params = new URLSearchParams({ dari: filter.from, sampai: filter.to })
    if (filter.fallback === true) params.set('tidak_dipahami', '1')
    if (filter.handedOver === true) params.set('diserahkan', '1')
    if (filter.lowRating === true) params.set('nilai_rendah', '1')
    if (filter.unreviewed === true) params.set('belum_ditinjau', '1')
    if (filter.tag !== undefined) params.set('label', filter.tag)
    return params.toString()
  }

  /** One conversation with what our store knows about it; undefined when there is none. */
  async function loadConversation(
    id: number
  ): Promise<{ row: ConversationListRow; events: unknown[]; ref: SessionRef } | undefined> {
    const found = await readRasaTrackerStore(deps.tracker, (store) => store.session(id))
    if (found === undefined) return undefined
    const day = isoDay(wibDay(new Date(found.session.startedAt * 1000)))
    const listed = await listConversations(deps.sql, reviews, deps.tracker, { from: day, to: day })
    const row = listed.find((r) => r.session.id === id) ?? {
      session: found.session,
      tickets: [],
      ratings: [],
      handedOver: found.session.handoff,
      review: undefined
    }
    return {
      row,
      events: found.events,
      ref: {
        senderId: found.session.senderId,
        sessionEventId: id,
        startedAt: rasaTimeToIso(found.session.startedAt)
      }
    }
  }

  function intents(): { list: string[]; error?: string } {
    try {
      return { list: readDomainIntents(config.rasaDomainFile) }
    } catch (err) {
      deps.logger.warn({ reason: (err as Error).message }, 'Rasa domain unreadable for review')
      return { list: [], error: 'Daftar intent bot tidak dapat dibaca.' }
    }
  }

  async function showConversation(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    error?: string,
    status = 200
  ): Promise<FastifyReply> {
    const loaded = await loadConversation(id)
    if (loaded === undefined) return notFound(request, reply)
    const { list, error: intentsError } = intents()
    const transcript = await showTranscript({
      audit,
      actor: request.staff!.username,
      target: `percakapan:${id}`,
      purpose: 'tinjauan',
      events: loaded.events
    })
    const examples = await reviews.nluExamples(loaded.ref)
    return sendPage(request, reply, {
      title: `Percakapan #${id}`,
      active: 'tinjauan',
      status,
      body: (csrf) =>
        conversationBody(
          {
            row: loaded.row,
            transcript: transcript({
              afterUserMessage: (entry) =>
                list.length === 0
                  ? html`<p class="hint">${intentsError ?? ''}</p>`
                  : nluExampleForm(
                      id,
                      entry.index,
                      list,
                      entry.notUnderstood ? undefined : entry.intent,
                      csrf
                    )
            }),
            examples,
            ...(error === undefined ? {} : { error })
          },
          csrf
        )
    })
  }

  const notFound = (request: FastifyRequest, reply: FastifyReply): FastifyReply =>
    sendPage(request, reply, {
      title: 'Percakapan tidak ditemukan',
      active: 'tinjauan',
      status: 404,
      body: () =>
        html`<h1>Percakapan tidak ditemukan</h1><p><a href="/tinjauan">Kembali ke daftar tinjauan</a></p>`
    })

  const conversationId = (value: string): number | undefined =>
    /^\d{1,12}$/.test(value) ? Number(value) : undefined

  return async (app) => {
    app.get<{ Querystring: Query }>('/tinjauan', async (request, reply) => {
      const { filter, error } = readFilter(request.query)
      const all = await listConversations(deps.sql, reviews, deps.tracker, filter)
      const tags = await reviews.tagsInUse()
      const pages = Math.max(1, Math.ceil(all.length / PAGE_SIZE))
      const page = Math.min(positiveInt(request.query.halaman, 1), pages)
      return sendPage(request, reply, {
        title: 'Tinjauan percakapan',
        active: 'tinjauan',
        body: () =>
          reviewListBody({
            filter,
            rows: all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
            total: all.length,
            page,
            pageSize: PAGE_SIZE,
            baseQuery: queryString(filter),
            tags,
            ...(error === undefined ? {} : { error })
          })
      })
    })

    app.get<{ Params: { id: string } }>('/tinjauan/:id', async (request, reply) => {
      const id = conversationId(request.params.id)
      return id === undefined ? notFound(request, reply) : showConversation(request, reply, id)
    })

    app.post<IdParams>('/tinjauan/:id/tinjau', async (request, reply) => {
      const id = conversationId(request.params.id)
      const loaded = id === undefined ? undefined : await loadConversation(id)
      if (id === undefined || loaded === undefined) return notFound(request, reply)
      const body = request.body ?? {}
      const picked = (Array.isArray(body.label) ? body.label : [body.label]).filter(
        (t): t is string =>
          typeof t === 'string' && (FIXED_REVIEW_TAGS as readonly string[]).includes(t)
      )
      const free = text(body.label_lain, 200)
        .split(',')
        .map((t) => t.trim().toLowerCase().replace(/\s+/g, '_'))
        .filter((t) => t !== '')
      const invalid = free.find((t) => !FREE_TAG.test(t))
      if (invalid !== undefined || free.length > 10)
        return showConversation(
          request,
          reply,
          id,
          'Label lain hanya boleh huruf kecil, angka, _ atau - (2–40 karakter, paling banyak 10); tidak ada yang disimpan.',
          422
        )
      const tags = [...new Set([...picked, ...free])]
      const reviewed = body.ditinjau === '1'
      await reviews.save(loaded.ref, request.staff!.username, tags, reviewed)
      await audit.record(request.staff!.username, 'conversation_reviewed', `percakapan:${id}`, {
        tags,
        reviewed
      })
      return redirectWithFlash(request, reply, `/tinjauan/${id}`, 'Tinjauan disimpan.')
    })

    app.post<IdParams>('/tinjauan/:id/nlu', async (request, reply) => {
      const id = conversationId(request.params.id)
      const loaded = id === undefined ? undefined : await loadConversation(id)
      if (id === undefined || loaded === undefined) return notFound(request, reply)
      const body = request.body ?? {}
      const intent = text(body.intent, 100)
      const index =
        typeof body.pesan === 'string' && /^\d{1,5}$/.test(body.pesan) ? Number(body.pesan) : -1
      const message = buildTranscript(parseRasaEvents(loaded.events), { maskTexts: false }).find(
        (e) => e.kind === 'user' && e.index === index
      )
      if (
        !intents().list.includes(intent) ||
        message === undefined ||
        message.kind !== 'user' ||
        message.text.trim() === ''
      )
        return showConversation(
          request,
          reply,
          id,
          'Pilih pesan pengguna dan salah satu intent bot; tidak ada yang ditambahkan.',
          422
        )
      const actor = request.staff!.username
      const addedAt = deps.clock.now().toISOString()
      let maskedText: string
      try {
        maskedText = await appendNluReviewExample(config.nluReviewFile, {
          intent,
          text: message.text,
          addedBy: actor,
          addedAt,
          conversation: id
        })
      } catch (err) {
        // The file is left as it was (written whole or not at all); the reason has no message text.
        deps.logger.error(
          { reason: (err as Error).message.split('\n')[0] },
          'NLU review file could not be updated'
        )
        return showConversation(
          request,
          reply,
          id,
          'Berkas tinjauan NLU tidak dapat dibaca atau ditulis (periksa CONSOLE_NLU_REVIEW_FILE); pesan belum ditambahkan.',
          503
        )
      }
      await reviews.addNluExample(loaded.ref, actor, { messageIndex: index, intent, maskedText })
      await audit.record(actor, 'review_example_added', `percakapan:${id}`, {
        intent,
        message: index
      })
      return redirectWithFlash(
        request,
        reply,
        `/tinjauan/${id}`,
        `Pesan dimasukkan ke berkas tinjauan NLU sebagai ${intent}.`
      )
    })

    app.get<{ Params: { id: string } }>('/tinjauan/:id/story.yml', async (request, reply) => {
      const id = conversationId(request.params.id.replace(/\.yml$/, ''))
      const loaded = id === undefined ? undefined : await loadConversation(id)
      if (id === undefined || loaded === undefined) return notFound(request, reply)
      const corrections = new Map(
        (await reviews.nluExamples(loaded.ref)).map((x) => [x.messageIndex, x.intent] as const)
      )
      const story = conversationToTestStory(parseRasaEvents(loaded.events), {
        conversation: id,
        corrections
      })
      await audit.record(request.staff!.username, 'test_story_exported', `percakapan:${id}`)
      return reply
        .type('application/yaml; charset=utf-8')
        .header('content-disposition', `attachment; filename="tinjauan-${id}.yml"`)
        .send(story)
    })
  }
}
