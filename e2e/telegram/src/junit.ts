import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { ScriptResult } from './run-script'

function xml(text: string): string {
  // Control characters other than tab/newline are not allowed in XML 1.0.
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
  return clean
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}

/** One JUnit test case per script (GitLab shows them in the pipeline's Tests tab). */
export function writeJunit(file: string, results: ScriptResult[], stackError?: string): void {
  const failures = results.filter((r) => !r.passed).length + (stackError === undefined ? 0 : 1)
  const tests = results.length + (stackError === undefined ? 0 : 1)
  const seconds = results.reduce((sum, r) => sum + r.seconds, 0)
  const cases = results.map((r) => {
    const head = `    <testcase classname="e2e.telegram" name="${xml(`${r.script.name} — ${r.script.title}`)}" time="${r.seconds.toFixed(1)}"`
    if (r.passed) return `${head}/>`
    const message = xml(r.problems[0] ?? 'failed')
    const body = xml(`${r.problems.join('\n')}\n\ntranscript:\n${r.transcript.format()}`)
    return `${head}>\n      <failure message="${message}">${body}</failure>\n    </testcase>`
  })
  if (stackError !== undefined) {
    cases.unshift(
      `    <testcase classname="e2e.telegram" name="stack start (gateway, Rasa, action server)">\n      <failure message="${xml(stackError)}">${xml(stackError)}</failure>\n    </testcase>`
    )
  }
  const text = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites tests="${tests}" failures="${failures}" time="${seconds.toFixed(1)}">`,
    `  <testsuite name="End to end through Telegram" tests="${tests}" failures="${failures}" time="${seconds.toFixed(1)}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    ''
  ].join('\n')
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, text)
}
