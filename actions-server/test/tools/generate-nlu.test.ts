import { readFileSync } from 'node:fs'
import yaml from 'js-yaml'
import { generateNlu } from '../../src/tools/generate-nlu'
import { loadKnowledge } from '@helpdesk/core'
import { EXAMPLE_KNOWLEDGE_FILE, GENERATED_NLU_FILE } from '../../src/paths'

interface NluItem {
  synonym?: string
  lookup?: string
  examples: string
}
const examplesOf = (block: string): string[] =>
  block
    .trim()
    .split('\n')
    .map((l) => l.replace(/^\s*- /, ''))

describe('generateNlu', () => {
  const kb = loadKnowledge(EXAMPLE_KNOWLEDGE_FILE)

  it('When the committed rasa-project/data/nlu-sistem.yml is compared with the knowledge base, then it is up to date (run npm run generate:nlu -w actions-server)', () => {
    expect(readFileSync(GENERATED_NLU_FILE, 'utf8')).toBe(
      generateNlu(kb, 'actions-server/data/knowledge.example.yml')
    )
  })

  it('When generated, then each synonym maps what users type to the knowledge-base id and the lookup table lists them', () => {
    const doc = yaml.load(generateNlu(kb, 'kb.yml')) as { version: string; nlu: NluItem[] }
    expect(doc.version).toBe('3.1')
    const synonyms = Object.fromEntries(
      doc.nlu.filter((i) => i.synonym !== undefined).map((i) => [i.synonym, examplesOf(i.examples)])
    )
    expect(synonyms.email_dinas).toEqual(
      expect.arrayContaining(['email dinas', 'email kantor', 'e-mail dinas'])
    )
    expect(synonyms.siasn).toEqual(expect.arrayContaining(['myasn', 'asn digital']))
    const lookup = doc.nlu.find((i) => i.lookup === 'sistem')
    expect(examplesOf(lookup!.examples)).toEqual(
      expect.arrayContaining(['simasn', 'email kantor', 'srikandi', 'lpse'])
    )
    expect(examplesOf(lookup!.examples)).not.toContain('email_dinas')
  })

  it('When generated, then the header says where it comes from and not to edit it', () => {
    expect(generateNlu(kb, 'kb.yml').split('\n')[0]).toBe(
      '# generated from kb.yml by `npm run generate:nlu -w actions-server` — do not edit;'
    )
  })
})
