/**
 * The real action server (buildApp + composeActionServer from a test config) on
 * 127.0.0.1:0, with a temporary SQLite file, a hand-moved clock and the product logger captured.
 * Rasa is played by `say()`: realistic 3.6 action calls built by the functions below.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildApp } from '../../src/app'
import { composeActionServer, type HelpdeskDeps } from '../../src/composition'
import { loadConfig } from '../../src/config'
import type { ActionCall, BotMessage, Domain, TrackerEvent } from '../../src/sdk'
import { captureLogs, fixedClock } from '@helpdesk/core/testing'

export const SENDER = '5550001'
export const BUDI_NIP = '198503152010011001'
export const BUDI_NIK = '3603121503850001'
export const BUDI_PHONE = '6285600000001'

export interface Harness {
  url: string
  deps: HelpdeskDeps
  logs: ReturnType<typeof captureLogs>
  clock: ReturnType<typeof fixedClock>
  post: (call: ActionCall) => Promise<{
    status: number
    body: { events: Array<Record<string, unknown>>; responses: BotMessage[] }
  }>
  /** DATABASE_FILE of this harness (unused when DATABASE_URL is given). */
  databaseFile: string
  close: () => Promise<void>
}

export async function startHarness(env: Record<string, string> = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'helpdesk-actions-'))
  const config = loadConfig({
    DATABASE_FILE: join(dir, 'helpdesk.sqlite'),
    LOG_LEVEL: 'debug',
    IDENTITY_LOOKUPS_PER_HOUR: '20',
    ...env
  })
  const logs = captureLogs()
  const clock = fixedClock('2026-06-15T03:00:00Z')
  const graph = await composeActionServer(config, logs.logger, clock)
  const app = buildApp(config, { actions: graph.actions, logger: logs.logger })
  const url = await app.listen({ host: '127.0.0.1', port: 0 })
  return {
    url,
    databaseFile: config.DATABASE_FILE,
    deps: graph.deps,
    logs,
    clock,
    async post(call) {
      const response = await fetch(`${url}/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(call)
      })
      return { status: response.status, body: (await response.json()) as never }
    },
    async close() {
      await app.close()
      await graph.close()
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

const ALL_INTENTS = [
  'greet',
  'goodbye',
  'affirm',
  'deny',
  'thanks',
  'bot_challenge',
  'help',
  'out_of_scope',
  'lupa_password',
  'lupa_email',
  'daftar_tte',
  'cek_status_tte',
  'minta_petugas',
  'cek_status_tiket',
  'inform',
  'beri_nilai',
  'nlu_fallback'
]

/** The domain Rasa sends (shape of rasa-project/domain.yml as docs/dialogue-design.md fixes it). */
export const helpdeskDomain: Domain = {
  version: '3.1',
  intents: ALL_INTENTS,
  entities: ['nip', 'nik', 'sistem', 'nomor_tiket', 'nilai'],
  slots: {
    sistem: {
      type: 'text',
      influence_conversation: true,
      mappings: [{ type: 'from_entity', entity: 'sistem' }]
    },
    identitas: {
      type: 'text',
      influence_conversation: false,
      mappings: [
        { type: 'from_entity', entity: 'nip' },
        { type: 'from_entity', entity: 'nik' }
      ]
    },
    nomor_tiket: {
      type: 'text',
      influence_conversation: false,
      mappings: [{ type: 'from_entity', entity: 'nomor_tiket' }]
    },
    jenis_identitas: {
      type: 'categorical',
      values: ['nip', 'nik', 'pppk'],
      influence_conversation: false,
      mappings: [{ type: 'custom' }]
    },
    ringkasan_identitas: {
      type: 'text',
      influence_conversation: false,
      mappings: [{ type: 'custom' }]
    },
    konfirmasi: {
      type: 'bool',
      influence_conversation: false,
      mappings: [{ type: 'from_intent', intent: 'affirm', value: true }]
    },
    status_identitas: {
      type: 'categorical',
      values: ['valid', 'gagal', 'dibatasi'],
      influence_conversation: false,
      mappings: [{ type: 'custom' }]
    },
    percobaan_identitas: {
      type: 'float',
      influence_conversation: false,
      mappings: [{ type: 'custom' }]
    },
    jumlah_fallback: {
      type: 'float',
      influence_conversation: false,
      initial_value: 0,
      mappings: [{ type: 'custom' }]
    },
    nilai: {
      type: 'text',
      influence_conversation: false,
      mappings: [{ type: 'from_entity', entity: 'nilai' }]
    },
    survei_minta_komentar: {
      type: 'bool',
      influence_conversation: true,
      mappings: [{ type: 'custom' }]
    },
    komentar_survei: {
      type: 'text',
      influence_conversation: false,
      mappings: [{ type: 'from_text' }]
    }
  },
  responses: { utter_masih_ada: [{ text: 'Apakah masih ada yang bisa kami bantu?' }] },
  actions: [
    'action_sapa',
    'action_ask_sistem',
    'validate_lupa_password_form',
    'validate_daftar_tte_form',
    'validate_cek_tte_form',
    'action_reset_password',
    'action_panduan_lupa_email',
    'action_daftar_tte',
    'action_cek_status_tte',
    'action_hubungi_petugas',
    'action_cek_status_tiket',
    'action_fallback',
    'action_tawarkan_survei',
    'action_simpan_nilai',
    'validate_survei_komentar_form'
  ],
  forms: {
    lupa_password_form: { required_slots: ['sistem', 'identitas', 'konfirmasi'] },
    daftar_tte_form: { required_slots: ['identitas', 'konfirmasi'] },
    cek_tte_form: { required_slots: ['identitas', 'konfirmasi'] },
    survei_komentar_form: { required_slots: ['komentar_survei'] }
  },
  session_config: { session_expiration_time: 60, carry_over_slots_to_new_session: true }
}

const EMPTY_SLOTS = {
  sistem: null,
  identitas: null,
  jenis_identitas: null,
  ringkasan_identitas: null,
  konfirmasi: null,
  status_identitas: null,
  percobaan_identitas: null,
  jumlah_fallback: 0,
  nilai: null,
  survei_minta_komentar: null,
  komentar_survei: null,
  requested_slot: null,
  session_started_metadata: null
}

let time = 1781492400
let messageCounter = 0
const at = (): number => {
  time += 0.5
  return time
}

export interface Turn {
  text: string
  intent: string
  entities?: Array<{ entity: string; value: string }>
  /** Slots already set before this message. */
  slots?: Record<string, unknown>
  /** The active form (loop) and the slot it asked for. */
  form?: string
  requested?: string | null
  /** Slot candidates appended after `action(<form>)`, as Rasa sends them to validate_<form>. */
  candidates?: Record<string, unknown>
  metadata?: Record<string, unknown>
  sender?: string
  messageId?: string
}

/** A Rasa 3.6 action call for `nextAction` after the user message described by `turn`. */
export function turnCall(nextAction: string, turn: Turn): ActionCall {
  const sender = turn.sender ?? SENDER
  const metadata = turn.metadata ?? {
    telegram: {
      chat_id: Number(sender),
      user_id: Number(sender),
      message_id: 40,
      language_code: 'id'
    }
  }
  const messageId = turn.messageId ?? `msg${++messageCounter}`
  const entities = (turn.entities ?? []).map((e) => ({
    ...e,
    start: 0,
    end: e.value.length,
    extractor: 'DIETClassifier',
    confidence_entity: 0.98
  }))
  const parseData = {
    intent: { name: turn.intent, confidence: 0.96 },
    entities,
    text: turn.text,
    message_id: messageId,
    metadata,
    intent_ranking: [{ name: turn.intent, confidence: 0.96 }]
  }
  const slots = { ...EMPTY_SLOTS, ...(turn.slots ?? {}), requested_slot: turn.requested ?? null }
  const events: TrackerEvent[] = [
    { event: 'action', timestamp: at(), name: 'action_session_start', policy: null, confidence: 1 },
    { event: 'session_started', timestamp: at() },
    { event: 'action', timestamp: at(), name: 'action_listen', policy: null, confidence: null },
    ...Object.entries(turn.slots ?? {}).map(([name, value]) => ({
      event: 'slot',
      timestamp: at(),
      name,
      value
    })),
    ...(turn.form === undefined
      ? []
      : [{ event: 'active_loop', timestamp: at(), name: turn.form }]),
    ...(turn.requested === undefined
      ? []
      : [{ event: 'slot', timestamp: at(), name: 'requested_slot', value: turn.requested }]),
    {
      event: 'action',
      timestamp: at(),
      name: 'action_listen',
      policy: 'RulePolicy',
      confidence: 1
    },
    {
      event: 'user',
      timestamp: at(),
      text: turn.text,
      parse_data: parseData,
      input_channel: 'rest',
      message_id: messageId,
      metadata
    },
    { event: 'user_featurization', timestamp: at(), use_text_for_featurization: false },
    ...(turn.form === undefined
      ? []
      : [
          { event: 'action', timestamp: at(), name: turn.form, policy: 'RulePolicy', confidence: 1 }
        ]),
    ...Object.entries(turn.candidates ?? {}).map(([name, value]) => ({
      event: 'slot',
      timestamp: at(),
      name,
      value
    }))
  ]
  return {
    next_action: nextAction,
    sender_id: sender,
    version: '3.6.21',
    domain: helpdeskDomain,
    tracker: {
      sender_id: sender,
      slots: { ...slots, ...(turn.candidates ?? {}) },
      latest_message: parseData,
      latest_event_time: events.at(-1)?.timestamp ?? null,
      followup_action: null,
      paused: false,
      events,
      latest_input_channel: 'rest',
      active_loop:
        turn.form === undefined
          ? {}
          : { name: turn.form, validate: true, rejected: false, trigger_message: {} },
      latest_action: { action_name: turn.form ?? 'action_listen' },
      latest_action_name: turn.form ?? 'action_listen'
    }
  }
}

/** Slot events of a response as a name → value map (later events win). */
export function slotsOf(events: Array<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(events.filter((e) => e.event === 'slot').map((e) => [e.name, e.value]))
}

/** The texts of the responses, joined (for phrase assertions). */
export const textsOf = (responses: BotMessage[]): string =>
  responses.map((r) => r.text ?? '').join('\n')

/** Slots after a confirmed identity, as the form leaves them for the finishing action. */
export const confirmedBudi = {
  identitas: BUDI_NIP,
  jenis_identitas: 'nip',
  ringkasan_identitas:
    'Nama: B*** S******\nNIP: 1985***********001\nUnit kerja: Dinas Komunikasi dan Informatika',
  status_identitas: 'valid',
  konfirmasi: true
}

/** The events every finishing action returns: the request slots cleared. */
export const CLEARED = [
  { event: 'slot', timestamp: null, name: 'sistem', value: null },
  { event: 'slot', timestamp: null, name: 'identitas', value: null },
  { event: 'slot', timestamp: null, name: 'jenis_identitas', value: null },
  { event: 'slot', timestamp: null, name: 'ringkasan_identitas', value: null },
  { event: 'slot', timestamp: null, name: 'konfirmasi', value: null },
  { event: 'slot', timestamp: null, name: 'status_identitas', value: null },
  { event: 'slot', timestamp: null, name: 'percobaan_identitas', value: null },
  { event: 'slot', timestamp: null, name: 'jumlah_fallback', value: 0 }
]
