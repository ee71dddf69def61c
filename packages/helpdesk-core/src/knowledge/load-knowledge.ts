import { DataFileError } from '../data-files/data-file-error'
import { createAjv, describeAjvError } from '../data-files/ajv'
import { readDataFile } from '../data-files/read-data-file'
import { knowledgeSchema } from './knowledge-schema'
import type { KnowledgeBase } from './types'

const validate = createAjv().compile(knowledgeSchema)

/** Validates already-parsed knowledge-base data; throws DataFileError naming the path and rule. */
export function parseKnowledge(data: unknown, source = 'knowledge base'): KnowledgeBase {
  if (!validate(data)) {
    const first = validate.errors?.[0]
    const where = first === undefined || first.instancePath === '' ? '(root)' : first.instancePath
    throw new DataFileError(
      `${source} invalid at ${where}: ${first === undefined ? 'invalid' : describeAjvError(first)}`
    )
  }
  const kb = data as unknown as KnowledgeBase
  const owner = new Map<string, string>()
  kb.sistem.forEach((system, index) => {
    const terms = [system.id, ...system.sinonim].map((t) => t.trim().toLowerCase())
    for (const term of new Set(terms)) {
      const other = owner.get(term)
      if (other !== undefined) {
        throw new DataFileError(
          `${source} invalid at /sistem/${index}: "${term}" is already used by system "${other}" (ids and synonyms must be unique)`
        )
      }
      owner.set(term, system.id)
    }
  })
  return kb
}

/** Loads KNOWLEDGE_FILE (YAML or JSON). */
export function loadKnowledge(file: string): KnowledgeBase {
  return parseKnowledge(readDataFile(file, 'knowledge base'), `knowledge base ${file}`)
}

/** Finds a system by its id (the `sistem` slot value). */
export function findSystem(
  kb: KnowledgeBase,
  id: unknown
): KnowledgeBase['sistem'][number] | undefined {
  if (typeof id !== 'string') return undefined
  const wanted = id.trim().toLowerCase()
  return kb.sistem.find((s) => s.id === wanted)
}
