// Builds the action-call bodies Rasa 3.6 sends to POST /webhook (Rasa's action server HTTP API: https://rasa.com/docs/rasa/3.x/pages/action-server-api):
// a tracker with N realistic events (user/bot/action/slot/active_loop/user_featurization,
// each stamped with model_id/assistant_id metadata), the full domain, serialised like
// Python's json.dumps. Deterministic: the same N always gives the same bytes.
import { readFileSync, existsSync } from 'node:fs'
import { deflateSync } from 'node:zlib'
import { fileURLToPath } from 'node:url'
import path from 'node:path'
import yaml from 'js-yaml'
import { pyDumps } from './py-json.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const repo = path.resolve(here, '../..')
const MODEL_ID = '5f0e8a1c2b3d4e5f60718293a4b5c6d7'
const META = { model_id: MODEL_ID, assistant_id: 'helpdesk_tik' }

const INTENTS = [
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
  'inform'
]

/** Loads the domain Rasa would send: rasa-project/domain.yml when present, else the snapshot. */
export function loadDomain() {
  const live = path.join(repo, 'rasa-project/domain.yml')
  if (existsSync(live)) {
    const d = yaml.load(readFileSync(live, 'utf8'))
    // Domain.as_dict drops empty top-level keys and adds session_config when absent.
    for (const k of Object.keys(d)) {
      const v = d[k]
      if (
        v === null ||
        (Array.isArray(v) && v.length === 0) ||
        (typeof v === 'object' && v && Object.keys(v).length === 0)
      )
        delete d[k]
    }
    d.session_config ??= { session_expiration_time: 60, carry_over_slots_to_new_session: true }
    return { domain: d, source: 'rasa-project/domain.yml' }
  }
  return {
    domain: JSON.parse(readFileSync(path.join(here, '../fixtures/domain.json'), 'utf8')),
    source: 'bench/fixtures/domain.json'
  }
}

