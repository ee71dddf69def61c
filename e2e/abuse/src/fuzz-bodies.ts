/**
 * fast-check generators of hostile request bodies for the action server's /webhook and the
 * gateway's Telegram webhook: wrong types, huge strings, deep nesting, prototype keys
 * (`__proto__`, `constructor`, `prototype`), invalid UTF-8 and other encodings, wrong content
 * types, deflate bombs. Every body carries planted personal data (NIP, NIK, phone, e-mail in
 * several spellings) so a response or log that echoes it is caught.
 */
import { deflateSync, gzipSync } from 'node:zlib'
import fc from 'fast-check'
import { actionCall } from './rasa-call'

export interface FuzzRequest {
  /** Which generator made it (for the status distribution). */
  kind: string
  headers: Record<string, string>
  body: Buffer
  /**
   * A schema-valid call naming a real action: the action itself may throw on the odd tracker,
   * and that 500 is allowed (it never echoes anything). Any other 5xx is a failure.
   */
  mayThrow: boolean
}

/** Fictional people of actions-server/data/directory.example.yml (so lookups can hit). */
const NIPS = ['198503152010011001', '198707222011032001', '199005302014092001']
const NIKS = ['3603121503850001', '3603126207870003']
const PHONES = ['6285600000001', '085600000002', '85600000003']
const EMAILS = ['budi.santoso@example.go.id', 'siti.aminah@example.go.id']

const fullWidth = (digits: string): string =>
  [...digits].map((d) => String.fromCharCode(0xff10 + Number(d))).join('')
const grouped = (digits: string, sep: string): string =>
  digits.replace(/(\d{4})(?=\d)/g, `$1${sep}`)

/** One piece of personal data in one of the spellings people (and attackers) use. */
export const plantedPersonalData: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...NIPS, ...NIKS, ...PHONES, ...EMAILS),
  fc
    .tuple(
      fc.constantFrom(...NIPS, ...NIKS, ...PHONES),
      fc.constantFrom(' ', '-', '.', '\t', '\n', '\u00a0', '   ')
    )
    .map(([d, sep]) => grouped(d, sep)),
  fc.constantFrom(...NIPS, ...NIKS, ...PHONES).map(fullWidth),
  fc
    .constantFrom(...PHONES)
    .map((p) => `+62 ${p.replace(/^(62|0)/, '').replace(/(\d{3})(\d{4})(\d+)/, '$1-$2-$3')}`),
  fc.constantFrom(...EMAILS).map((e) => e.toUpperCase())
)

const DANGEROUS_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '__defineGetter__',
  'then'
]
const PROTOCOL_KEYS = [
  'next_action',
  'sender_id',
  'tracker',
  'slots',
  'events',
  'event',
  'name',
  'value',
  'latest_message',
  'text',
  'domain',
  'version',
  'active_loop',
  'requested_slot',
  'identitas',
  'update_id',
  'message',
  'chat',
  'id',
  'callback_query',
  'data',
  'from'
]

const key: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...PROTOCOL_KEYS) },
  { weight: 2, arbitrary: fc.constantFrom(...DANGEROUS_KEYS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12, unit: 'grapheme' }) },
  { weight: 1, arbitrary: plantedPersonalData }
)

const scalar: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 40, unit: 'binary' }),
  plantedPersonalData,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(
    '-',
    'true',
    'false',
    '',
    'null',
    '{}',
    '[]',
    '/lupa_password{"identitas":"198503152010011001"}'
  )
)

/** A JSON tree as [key, value] pairs, so duplicate and `__proto__` keys survive into the text. */
type Tree =
  | { t: 'scalar'; v: unknown }
  | { t: 'array'; items: Tree[] }
  | { t: 'object'; entries: Array<[string, Tree]> }

const tree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 4, arbitrary: scalar.map((v): Tree => ({ t: 'scalar', v })) },
    {
      weight: 1,
      arbitrary: fc
        .array(tie('node'), { maxLength: 5 })
        .map((items): Tree => ({ t: 'array', items }))
    },
    {
      weight: 2,
      arbitrary: fc
        .array(fc.tuple(key, tie('node')), { maxLength: 6 })
        .map((entries): Tree => ({ t: 'object', entries }))
    }
  )
})).node

