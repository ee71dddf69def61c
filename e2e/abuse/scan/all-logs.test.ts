/**
 * Every log line written during the test run — the abuse suite's own services (e2e/out/abuse),
 * the REST and Telegram end-to-end stages (e2e/out/rest, e2e/out/telegram), `npm start`'s
 * var/log — holds no NIP, NIK, phone number or e-mail address in any spelling. Under `npm test`
 * (HELPDESK_TEST_RUN_STARTED set by scripts/test-all.sh) only files written during this run count.
 */
import { join } from 'node:path'
import { LOG_ROOTS, logFiles, scanLogFiles } from '../src/log-files'
import { ABUSE_LOG_DIR } from '../src/paths'
import { writeSummary } from '../src/summary'

const since = Number(process.env.HELPDESK_TEST_RUN_STARTED ?? 0) * 1000

describe('personal data in the logs of the whole test run', () => {
  it('When every log line of the run is scanned, then none holds a NIP, NIK, phone number or e-mail address', async () => {
    const files = logFiles(LOG_ROOTS, since)
    expect(files.some((f) => f.startsWith(join(ABUSE_LOG_DIR, '')))).toBe(true)

    const report = await scanLogFiles(files)
    writeSummary('log-scan', {
      files: report.files,
      lines_scanned: report.lines,
      findings: report.findings.length,
      first_findings: report.findings.slice(0, 10)
    })

    expect(report.lines).toBeGreaterThan(1000)
    expect(report.findings.slice(0, 25)).toEqual([])
  })
})