function rng(seed) {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

class EventLog {
  constructor(seed) {
    this.events = []
    this.t = 1732500000.0
    this.r = rng(seed)
  }
  hex() {
    let out = ''
    for (let i = 0; i < 32; i++) out += Math.floor(this.r() * 16).toString(16)
    return out
  }
  ts() {
    this.t += 0.05 + Math.round(this.r() * 4000) / 1000
    return Math.round(this.t * 1e6) / 1e6
  }
  push(event, extra) {
    this.events.push({ event, timestamp: this.ts(), metadata: { ...META }, ...extra })
  }
  action(name, policy = 'RulePolicy', confidence = 1.0) {
    this.push('action', { name, policy, confidence, action_text: null, hide_rule_turn: false })
  }
  slot(name, value) {
    this.push('slot', { name, value })
  }
  bot(text, buttons, utter) {
    this.push('bot', {
      text,
      data: {
        elements: null,
        quick_replies: null,
        buttons: buttons ?? null,
        attachment: null,
        image: null,
        custom: null
      }
    })
    if (utter) this.events[this.events.length - 1].metadata = { utter_action: utter, ...META }
  }
  parseData(text, intent, entities) {
    const ranking = [intent, ...INTENTS.filter((i) => i !== intent)].slice(0, 10)
    let rest = 1
    const intentRanking = ranking
      .map((name, i) => {
        const c = i === 0 ? 0.9 + this.r() * 0.09 : rest * this.r() * 0.3
        if (i > 0) rest -= c
        return { name, confidence: Math.round(c * 1e6) / 1e6 }
      })
      .sort((a, b) => b.confidence - a.confidence)
    return {
      intent: intentRanking[0],
      entities,
      text,
      message_id: this.hex(),
      metadata: {
        telegram: {
          chat_id: 123456789,
          user_id: 123456789,
          message_id: this.events.length + 1,
          language_code: 'id'
        }
      },
      text_tokens: text.split(' ').reduce((acc, w) => {
        const start = acc.length ? acc[acc.length - 1][1] + 1 : 0
        acc.push([start, start + w.length])
        return acc
      }, []),
      intent_ranking: intentRanking
    }
  }
  user(text, intent, entities = []) {
    this.action(
      'action_listen',
      this.events.length < 3 ? null : 'RulePolicy',
      this.events.length < 3 ? null : 1.0
    )
    const pd = this.parseData(text, intent, entities)
    this.push('user', { text, parse_data: pd, input_channel: 'rest', message_id: pd.message_id })
    this.events[this.events.length - 1].metadata = { telegram: pd.metadata.telegram, ...META }
    for (const e of entities) this.slot(e.entity, e.value)
    this.push('user_featurization', { use_text_for_featurization: false })
  }
}

/** The greeting and menu of action_sapa, shared by the tracker history and the bench action. */
export const GREETING =
  'Halo! Saya asisten virtual Helpdesk TIK Dinas Komunikasi dan Informatika. Apa yang bisa kami bantu?'
export const MENU = [
  { title: 'Lupa password', payload: '/lupa_password' },
  { title: 'Lupa akun e-mail', payload: '/lupa_email' },
  { title: 'Daftar TTE', payload: '/daftar_tte' },
  { title: 'Cek status TTE', payload: '/cek_status_tte' },
  { title: 'Hubungi petugas', payload: '/minta_petugas' }
]
const YA_TIDAK = [
  { title: 'Ya', payload: '/affirm' },
  { title: 'Tidak', payload: '/deny' }
]

// One "conversation" of the bot: greeting, forgot e-mail password with NIP + confirmation,
// a not-understood turn, then goodbye. Repeated to reach the requested length.
function conversation(log) {
  log.user('halo', 'greet')
  log.action('action_sapa')
  log.bot(GREETING, MENU)
  log.slot('jumlah_fallback', 0.0)
  log.user('saya lupa password', 'lupa_password')
  log.action('lupa_password_form')
  log.push('active_loop', { name: 'lupa_password_form' })
  log.slot('requested_slot', 'sistem')
  log.action('action_ask_sistem')
  log.bot('Password apa yang Anda maksud?', [
    { title: 'SIMASN', payload: '/inform{"sistem":"simasn"}' },
    { title: 'E-mail dinas', payload: '/inform{"sistem":"email_dinas"}' },
    { title: 'SIASN', payload: '/inform{"sistem":"siasn"}' }
  ])
  log.user('/inform{"sistem":"email_dinas"}', 'inform', [
    { entity: 'sistem', value: 'email_dinas', start: 8, end: 30, extractor: 'RegexMessageHandler' }
  ])
  log.action('lupa_password_form')
  log.slot('requested_slot', 'identitas')
  log.action('utter_ask_identitas')
  log.bot('Silakan kirim NIP (18 digit) Anda.', null, 'utter_ask_identitas')
  log.user('198503152010011001', 'inform', [
    {
      entity: 'nip',
      value: '198503152010011001',
      start: 0,
      end: 18,
      confidence_entity: 0.998,
      extractor: 'DIETClassifier'
    }
  ])
  log.action('lupa_password_form')
  log.slot('jenis_identitas', 'nip')
  log.slot('ringkasan_identitas', 'Nama: B*** S*****\nUnit kerja: Dinas Komunikasi dan Informatika')
  log.slot('requested_slot', 'konfirmasi')
  log.action('utter_ask_konfirmasi')
  log.bot(
    'Apakah data ini sudah benar?\nNama: B*** S*****\nUnit kerja: Dinas Komunikasi dan Informatika',
    YA_TIDAK,
    'utter_ask_konfirmasi'
  )
  log.user('ya', 'affirm')
  log.slot('konfirmasi', true)
  log.action('lupa_password_form')
  log.push('active_loop', { name: null })
  log.slot('requested_slot', null)
  log.action('action_reset_password')
  log.bot(
    'Permintaan reset password e-mail dinas Anda sudah kami terima (tiket TIK-20261125-0042). Password baru dikirim lewat WhatsApp ke nomor 0856****0001 — mohon jangan dibagikan kepada siapa pun.'
  )
  for (const s of [
    'sistem',
    'identitas',
    'jenis_identitas',
    'ringkasan_identitas',
    'konfirmasi',
    'status_identitas',
    'percobaan_identitas'
  ])
    log.slot(s, null)
  log.action('utter_masih_ada')
  log.bot('Apakah masih ada yang bisa kami bantu?', YA_TIDAK, 'utter_masih_ada')
  log.user('asdfgh', 'nlu_fallback')
  log.action('action_fallback')
  log.bot('Maaf, saya belum memahami. Coba ulangi pertanyaannya.')
  log.slot('jumlah_fallback', 1.0)
  log.user('tidak, terima kasih', 'deny')
  log.action('utter_goodbye')
  log.bot('Terima kasih telah menghubungi Helpdesk TIK. Sampai jumpa!', null, 'utter_goodbye')
}

function domainSlots(domain) {
  const slots = {}
  for (const name of Object.keys(domain.slots ?? {}))
    slots[name] = domain.slots[name].initial_value ?? null
  if (domain.forms && Object.keys(domain.forms).length) slots.requested_slot = null
  slots.session_started_metadata = null
  return slots
}

/**
 * Returns the action call for `nextAction` with a tracker of exactly `nEvents` events that
 * ends with a fresh user "halo" (greet) message, as Rasa sends it right before the action.
 */
export function buildActionCall({
  nEvents,
  nextAction = 'action_sapa',
  senderId = '123456789',
  domain
}) {
  if (nEvents < 6) throw new Error('nEvents must be >= 6')
  const log = new EventLog(nEvents)
  log.action('action_session_start', null, null)
  log.push('session_started', {})
  while (log.events.length < nEvents) conversation(log)
  // Trim, then close with the turn that triggers the action (action_listen, user, featurization).
  const body = log.events.slice(0, nEvents - 3)
  const tail = new EventLog(nEvents + 1)
  tail.t = log.t
  tail.events.length = 3 // so user() stamps a policy on action_listen
  tail.user('halo', 'greet')
  const events = [...body, ...tail.events.slice(3)]
  const lastUser = events[events.length - 2]
  const slots = domainSlots(domain)
  for (const e of events) if (e.event === 'slot' && e.name in slots) slots[e.name] = e.value
  slots.requested_slot = null
  const tracker = {
    sender_id: senderId,
    slots,
    latest_message: lastUser.parse_data,
    latest_event_time: events[events.length - 1].timestamp,
    followup_action: null,
    paused: false,
    events,
    latest_input_channel: 'rest',
    active_loop: {},
    latest_action: { action_name: 'action_listen' },
    latest_action_name: 'action_listen'
  }
  return { next_action: nextAction, sender_id: senderId, tracker, version: '3.6.21', domain }
}

/** Plain and deflate (zlib-wrapped, what aiohttp compress=True sends) request bodies. */
export function buildBodies(call) {
  const plain = Buffer.from(pyDumps(call), 'utf8')
  return { plain, deflate: deflateSync(plain) }
}
