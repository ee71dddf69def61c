/**
 * End-to-end suite through Telegram: starts the fakes, the action server, Rasa (once) and the
 * gateway, plays every script of e2e/telegram/scripts/ and prints the transcript of each failure.
 *
 *   bash e2e/telegram/run.sh [--validate] [--transcripts] [--junit file] [--only name,name] [--concurrency 3] [--model path] [--endpoints path]
 */
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { REPO_ROOT, TELEGRAM_E2E_ROOT } from './paths'
import { writeJunit } from './junit'
import { runScript, type ScriptResult } from './run-script'
import { loadScripts, ScriptError } from './script-loader'
import type { LoadedScript } from './script-types'
import { Stack } from './stack'

const timing = { settleMs: 400, quietWithoutRasaMs: 2500, turnTimeoutMs: 45_000 }

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      validate: { type: 'boolean', default: false },
      transcripts: { type: 'boolean', default: false },
      only: { type: 'string' },
      concurrency: { type: 'string', default: process.env.E2E_TELEGRAM_CONCURRENCY ?? '4' },
      model: { type: 'string' },
      endpoints: { type: 'string' },
      junit: { type: 'string', default: process.env.E2E_TELEGRAM_JUNIT }
    }
  })
  let scripts: LoadedScript[]
  try {
    scripts = loadScripts(join(TELEGRAM_E2E_ROOT, 'scripts'))
  } catch (error) {
    if (error instanceof ScriptError) {
      console.error(`Invalid conversation script(s):\n${error.message}`)
      return 2
    }
    throw error
  }
  console.log(`${scripts.length} conversation scripts are valid`)
  if (values.validate) return 0
  if (values.only !== undefined) {
    const wanted = values.only.split(',').map((s) => s.trim())
    scripts = scripts.filter((s) => wanted.some((w) => s.name.includes(w)))
    if (scripts.length === 0) {
      console.error(`no script matches --only ${values.only}`)
      return 2
    }
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, '-')
  const logDir = join(REPO_ROOT, 'e2e', 'out', 'telegram', stamp)
  const stack = new Stack({
    logDir,
    rasaModel: values.model,
    rasaEndpoints: values.endpoints,
    rasaStartTimeoutMs: 300_000
  })
  const stopOnSignal = (): void => {
    void stack.stop().finally(() => process.exit(130))
  }
  process.once('SIGINT', stopOnSignal)
  process.once('SIGTERM', stopOnSignal)

  const results: ScriptResult[] = []
  let stackError: string | undefined
  try {
    await stack.start((line) => console.log(line))
    // Longest first, so the long conversation overlaps the short ones.
    const steps = (s: LoadedScript): number => Math.max(...s.chats.map((c) => c.steps.length))
    const shared = scripts.filter((s) => !s.exclusive).sort((a, b) => steps(b) - steps(a))
    const alone = scripts.filter((s) => s.exclusive)
    const show = values.transcripts
    await pool(shared, Math.max(1, Number(values.concurrency)), async (script) =>
      report(await runScript(script, stack, timing), results, show)
    )
    for (const script of alone) report(await runScript(script, stack, timing), results, show)
  } catch (error) {
    stackError = (error as Error).message
    console.error(`The stack could not run: ${stackError}`)
    return 1
  } finally {
    await stack.stop()
    if (values.junit !== undefined && values.junit !== '')
      writeJunit(values.junit, results, stackError)
  }
  const failed = results.filter((r) => !r.passed)
  console.log(
    `\n${results.length - failed.length} of ${results.length} conversations passed` +
      (failed.length > 0 ? `; failed: ${failed.map((r) => r.script.name).join(', ')}` : '')
  )
  if (failed.length > 0) console.log(`service logs: ${logDir}`)
  return failed.length === 0 ? 0 : 1
}

function report(result: ScriptResult, results: ScriptResult[], showAll: boolean): void {
  results.push(result)
  const head = `${result.passed ? 'PASS' : 'FAIL'}  ${result.script.name}  — ${result.script.title} (${result.seconds.toFixed(1)} s)`
  if (result.passed) {
    console.log(head)
    if (showAll) console.log(`  transcript:\n${indent(result.transcript.format(), '    ')}\n`)
    return
  }
  const rule = '-'.repeat(100)
  console.log(`${rule}\n${head}\n  file: ${result.script.file}`)
  for (const problem of result.problems) console.log(`  ✗ ${problem}`)
  console.log(`\n  transcript:\n${indent(result.transcript.format(), '    ')}\n${rule}`)
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n')
}

async function pool<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items]
  const workers = Array.from({ length: Math.min(size, queue.length) }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item)
  })
  await Promise.all(workers)
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  }
)
