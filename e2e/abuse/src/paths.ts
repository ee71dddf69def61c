import { join, resolve } from 'node:path'

export const REPO_ROOT = resolve(__dirname, '..', '..', '..')
/** Logs of the processes this suite starts (scanned with everything else at the end). */
export const ABUSE_LOG_DIR = join(REPO_ROOT, 'e2e', 'out', 'abuse')
/** Counts the attacks leave for run.sh's summary and the README's security section. */
export const SUMMARY_DIR = join(ABUSE_LOG_DIR, 'summary')
