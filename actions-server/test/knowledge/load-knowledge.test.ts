import { readFileSync } from 'node:fs'
import yaml from 'js-yaml'
import { DataFileError, findSystem, loadKnowledge, parseKnowledge } from '@helpdesk/core'
import { EXAMPLE_KNOWLEDGE_FILE } from '../../src/paths'

const exampleData = (): Record<string, unknown> =>
  yaml.load(readFileSync(EXAMPLE_KNOWLEDGE_FILE, 'utf8')) as Record<string, unknown>

describe('knowledge base', () => {
  it('When the shipped example is loaded, then it has the contract systems with their routes', () => {
    const kb = loadKnowledge(EXAMPLE_KNOWLEDGE_FILE)
    const routes = Object.fromEntries(kb.sistem.map((s) => [s.id, s.rute_reset]))
    expect(routes).toMatchObject({ simasn: 'panduan', email_dinas: 'whatsapp', siasn: 'panduan' })
    expect(kb.sistem.length).toBeGreaterThanOrEqual(5)
    expect(new Set(Object.values(routes))).toEqual(new Set(['panduan', 'whatsapp', 'petugas']))
  })

  it('When the example sets service targets, then the staff console reads working hours per category and per system', () => {
    const kb = loadKnowledge(EXAMPLE_KNOWLEDGE_FILE)
    expect(kb.sla?.jam_kerja).toEqual({ hari: [1, 2, 3, 4, 5], mulai: '08.00', selesai: '16.00' })
    expect(kb.sla?.kategori.handoff).toBe(8)
    expect(findSystem(kb, 'email_dinas')?.sla_jam).toBe(4)
  })

  it('When an SLA is not a positive number of hours or the office hours are malformed, then loading stops naming the path', () => {
    const hours = exampleData()
    ;(hours.sla as { kategori: Record<string, unknown> }).kategori.tte = 0
    expect(() => parseKnowledge(hours)).toThrow('knowledge base invalid at /sla/kategori/tte')
    const time = exampleData()
    ;(time.sla as { jam_kerja: Record<string, unknown> }).jam_kerja.mulai = '25.00'
    expect(() => parseKnowledge(time)).toThrow('knowledge base invalid at /sla/jam_kerja/mulai')
  })

  it('When a system is looked up with other casing, then it is found by id', () => {
    const kb = loadKnowledge(EXAMPLE_KNOWLEDGE_FILE)
    expect(findSystem(kb, ' SIMASN ')?.id).toBe('simasn')
    expect(findSystem(kb, 'tidak_ada')).toBeUndefined()
    expect(findSystem(kb, null)).toBeUndefined()
  })

  it('When a system has an unknown reset route, then loading stops naming the path and the rule', () => {
    const data = exampleData()
    ;(data.sistem as Array<Record<string, unknown>>)[2]!.rute_reset = 'sms'
    expect(() => parseKnowledge(data)).toThrow(
      new DataFileError(
        'knowledge base invalid at /sistem/2/rute_reset: must be one of panduan, whatsapp, petugas'
      )
    )
  })

  it('When a required text is missing, then loading stops naming the field', () => {
    const data = exampleData()
    delete (data.teks as Record<string, unknown>).pemberitahuan_privasi
    expect(() => parseKnowledge(data)).toThrow(
      'knowledge base invalid at /teks: missing required field "pemberitahuan_privasi"'
    )
  })

  it('When two systems share a synonym, then loading stops naming the second system', () => {
    const data = exampleData()
    ;(data.sistem as Array<{ sinonim: string[] }>)[3]!.sinonim.push('Simpeg')
    expect(() => parseKnowledge(data)).toThrow(
      'knowledge base invalid at /sistem/3: "simpeg" is already used by system "simasn" (ids and synonyms must be unique)'
    )
  })

  it('When the file does not exist, then the error names the file', () => {
    expect(() => loadKnowledge('/nonexistent/kb.yml')).toThrow(
      'knowledge base file /nonexistent/kb.yml cannot be read (ENOENT)'
    )
  })
})
