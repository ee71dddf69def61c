import { spawnSync } from 'node:child_process'
import { join, resolve } from 'node:path'

export const ROOT = resolve(__dirname, '..', '..', '..')
/** The project's Rasa 3.6 virtualenv (RASA_VENV, else the repository's .venv-rasa). */
const PYTHON = join(process.env.RASA_VENV ?? join(ROOT, '.venv-rasa'), 'bin', 'python')

function runPython(script: string, args: string[], input?: string): string {
  const result = spawnSync(PYTHON, [join(__dirname, script), ...args], {
    input,
    encoding: 'utf8',
    timeout: 180_000,
    env: { ...process.env, SQLALCHEMY_SILENCE_UBER_WARNING: '1', PYTHONWARNINGS: 'ignore' }
  })
  if (result.status !== 0)
    throw new Error(`${script} failed (${result.status}): ${result.stderr}${result.stdout}`)
  return result.stdout
}

/** Batches of Rasa events for one sender each, saved in order as a running Rasa saves them. */
export interface TrackerBatch {
  sender_id: string
  events: Array<Record<string, unknown>>
}

/**
 * Writes the batches into a tracker store with Rasa's own SQLTrackerStore: a SQLite file, or a
 * PostgreSQL database given by its postgres:// URL (psycopg2 in the venv).
 */
export function seedRasaTrackerStore(fileOrUrl: string, batches: TrackerBatch[]): void {
  runPython('seed-rasa-tracker.py', [fileOrUrl], JSON.stringify(batches))
}

/** What Rasa's NLU YAML reader reads from a file (throws when Rasa rejects it). */
export const readWithRasaNlu = (
  file: string
): Array<{ text: string; intent: string; metadata: Record<string, unknown> | null }> =>
  JSON.parse(runPython('rasa-read.py', ['nlu', file])) as Array<{
    text: string
    intent: string
    metadata: Record<string, unknown> | null
  }>

/** What Rasa's story reader reads from a test story file, checked against the domain. */
export const readWithRasaStories = (
  file: string,
  domain: string
): Array<{ story: string; steps: Array<Record<string, unknown>> }> =>
  JSON.parse(runPython('rasa-read.py', ['story', file, domain])) as Array<{
    story: string
    steps: Array<Record<string, unknown>>
  }>

/** The model `npm run rasa:train` writes (scripts/rasa.sh: RASA_MODEL_DIR or rasa-project/models). */
export const TRAINED_MODEL = join(
  process.env.RASA_MODEL_DIR ?? join(ROOT, 'rasa-project', 'models'),
  'helpdesk.tar.gz'
)

/**
 * Runs the `rasa` command of the virtualenv in rasa-project/ (the config's custom component is
 * imported from there), with the variables endpoints.yml needs; returns its exit status and output.
 */
export function runRasa(
  args: string[],
  trackerFile: string
): { status: number | null; output: string } {
  const result = spawnSync(join(PYTHON, '..', 'rasa'), args, {
    cwd: join(ROOT, 'rasa-project'),
    encoding: 'utf8',
    timeout: 900_000,
    env: {
      ...process.env,
      RASA_TELEMETRY_ENABLED: 'false',
      TF_CPP_MIN_LOG_LEVEL: '3',
      SQLALCHEMY_SILENCE_UBER_WARNING: '1',
      // `rasa test core` never calls the action server; endpoints.yml only needs the variables set.
      ACTION_ENDPOINT_URL: 'http://127.0.0.1:9/webhook',
      ACTIONS_TOKEN: '',
      RASA_TRACKER_DB: trackerFile
    }
  })
  return { status: result.status, output: `${result.stdout}${result.stderr}` }
}
