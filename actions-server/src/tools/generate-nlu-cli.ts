/**
 * `npm run generate:nlu -w actions-server [-- --knowledge <file>] [--out <file>]`
 * Writes rasa-project/data/nlu-sistem.yml from the knowledge base.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, relative, resolve } from 'node:path'
import { generateNlu } from '../knowledge/generate-nlu'
import { loadKnowledge } from '../knowledge/load-knowledge'
import { EXAMPLE_KNOWLEDGE_FILE, GENERATED_NLU_FILE, PACKAGE_DIR } from '../knowledge/paths'

function argument (name: string): string | undefined {
  const index = process.argv.indexOf(name)
  return index >= 0 ? process.argv[index + 1] : undefined
}

function main (): void {
  const knowledgeFile = resolve(argument('--knowledge') ?? process.env.KNOWLEDGE_FILE ?? EXAMPLE_KNOWLEDGE_FILE)
  const outFile = resolve(argument('--out') ?? GENERATED_NLU_FILE)
  const repoRoot = resolve(PACKAGE_DIR, '..')
  const label = relative(repoRoot, knowledgeFile).startsWith('..') ? knowledgeFile : relative(repoRoot, knowledgeFile)
  const kb = loadKnowledge(knowledgeFile)
  mkdirSync(dirname(outFile), { recursive: true })
  writeFileSync(outFile, generateNlu(kb, label))
  process.stdout.write(`wrote ${outFile} (${kb.sistem.length} systems)\n`)
}

try {
  main()
} catch (err) {
  process.stderr.write(`generate:nlu: ${err instanceof Error ? err.message : String(err)}\n`)
  process.exit(1)
}
