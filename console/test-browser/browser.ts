import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type BrowserContext, type Logger, type Page } from 'playwright-core'

export const SCREENSHOT_DIR = resolve(__dirname, '..', '..', 'docs', 'screenshots')

/**
 * How long Chromium may take to open or close a tab, or to close itself. Playwright's own 30-s
 * timeout covers navigation and actions but not `newPage()` or `close()`: a browser that never
 * answers there would otherwise hang a test until jest gives up, with nothing saying where.
 */
const BROWSER_STEP_MS = 30_000

/** The last Playwright log lines of one browser, quoted in the error when a step hangs. */
class LogTail implements Logger {
  private readonly lines: string[] = []
  isEnabled(): boolean {
    return true
  }
  log(name: string, _severity: string, message: string | Error): void {
    this.lines.push(`${new Date().toISOString()} ${name} ${String(message)}`)
    if (this.lines.length > 40) this.lines.shift()
  }
  toString(): string {
    return this.lines.join('\n')
  }
}

export interface TestBrowser {
  context: BrowserContext
  /**
   * A new tab; fails with the browser's last log lines if Chromium does not open it in time. Its
   * `close()` is bounded the same way.
   */
  newPage(): Promise<Page>
  close(): Promise<void>
}

/** Debian's Chromium, headless, with a fresh profile; nothing reaches the network but loopback. */
export async function launchBrowser(): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'console-chromium-'))
  const log = new LogTail()
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync'
    ],
    viewport: { width: 1280, height: 860 },
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
    logger: log
  })
  return {
    context,
    newPage: async () => {
      const page = await within(context.newPage(), 'open a new tab', log)
      // Tests call page.close() as usual; this one lets a navigation land first and is bounded.
      // Chromium can hang for ever when a tab is closed while a navigation commits (seen here
      // after a sign-in's redirect: Playwright issues 42068 and 42366), and Playwright's close()
      // has no timeout of its own.
      const close = page.close.bind(page)
      page.close = async (options) => {
        await page.waitForLoadState('load', { timeout: BROWSER_STEP_MS }).catch(() => undefined)
        await within(close(options), 'close a tab', log)
      }
      return page
    },
    close: async () => {
      await within(context.close(), 'close', log).catch(() => killChromium(profile))
      rmSync(profile, { recursive: true, force: true })
    }
  }
}

/** `work`, or an error naming the step and quoting the browser's log if it takes too long. */
async function within<T>(work: Promise<T>, step: string, log: LogTail): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(
            `Chromium did not ${step} within ${BROWSER_STEP_MS / 1000} s. Its last log lines:\n${log}`
          )
        ),
      BROWSER_STEP_MS
    )
  })
  try {
    return await Promise.race([work, late])
  } finally {
    clearTimeout(timer)
  }
}

/** Kills every process started with this profile (a hung Chromium does not answer `close`). */
function killChromium(profile: string): void {
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(profile))
        process.kill(Number(pid), 'SIGKILL')
    } catch {
      // The process ended while the list was read, or is not ours to read: nothing to kill.
    }
  }
}

/** Saves a full-page screenshot for the README (docs/screenshots/<name>.png). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true })
}

/** Presses Tab until the focused element matches `selector` (keyboard-only navigation); fails after `max` presses. */
export async function tabTo(page: Page, selector: string, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab')
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return
  }
  throw new Error(`Tab never reached ${selector}`)
}
