import { execFileSync } from 'node:child_process'
import { load } from 'js-yaml'
import { readRepoFile, repoPath } from './support/repo'

/**
 * The quantities the Rasa project promises (README, rasa-project/README.md) and the NLU contract
 * (fixed intent and entity names), checked on the files themselves so that a data change that
 * breaks them fails here, before any training.
 */

const CONTRACT_INTENTS = [
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
const CONTRACT_ENTITIES = ['nip', 'nik', 'sistem']
/**
 * What the product adds beyond the contract's fixed names, each for an issue: the status of a
 * ticket ("status tiket TIK-…", issue 15.2) and the satisfaction rating (issue 15.3). Nothing else
 * may appear without being listed here (and in rasa-project/README.md).
 */
const PRODUCT_INTENTS = ['cek_status_tiket', 'beri_nilai']
const PRODUCT_ENTITIES = ['nomor_tiket', 'nilai']
/** The intents of the eight mission conversations, each needing ≥ 40 training examples. */
const MAIN_INTENTS = [
  'greet',
  'lupa_password',
  'lupa_email',
  'daftar_tte',
  'cek_status_tte',
  'minta_petugas'
]

interface NluBlock {
  intent?: string
  regex?: string
  examples?: string
}

function yamlFile<T>(path: string): T {
  return load(readRepoFile(path)) as T
}

function examplesPerIntent(): Map<string, number> {
  const counts = new Map<string, number>()
  for (const file of ['rasa-project/data/nlu.yml', 'rasa-project/data/nlu-sistem.yml']) {
    const blocks = yamlFile<{ nlu?: NluBlock[] }>(file).nlu ?? []
    for (const block of blocks) {
      if (block.intent === undefined) continue
      const lines = (block.examples ?? '')
        .split('\n')
        .filter((line) => line.trim().startsWith('- '))
      counts.set(block.intent, (counts.get(block.intent) ?? 0) + lines.length)
    }
  }
  return counts
}

describe('rasa-project', () => {
  it('declares the contract intents and entities in domain.yml, plus only the listed product ones', () => {
    const domain = yamlFile<{
      intents: Array<string | Record<string, unknown>>
      entities: Array<string | Record<string, unknown>>
    }>('rasa-project/domain.yml')
    const names = (items: Array<string | Record<string, unknown>>): string[] =>
      items.map((item) => (typeof item === 'string' ? item : Object.keys(item)[0]!)).sort()
    expect(names(domain.intents)).toEqual([...CONTRACT_INTENTS, ...PRODUCT_INTENTS].sort())
    expect(names(domain.entities)).toEqual([...CONTRACT_ENTITIES, ...PRODUCT_ENTITIES].sort())
  })

  it('has training examples for every contract intent and at least 40 for each main intent', () => {
    const counts = examplesPerIntent()
    for (const intent of CONTRACT_INTENTS)
      expect([intent, (counts.get(intent) ?? 0) > 0]).toEqual([intent, true])
    for (const intent of MAIN_INTENTS)
      expect([intent, (counts.get(intent) ?? 0) >= 40]).toEqual([intent, true])
  })

  it('extracts nip, nik and the ticket number with regexes', () => {
    const blocks = yamlFile<{ nlu: NluBlock[] }>('rasa-project/data/nlu.yml').nlu
    expect(
      blocks
        .filter((block) => block.regex !== undefined)
        .map((block) => block.regex)
        .sort()
    ).toEqual(['nik', 'nip', 'nomor_tiket'])
  })

  it('has at least 25 conversation tests, unhappy paths included', () => {
    const stories = yamlFile<{ stories: Array<{ story: string }> }>(
      'rasa-project/tests/test_conversations.yml'
    ).stories
    expect(stories.length).toBeGreaterThanOrEqual(25)
    expect(new Set(stories.map((story) => story.story)).size).toBe(stories.length)
  })

  it('keeps the held-out NLU examples out of the training data', () => {
    const training = new Set<string>()
    for (const file of ['rasa-project/data/nlu.yml', 'rasa-project/data/nlu-sistem.yml']) {
      for (const block of yamlFile<{ nlu?: NluBlock[] }>(file).nlu ?? []) {
        for (const line of (block.examples ?? '').split('\n')) training.add(normalise(line))
      }
    }
    const heldOut = yamlFile<{ nlu: NluBlock[] }>('rasa-project/tests/nlu-heldout.yml').nlu.flatMap(
      (block) => (block.examples ?? '').split('\n').filter((line) => line.trim().startsWith('- '))
    )
    expect(heldOut.length).toBeGreaterThanOrEqual(100)
    expect(heldOut.filter((line) => training.has(normalise(line)))).toEqual([])
  })

  it('has no held-out example that is a near-duplicate of a training example (scripts/nlu-near-duplicates.py)', () => {
    // exits 1 and lists the pairs when a held-out message (or a reworded copy) is in the training data
    const out = execFileSync('python3', [repoPath('scripts/nlu-near-duplicates.py')], {
      encoding: 'utf8'
    })
    expect(out).toContain('no held-out example reaches similarity')
  })
})

/** An example line without its list dash, entity annotations and case. */
function normalise(line: string): string {
  return line
    .trim()
    .replace(/^- /, '')
    .replace(/\[([^\]]*)\]\([^)]*\)|\[([^\]]*)\]\{[^}]*\}/g, '$1$2')
    .toLowerCase()
}
