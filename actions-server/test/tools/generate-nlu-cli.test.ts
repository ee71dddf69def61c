/** `npm run generate:nlu -w actions-server -- --knowledge <file> --out <file>`: paths from arguments only. */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { EXAMPLE_KNOWLEDGE_FILE, GENERATED_NLU_FILE } from '../../src/paths'
import { parseGenerateNluArgs, runGenerateNlu } from '../../src/tools/generate-nlu-cli'

describe('generate:nlu command line', () => {
  let dir: string
  const savedKnowledgeFile = process.env.KNOWLEDGE_FILE
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'nlu-cli-'))
  })
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true })
    if (savedKnowledgeFile === undefined) delete process.env.KNOWLEDGE_FILE
    else process.env.KNOWLEDGE_FILE = savedKnowledgeFile
  })

  it('When no arguments are given, then the shipped example is read and rasa-project/data/nlu-sistem.yml is the target, whatever KNOWLEDGE_FILE says', () => {
    process.env.KNOWLEDGE_FILE = join(dir, 'does-not-exist.yml')

    expect(parseGenerateNluArgs([])).toEqual({
      knowledgeFile: EXAMPLE_KNOWLEDGE_FILE,
      outFile: GENERATED_NLU_FILE
    })
  })

  it('When --knowledge and --out are given, then that file is read and the NLU data written where asked', () => {
    const knowledge = join(dir, 'kb.yml')
    copyFileSync(EXAMPLE_KNOWLEDGE_FILE, knowledge)
    process.env.KNOWLEDGE_FILE = join(dir, 'does-not-exist.yml')

    const line = runGenerateNlu(['--knowledge', knowledge, '--out', join(dir, 'out', 'nlu.yml')])

    expect(line).toBe(`wrote ${resolve(dir, 'out', 'nlu.yml')} (7 systems)`)
    expect(readFileSync(join(dir, 'out', 'nlu.yml'), 'utf8').split('\n')[0]).toBe(
      `# generated from ${knowledge} by \`npm run generate:nlu -w actions-server\` — do not edit;`
    )
  })

  it('When an argument is unknown or lacks its file, then the error says how to call it', () => {
    expect(() => parseGenerateNluArgs(['--knowledge'])).toThrow('--knowledge needs a file path')
    expect(() => parseGenerateNluArgs(['kb.yml'])).toThrow(
      'unknown argument kb.yml; usage: --knowledge <file> --out <file>'
    )
  })
})

describe('environment access', () => {
  // The process entry points: the server (main.ts) and the data command (`npm run data`, which
  // needs the server's DATABASE_FILE and RETENTION_DAYS). Nothing else reads the environment.
  it('When the product sources are read, then only the entry points src/main.ts and src/tools/data-cli.ts read process.env', () => {
    const srcDir = resolve(__dirname, '..', '..', 'src')
    const readers = (readdirSync(srcDir, { recursive: true }) as string[]).filter(
      (file) =>
        file.endsWith('.ts') &&
        /process\.env\b/.test(
          readFileSync(join(srcDir, file), 'utf8').replace(/^\s*(\/\/|\*).*$/gm, '')
        )
    )

    expect(readers.sort()).toEqual(['main.ts', 'tools/data-cli.ts'])
  })
})
