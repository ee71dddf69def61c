/**
 * postman/: the collection is a valid Postman v2.1 collection, covers every custom action of the
 * dialogue design and the error cases, and its environment and deflate fixture fit it. (Running it
 * is `npm run postman`, a stage of the root `npm test`.)
 */
import { readFileSync } from 'node:fs'
import { inflateSync } from 'node:zlib'
import { asRecord, isRecord, readJson, readRepoFile, repoPath } from './support/repo'
import { describeErrors, postmanCollectionSchemaValidator } from './support/schemas'

interface Item {
  name: string
  item?: Item[]
  request?: Record<string, unknown>
  event?: Array<{ listen: string; script: { exec: string[] } }>
}

const collection = asRecord(
  readJson('postman', 'helpdesk-actions.postman_collection.json'),
  'collection'
)
const environment = asRecord(readJson('postman', 'local.postman_environment.json'), 'environment')

function requests(items: Item[]): Item[] {
  return items.flatMap((item) => (item.item !== undefined ? requests(item.item) : [item]))
}
const all = requests(collection.item as Item[])

/** The action call a webhook request sends, with the collection's variables filled in. */
function actionCall(item: Item): Record<string, unknown> {
  const body = asRecord(item.request?.body, `${item.name} body`)
  const domain = (collection.variable as Array<{ key: string; value: string }>).find(
    (v) => v.key === 'rasaDomain'
  )!.value
  const raw = String(body.raw)
    .replace('{{rasaDomain}}', domain)
    .replace(/\{\{senderId\}\}/g, 'jest')
  return asRecord(JSON.parse(raw), item.name)
}

function testScript(item: Item): string {
  return (item.event ?? [])
    .filter((e) => e.listen === 'test')
    .flatMap((e) => e.script.exec)
    .join('\n')
}

const DIALOGUE_DESIGN_ACTIONS = [
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
  'action_fallback'
]

describe('postman/helpdesk-actions.postman_collection.json', () => {
  it('is a valid Postman Collection v2.1', () => {
    const validate = postmanCollectionSchemaValidator()
    const ok = validate(collection)
    expect(describeErrors(validate.errors)).toEqual([])
    expect(ok).toBe(true)
    expect(asRecord(collection.info, 'info').schema).toBe(
      'https://schema.getpostman.com/json/collection/v2.1.0/collection.json'
    )
  })

  it('is rejected by the v2.1 schema when a request has no URL', () => {
    const validate = postmanCollectionSchemaValidator()
    const broken = structuredClone(collection) as {
      item: Array<{ item: Array<{ request: Record<string, unknown> }> }>
    }
    broken.item[0]!.item[0]!.request.url = 42
    expect(validate(broken)).toBe(false)
  })

  it('calls every custom action of the dialogue design, each with a Rasa 3.6 tracker', () => {
    const webhookCalls = all.filter(
      (item) =>
        item.request?.method === 'POST' &&
        isRecord(item.request.body) &&
        item.request.body.mode === 'raw'
    )
    const called = webhookCalls.map(actionCall)
    expect(called.map((c) => c.next_action)).toEqual(
      expect.arrayContaining(DIALOGUE_DESIGN_ACTIONS)
    )
    for (const call of called.filter((c) => c.tracker !== undefined)) {
      const tracker = asRecord(call.tracker, 'tracker')
      expect(Object.keys(tracker)).toEqual(
        expect.arrayContaining([
          'sender_id',
          'slots',
          'latest_message',
          'events',
          'active_loop',
          'latest_action_name'
        ])
      )
      expect(Object.keys(asRecord(tracker.latest_message, 'latest_message'))).toEqual(
        expect.arrayContaining(['intent', 'entities', 'text'])
      )
      expect(call.version).toBe('3.6.21')
      expect(asRecord(call.domain, 'domain').forms).toBeDefined()
    }
  })

  it('asserts status and body in every request, including the contract phrases', () => {
    for (const item of all)
      expect([item.name, testScript(item)]).toEqual([
        item.name,
        expect.stringContaining('pm.test(')
      ])
    const scripts = all.map(testScript).join('\n')
    for (const phrase of [
      'apa yang bisa kami bantu',
      'password apa',
      'coba ulangi',
      '0856****0001',
      'TIK-\\d{8}-\\d{4,}'
    ]) {
      expect(scripts).toContain(phrase)
    }
  })

  it('covers the error answers: unknown action 404, bad call 400, token 401, deflate body', () => {
    const byName = (part: string): Item => all.find((item) => item.name.includes(part))!
    expect(testScript(byName('Unknown action'))).toContain('to.have.status(404)')
    expect(testScript(byName('400'))).toContain('to.have.status(400)')
    expect(all.filter((item) => testScript(item).includes('to.have.status(401)'))).toHaveLength(2)
    const deflate = byName('Deflate')
    expect(deflate.request!.header).toEqual(
      expect.arrayContaining([{ key: 'Content-Encoding', value: 'deflate' }])
    )
  })

  it('ships a deflate fixture that inflates to an action_sapa call', () => {
    const deflate = all.find((item) => item.name.includes('Deflate'))!
    const src = asRecord(asRecord(deflate.request!.body, 'body').file, 'file').src as string
    const call = JSON.parse(
      inflateSync(readFileSync(repoPath('postman', src))).toString('utf8')
    ) as Record<string, unknown>
    expect(call.next_action).toBe('action_sapa')
    expect(asRecord(call.tracker, 'tracker').sender_id).toBe('postman-deflate')
  })

  it('uses only variables the environment or the collection defines', () => {
    const defined = new Set([
      ...(environment.values as Array<{ key: string }>).map((v) => v.key),
      ...(collection.variable as Array<{ key: string }>).map((v) => v.key),
      'senderId' // set by the collection's pre-request script
    ])
    const used = [
      ...readRepoFile('postman', 'helpdesk-actions.postman_collection.json').matchAll(
        /\{\{([\w$]+)\}\}/g
      )
    ].map((m) => m[1]!)
    expect([...new Set(used)].filter((name) => !defined.has(name))).toEqual([])
    expect(
      (environment.values as Array<{ key: string; value: string }>).find(
        (v) => v.key === 'actionsToken'
      )!.value
    ).toBe('postman-test-token')
  })
})