export function serialise(node: Tree): string {
  switch (node.t) {
    case 'scalar':
      return JSON.stringify(node.v) ?? 'null'
    case 'array':
      return `[${node.items.map(serialise).join(',')}]`
    case 'object':
      return `{${node.entries.map(([k, v]) => `${JSON.stringify(k)}:${serialise(v)}`).join(',')}}`
  }
}

const JSON_HEADERS = { 'content-type': 'application/json' }
const text = (body: string): Buffer => Buffer.from(body, 'utf8')

/** The real action names (GET /actions), plus names that are not. */
export function actionServerBodies(actionNames: readonly string[]): fc.Arbitrary<FuzzRequest> {
  const actionName = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...actionNames) },
    { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
    { weight: 1, arbitrary: plantedPersonalData.map((p) => `action_${p}`) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '__proto__',
        'constructor',
        'toString',
        'action_listen',
        'validate_',
        ''
      )
    }
  )

  /** A realistic call whose parts are replaced by hostile values. */
  const mutatedCall = fc
    .record({
      name: actionName,
      sender: fc.oneof(plantedPersonalData, fc.string({ maxLength: 20 })),
      text: plantedPersonalData,
      slots: fc.array(
        fc.tuple(
          fc.oneof(
            fc.constantFrom(
              'sistem',
              'identitas',
              'konfirmasi',
              'status_identitas',
              'jenis_identitas',
              'percobaan_identitas',
              'requested_slot'
            ),
            key
          ),
          tree
        ),
        { maxLength: 6 }
      ),
      mutations: fc.array(
        fc.tuple(
          fc.constantFrom(
            'next_action',
            'sender_id',
            'tracker',
            'tracker.slots',
            'tracker.events',
            'tracker.latest_message',
            'tracker.active_loop',
            'tracker.sender_id',
            'domain',
            'version',
            'tracker.paused',
            'tracker.followup_action'
          ),
          tree
        ),
        { maxLength: 3 }
      ),
      protoInjection: fc.boolean()
    })
    .map(({ name, sender, text: said, slots, mutations, protoInjection }): FuzzRequest => {
      const call = actionCall(name, {
        sender,
        text: said,
        slots: {
          sistem: 'email_dinas',
          identitas: NIPS[0],
          status_identitas: 'valid',
          konfirmasi: true
        }
      })
      let json = JSON.stringify(call)
      const slotText = slots.map(([k, v]) => `${JSON.stringify(k)}:${serialise(v)}`).join(',')
      if (slotText !== '') json = json.replace('"slots":{', `"slots":{${slotText},`)
      for (const [path, value] of mutations) {
        const field = path.split('.').at(-1) as string
        json = json.replace(
          new RegExp(`"${field}":`),
          `"${field}":${serialise(value)},"${field}_was":`
        )
      }
      if (protoInjection)
        json = json.replace(
          '{',
          '{"__proto__":{"polluted":true,"auth":true},"constructor":{"prototype":{"isAdmin":true}},'
        )
      return {
        kind: 'mutated-action-call',
        headers: JSON_HEADERS,
        body: text(json),
        mayThrow: actionNames.includes(name) && !mutations.some(([path]) => path === 'next_action')
      }
    })

  const randomJson = tree.map((t): FuzzRequest => ({
    kind: 'random-json',
    headers: JSON_HEADERS,
    body: text(serialise(t)),
    mayThrow: false
  }))

  const hugeString = fc
    .record({
      size: fc.integer({ min: 16 * 1024, max: 1024 * 1024 }),
      unit: fc.constantFrom(
        '1985 0315 2010 01 1 001 ',
        '0',
        'a',
        'é',
        '\u0000',
        '\\',
        '"',
        '𝟘',
        'budi@example.go.id '
      ),
      where: fc.constantFrom('next_action', 'sender_id', 'text', 'slot', 'key', 'request-id'),
      name: fc.constantFrom(...actionNames)
    })
    .map(({ size, unit, where, name }): FuzzRequest => {
      const huge = unit.repeat(Math.ceil(size / unit.length)).slice(0, size)
      const call = actionCall(where === 'next_action' ? huge : name, {
        sender: where === 'sender_id' ? huge : 'fuzz',
        text: where === 'text' ? huge : 'halo',
        slots: where === 'slot' ? { identitas: huge } : where === 'key' ? { [huge]: 1 } : {}
      })
      return {
        kind: 'huge-string',
        headers:
          where === 'request-id'
            ? {
                ...JSON_HEADERS,
                'x-request-id': huge.slice(0, 16 * 1024).replace(/[^\x21-\x7e]/g, '1')
              }
            : JSON_HEADERS,
        body: text(JSON.stringify(call)),
        mayThrow: where === 'text' || where === 'slot' || where === 'key'
      }
    })

  const deepNesting = fc
    .record({
      depth: fc.integer({ min: 500, max: 150_000 }),
      shape: fc.constantFrom('array', 'object', 'proto'),
      where: fc.constantFrom('top', 'slot', 'event', 'domain')
    })
    .map(({ depth, shape, where }): FuzzRequest => {
      const open = shape === 'array' ? '[' : shape === 'object' ? '{"a":' : '{"__proto__":'
      const close = shape === 'array' ? ']' : '}'
      const deep = `${open.repeat(depth)}"198503152010011001"${close.repeat(depth)}`
      const call = JSON.stringify(actionCall('action_sapa', { sender: 'deep' }))
      const body =
        where === 'top'
          ? deep
          : where === 'slot'
            ? call.replace('"slots":{', `"slots":{"deep":${deep},`)
            : where === 'event'
              ? call.replace('"events":[', `"events":[{"event":"slot","name":"x","value":${deep}},`)
              : call.replace('"domain":{', `"domain":{"deep":${deep},`)
      return {
        kind: 'deep-nesting',
        headers: JSON_HEADERS,
        body: text(body),
        mayThrow: where !== 'top'
      }
    })

  return fc.oneof(
    { weight: 36, arbitrary: mutatedCall },
    { weight: 24, arbitrary: randomJson },
    { weight: 3, arbitrary: hugeString },
    { weight: 3, arbitrary: deepNesting },
    { weight: 12, arbitrary: badEncodings(fc.constantFrom(...actionNames)) },
    {
      weight: 10,
      arbitrary: badContentTypes(
        JSON.stringify(actionCall('action_sapa', { sender: 'ct', text: NIPS[0] as string }))
      )
    },
    {
      weight: 6,
      arbitrary: compressed(
        JSON.stringify(actionCall('action_sapa', { sender: 'z', text: PHONES[0] as string }))
      )
    },
    {
      weight: 6,
      arbitrary: malformedJson(
        JSON.stringify(actionCall('action_sapa', { sender: 'm', text: EMAILS[0] as string }))
      )
    }
  )
}

