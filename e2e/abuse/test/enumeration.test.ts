/**
 * Enumeration across many chats (issue 11 item 3): someone with many Telegram accounts (or
 * groups) probes NIPs to learn who exists and see their masked data. The limits must hold per
 * NIP across all chats, globally, and across two action-server processes sharing one store, and a
 * refused lookup must not reveal whether the number exists.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { load } from 'js-yaml'
import { REPO_ROOT } from '../src/paths'
import { scanLine } from '../src/personal-data-scanner'
import { identityValidationCall } from '../src/rasa-call'
import { keepAliveAgent, rawRequest } from '../src/raw-http'
import { startActionServer, type RunningActionServer } from '../src/services'
import { writeSummary } from '../src/summary'

const LIMITS = {
  IDENTITY_LOOKUPS_PER_HOUR: '5',
  IDENTITY_LOOKUPS_PER_SUBJECT_PER_DAY: '10',
  IDENTITY_LOOKUPS_GLOBAL_PER_MINUTE: '60'
}
const DIRECTORY = load(
  readFileSync(join(REPO_ROOT, 'actions-server', 'data', 'directory.example.yml'), 'utf8')
) as { pegawai: Array<{ nip: string; aktif: boolean }> }
const KNOWN_NIPS = DIRECTORY.pegawai.filter((p) => p.aktif).map((p) => p.nip)

type Outcome =
  'revealed' | 'not_found' | 'limited_subject' | 'limited_global' | 'limited_sender' | 'other'

interface Probe {
  outcome: Outcome
  status: number
  body: string
}

/** Two processes, one store: what a scaled deployment looks like. */
async function startPair(name: string): Promise<RunningActionServer[]> {
  const first = await startActionServer(`${name}-1`, LIMITS)
  const second = await startActionServer(`${name}-2`, {
    ...LIMITS,
    DATABASE_FILE: first.databaseFile
  })
  return [first, second]
}

describe('enumeration of NIPs across many chats', () => {
  const agent = keepAliveAgent(8)
  const running: RunningActionServer[] = []
  afterAll(async () => {
    agent.destroy()
    // The second process shares the first one's store: stop it first, then the owner of the folder.
    for (const server of [...running].reverse()) await server.stop()
  })

  async function probe(
    servers: RunningActionServer[],
    index: number,
    sender: string,
    nip: string
  ): Promise<Probe> {
    const server = servers[index % servers.length] as RunningActionServer
    const res = await rawRequest(
      agent,
      `${server.url}/webhook?token=${encodeURIComponent(server.token)}`,
      {
        headers: { 'content-type': 'application/json' },
        body: Buffer.from(JSON.stringify(identityValidationCall('lupa_password_form', sender, nip)))
      }
    )
    const events =
      res.status === 200
        ? (
            JSON.parse(res.body) as {
              events: Array<{ event: string; name?: string; value?: unknown }>
            }
          ).events
        : []
    const slot = (name: string): unknown =>
      events.find((e) => e.event === 'slot' && e.name === name)?.value
    let outcome: Outcome = 'other'
    if (slot('status_identitas') === 'valid' && typeof slot('ringkasan_identitas') === 'string')
      outcome = 'revealed'
    else if (slot('status_identitas') === 'dibatasi') {
      outcome = /terlalu sering diperiksa/.test(res.body)
        ? 'limited_subject'
        : /sangat ramai/.test(res.body)
          ? 'limited_global'
          : 'limited_sender'
    } else if (/tidak ditemukan/.test(res.body)) outcome = 'not_found'
    return { outcome, status: res.status, body: res.body }
  }

  const count = (probes: Probe[]): Record<Outcome, number> => {
    const counts: Record<Outcome, number> = {
      revealed: 0,
      not_found: 0,
      limited_subject: 0,
      limited_global: 0,
      limited_sender: 0,
      other: 0
    }
    for (const p of probes) counts[p.outcome]++
    return counts
  }

  it('When 40 new chats each look up the same NIP through two processes, then only the per-NIP daily limit (10) of them see the masked data', async () => {
    const servers = await startPair('enumeration-same-nip')
    running.push(...servers)
    const probes: Probe[] = []
    for (let i = 0; i < 40; i++)
      probes.push(await probe(servers, i, `enum-chat-${1000 + i}`, KNOWN_NIPS[0] as string))

    const counts = count(probes)
    writeSummary('enumeration-same-nip', { chats: 40, processes: 2, ...counts })
    expect(counts).toMatchObject({ revealed: 10, limited_subject: 30, other: 0 })
    expect(probes.slice(0, 10).every((p) => p.outcome === 'revealed')).toBe(true)
    // What a revealed lookup shows is masked: no full phone number or e-mail address in any answer.
    const shown = probes
      .flatMap((p) => scanLine(p.body))
      .filter((f) => f.kind === 'phone' || f.kind === 'email')
    expect(shown).toEqual([])
  })

  it('When 80 new chats each probe a different NIP within a minute, then the global limit (60 per minute) stops the rest, and a refusal never tells whether the NIP exists', async () => {
    const servers = await startPair('enumeration-many-nips')
    running.push(...servers)
    // Half real employees, half well-formed NIPs nobody has, interleaved.
    const nips = Array.from({ length: 80 }, (_, i) =>
      i % 2 === 0
        ? (KNOWN_NIPS[(i / 2) % KNOWN_NIPS.length] as string)
        : `198503152010011${String(100 + i)}`
    )
    const probes: Probe[] = []
    for (let i = 0; i < nips.length; i++)
      probes.push(await probe(servers, i, `enum-wide-${2000 + i}`, nips[i] as string))

    const counts = count(probes)
    writeSummary('enumeration-many-nips', { chats: 80, processes: 2, ...counts })
    expect(counts.revealed + counts.not_found).toBe(60)
    expect(counts.limited_global).toBe(20)
    expect(counts.other).toBe(0)
    // The refusals for existing and for unknown numbers are the same text.
    const refusals = new Set(
      probes
        .filter((p) => p.outcome === 'limited_global')
        .map((p) => JSON.stringify(JSON.parse(p.body).responses))
    )
    expect(refusals.size).toBe(1)
  })

  it('When one chat probes 10 NIPs, then after 5 lookups in the hour it is refused', async () => {
    const server = await startActionServer('enumeration-one-chat', LIMITS)
    running.push(server)
    const probes: Probe[] = []
    for (let i = 0; i < 10; i++)
      probes.push(
        await probe([server], i, 'enum-single-chat', KNOWN_NIPS[i % KNOWN_NIPS.length] as string)
      )

    const counts = count(probes)
    writeSummary('enumeration-one-chat', { chats: 1, ...counts })
    expect(counts.revealed).toBe(5)
    expect(counts.limited_sender).toBe(5)
  })
})
