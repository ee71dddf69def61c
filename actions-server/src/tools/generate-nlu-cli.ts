/**
 * `npm run generate:nlu -w actions-server [-- --knowledge <file>] [--out <file>]`
 * Writes rasa-project/data/nlu-sistem.yml from the knowledge base (default: the shipped
 * data/knowledge.example.yml). Paths come only from the arguments: main.ts stays the only module
 * that reads the environment.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, relative, resolve } from 'node:path'
import { generateNlu } from './generate-nlu'
import { loadKnowledge } from '@helpdesk/core'
import { EXAMPLE_KNOWLEDGE_FILE, GENERATED_NLU_FILE, PACKAGE_DIR } from '../paths'

export interface GenerateNluArgs {
  knowledgeFile: string
  outFile: string
}

/** `--knowledge <file>` and `--out <file>` (resolved against the working directory). */
export function parseGenerateNluArgs(argv: readonly string[]): GenerateNluArgs {
  const options: Record<string, string> = {}
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i] ?? ''
    if (name !== '--knowledge' && name !== '--out')
      throw new Error(`unknown argument ${name}; usage: --knowledge <file> --out <file>`)
    const value = argv[i + 1]
    if (value === undefined || value.startsWith('--')) throw new Error(`${name} needs a file path`)
    options[name] = value
    i++
  }
  return {
    knowledgeFile: resolve(options['--knowledge'] ?? EXAMPLE_KNOWLEDGE_FILE),
    outFile: resolve(options['--out'] ?? GENERATED_NLU_FILE)
  }
}

/** Generates and writes the NLU file; returns the line to print. */
export function runGenerateNlu(argv: readonly string[]): string {
  const { knowledgeFile, outFile } = parseGenerateNluArgs(argv)
  const repoRoot = resolve(PACKAGE_DIR, '..')
  const label = relative(repoRoot, knowledgeFile).startsWith('..')
    ? knowledgeFile
    : relative(repoRoot, knowledgeFile)
  const kb = loadKnowledge(knowledgeFile)
  mkdirSync(dirname(outFile), { recursive: true })
  writeFileSync(outFile, generateNlu(kb, label))
  return `wrote ${outFile} (${kb.sistem.length} systems)`
}

if (require.main === module) {
  try {
    process.stdout.write(runGenerateNlu(process.argv.slice(2)) + '\n')
  } catch (err) {
    process.stderr.write(`generate:nlu: ${err instanceof Error ? err.message : String(err)}\n`)
    process.exit(1)
  }
}