/** Invalid UTF-8 and other encodings inside otherwise plausible JSON. */
function badEncodings(name: fc.Arbitrary<string>): fc.Arbitrary<FuzzRequest> {
  const poison = fc.constantFrom(
    Buffer.from([0xff, 0xfe, 0xfd]), // never valid in UTF-8
    Buffer.from([0xc0, 0xaf]), // overlong "/"
    Buffer.from([0xe0, 0x80, 0xaf]), // overlong, 3 bytes
    Buffer.from([0x80, 0x81]), // lone continuation bytes
    Buffer.from([0xe2, 0x82]), // truncated sequence
    Buffer.from([0xed, 0xa0, 0x80]), // UTF-8-encoded surrogate (CESU-8)
    Buffer.from([0xf4, 0x90, 0x80, 0x80]), // above U+10FFFF
    Buffer.from([0x00]),
    Buffer.from('\\ud800', 'utf8'), // lone surrogate escape
    Buffer.from('\\u0000', 'utf8')
  )
  return fc
    .record({
      name,
      poison,
      at: fc.constantFrom('text', 'sender', 'key', 'name'),
      wrap: fc.constantFrom('utf8', 'utf16le-bom', 'latin1')
    })
    .map(({ name: action, poison: bytes, at, wrap }): FuzzRequest => {
      const marker = 'POISON_MARKER'
      const call = actionCall(at === 'name' ? `${action}${marker}` : action, {
        sender: at === 'sender' ? `x${marker}` : 'enc',
        text: at === 'text' ? `1985 0315 2010 01 1 001 ${marker}` : 'halo',
        slots: at === 'key' ? { [marker]: 1 } : {}
      })
      const [before, after] = JSON.stringify(call).split(marker) as [string, string]
      let body = Buffer.concat([Buffer.from(before, 'utf8'), bytes, Buffer.from(after, 'utf8')])
      if (wrap === 'utf16le-bom')
        body = Buffer.concat([
          Buffer.from([0xff, 0xfe]),
          Buffer.from(body.toString('latin1'), 'utf16le')
        ])
      if (wrap === 'latin1')
        body = Buffer.from(body.toString('utf8').replace('halo', 'hálo ñ ©'), 'latin1')
      return { kind: 'bad-encoding', headers: JSON_HEADERS, body, mayThrow: false }
    })
}

