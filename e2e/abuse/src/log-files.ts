import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { createInterface } from 'node:readline'
import { redact, scanLine, type Finding } from './personal-data-scanner'
import { REPO_ROOT } from './paths'

/** Where the test stages and `npm start` write service logs. */
export const LOG_ROOTS = [join(REPO_ROOT, 'e2e', 'out'), join(REPO_ROOT, 'var', 'log')]

/** Every *.log file under `roots` modified at or after `since` (epoch ms; 0 = all). */
export function logFiles(roots: readonly string[], since: number): string[] {
  const found: string[] = []
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (entry.isFile() && entry.name.endsWith('.log') && statSync(path).mtimeMs >= since)
        found.push(path)
    }
  }
  for (const root of roots) if (existsSync(root)) walk(root)
  return found.sort()
}

export interface ScanReport {
  files: number
  lines: number
  findings: string[]
}

/** Scans each file line by line (streamed: logs can be large); findings are reported redacted. */
export async function scanLogFiles(files: readonly string[]): Promise<ScanReport> {
  const report: ScanReport = { files: files.length, lines: 0, findings: [] }
  for (const file of files) {
    const lines = createInterface({
      input: createReadStream(file, { encoding: 'utf8' }),
      crlfDelay: Infinity
    })
    let number = 0
    for await (const line of lines) {
      number++
      report.lines++
      const found: Finding[] = scanLine(line)
      for (const f of found)
        report.findings.push(
          `${relative(REPO_ROOT, file)}:${number}: ${f.kind} ${redact(f.excerpt)}`
        )
    }
  }
  return report
}