function badContentTypes(json: string): fc.Arbitrary<FuzzRequest> {
  return fc
    .constantFrom(
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=xyz',
      'application/json; charset=utf-16',
      'application/json; charset=latin1',
      'application/jsonx',
      'application/xml',
      '*/*',
      'application/json;;;',
      'APPLICATION/JSON',
      `application/json; x=${'a'.repeat(4096)}`,
      'none'
    )
    .map((type): FuzzRequest => ({
      kind: 'bad-content-type',
      headers: type === 'none' ? {} : { 'content-type': type },
      body: text(
        type.startsWith('application/x-www')
          ? `next_action=action_sapa&nip=198503152010011001&tracker=${encodeURIComponent(json)}`
          : json
      ),
      // Any of these may be read as JSON by a lenient parser, and then it is a real call.
      mayThrow: false
    }))
}

const BOMB_33MB = deflateSync(Buffer.alloc(33 * 1024 * 1024, 0x20))
const BOMB_JSON = deflateSync(
  Buffer.from(
    `{"next_action":"action_sapa","tracker":{"sender_id":"${'1985 0315 2010 01 1 001 '.repeat(1_500_000)}"}}`
  )
)

function compressed(json: string): fc.Arbitrary<FuzzRequest> {
  return fc
    .constantFrom(
      'deflate-ok',
      'deflate-bomb',
      'deflate-json-bomb',
      'deflate-corrupt',
      'deflate-truncated',
      'gzip',
      'deflate-gzip-chain',
      'br'
    )
    .map((how): FuzzRequest => {
      const base = deflateSync(Buffer.from(json))
      switch (how) {
        case 'deflate-ok':
          return {
            kind: 'deflate',
            headers: { ...JSON_HEADERS, 'content-encoding': 'deflate' },
            body: base,
            mayThrow: true
          }
        case 'deflate-bomb':
          return {
            kind: 'deflate-bomb',
            headers: { ...JSON_HEADERS, 'content-encoding': 'deflate' },
            body: BOMB_33MB,
            mayThrow: false
          }
        case 'deflate-json-bomb':
          return {
            kind: 'deflate-bomb',
            headers: { ...JSON_HEADERS, 'content-encoding': 'deflate' },
            body: BOMB_JSON,
            mayThrow: false
          }
        case 'deflate-corrupt':
          return {
            kind: 'deflate',
            headers: { ...JSON_HEADERS, 'content-encoding': 'deflate' },
            body: Buffer.concat([
              base.subarray(0, 4),
              Buffer.from('not deflate at all'),
              base.subarray(4)
            ]),
            mayThrow: false
          }
        case 'deflate-truncated':
          return {
            kind: 'deflate',
            headers: { ...JSON_HEADERS, 'content-encoding': 'deflate' },
            body: base.subarray(0, Math.floor(base.length / 2)),
            mayThrow: false
          }
        case 'gzip':
          return {
            kind: 'deflate',
            headers: { ...JSON_HEADERS, 'content-encoding': 'gzip' },
            body: gzipSync(Buffer.from(json)),
            mayThrow: false
          }
        case 'deflate-gzip-chain':
          return {
            kind: 'deflate',
            headers: { ...JSON_HEADERS, 'content-encoding': 'deflate, gzip' },
            body: gzipSync(base),
            mayThrow: false
          }
        default:
          return {
            kind: 'deflate',
            headers: { ...JSON_HEADERS, 'content-encoding': 'br' },
            body: Buffer.from(json),
            mayThrow: false
          }
      }
    })
}

function malformedJson(json: string): fc.Arbitrary<FuzzRequest> {
  return fc
    .oneof(
      fc.integer({ min: 0, max: json.length - 1 }).map((cut) => json.slice(0, cut)),
      fc.constantFrom(
        json.replace('"paused":false', '"paused":NaN'),
        json.replace('"paused":false', '"paused":-Infinity'),
        json.replace('{', '{,'),
        json.replace(/}$/, ',}'),
        `${json}${json}`,
        `// comment\n${json}`,
        json.replace(/"/g, "'"),
        '',
        ' ',
        'null',
        '0',
        '"198503152010011001"',
        '[]',
        'true',
        '1e999999',
        '-0',
        '{"a":1e400}'
      )
    )
    .map((body): FuzzRequest => ({
      kind: 'malformed-json',
      headers: JSON_HEADERS,
      body: text(body),
      mayThrow: false
    }))
}

/** Telegram updates for the gateway's webhook, from plausible to hostile. */
export function gatewayBodies(): fc.Arbitrary<FuzzRequest> {
  const chatId = fc.oneof(
    fc.integer({ min: 700_000_000, max: 700_000_050 }),
    fc.constantFrom(-1001234567890),
    fc.string({ maxLength: 10 }),
    fc.double(),
    fc.constant(null)
  )
  const update = fc
    .record({
      updateId: fc.oneof(
        { weight: 5, arbitrary: fc.integer({ min: 1, max: 2 ** 31 }) },
        { weight: 1, arbitrary: fc.oneof(fc.string(), fc.double(), fc.constant(null)) }
      ),
      kind: fc.constantFrom(
        'message',
        'edited_message',
        'callback_query',
        'channel_post',
        'my_chat_member',
        'unknown'
      ),
      chat: chatId,
      chatType: fc.constantFrom('private', 'group', 'supergroup', 'channel', 'x'),
      said: fc.oneof(
        plantedPersonalData,
        fc.string({ maxLength: 200, unit: 'grapheme' }),
        fc.constantFrom(
          '/start 198503152010011001',
          '/reset',
          '/lupa_password{"identitas":"198503152010011001"}',
          '/help@other_bot'
        )
      ),
      extra: fc.array(fc.tuple(key, tree), { maxLength: 4 })
    })
    .map(({ updateId, kind, chat, chatType, said, extra }): FuzzRequest => {
      const message = {
        message_id: 5,
        date: 1764400000,
        chat: { id: chat, type: chatType },
        from: { id: chat, is_bot: false, first_name: 'Budi', language_code: 'id' },
        text: said
      }
      const payload =
        kind === 'callback_query'
          ? { id: 'cb1', from: message.from, message, data: said, chat_instance: '1' }
          : message
      let json = JSON.stringify({ update_id: updateId, [kind]: payload })
      const extraText = extra.map(([k, v]) => `${JSON.stringify(k)}:${serialise(v)}`).join(',')
      if (extraText !== '') json = json.replace('{', `{${extraText},`)
      return { kind: `telegram-${kind}`, headers: JSON_HEADERS, body: text(json), mayThrow: false }
    })
  const sample = JSON.stringify({
    update_id: 9,
    message: {
      message_id: 1,
      date: 1,
      chat: { id: 700000001, type: 'private' },
      text: '198503152010011001'
    }
  })
  return fc.oneof(
    { weight: 70, arbitrary: update },
    {
      weight: 10,
      arbitrary: tree.map((t): FuzzRequest => ({
        kind: 'random-json',
        headers: JSON_HEADERS,
        body: text(serialise(t)),
        mayThrow: false
      }))
    },
    {
      weight: 6,
      arbitrary: badEncodings(fc.constant('x')).map((r) => ({
        ...r,
        body: Buffer.from(
          r.body.toString('latin1').replace('"next_action"', '"update_id":1,"next_action"'),
          'latin1'
        )
      }))
    },
    { weight: 6, arbitrary: badContentTypes(sample) },
    { weight: 4, arbitrary: malformedJson(sample) },
    {
      weight: 4,
      arbitrary: fc.integer({ min: 1000, max: 150_000 }).map((depth): FuzzRequest => ({
        kind: 'deep-nesting',
        headers: JSON_HEADERS,
        body: text(`{"update_id":1,"message":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`),
        mayThrow: false
      }))
    }
  )
}
