import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { QUIET_RASA_ENV } from '../../shared/rasa-env'
import { rasaProject, rasaVenvBin, repoRoot } from '../src/stack'

/**
 * Which failed action calls Rasa repeats, and when it tells the user instead
 * (rasa-project/addons/action_call_retry.py), through
 * Rasa's own RemoteAction and aiohttp against a loopback action server that fails on purpose
 * (../action_call_retry_check.py). The conversation-level case, a real action server killed and
 * restarted, is in conversations.test.ts ("action server restarts").
 */
test("When the action server gives no answer, Rasa calls again (at most six calls); when a call still fails, or the action server answers 500, the user is told instead of nothing — except in a form's validation, which fails as before; a 400 rejection passes through", () => {
  const out = execFileSync(
    rasaVenvBin('python'),
    [join(repoRoot, 'e2e', 'rest', 'action_call_retry_check.py')],
    {
      cwd: rasaProject,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        ...QUIET_RASA_ENV,
        PYTHONPATH: rasaProject
      },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 120_000
    }
  )
  const lines = out.trim().split('\n')
  expect(JSON.parse(lines[lines.length - 1]!)).toEqual({
    'drop-twice': { calls: 3, outcome: 'answered' },
    'drop-always': { calls: 6, outcome: 'notice' },
    'proxy-503-twice': { calls: 3, outcome: 'answered' },
    'error-500': { calls: 1, outcome: 'notice' },
    'rejected-400': { calls: 1, outcome: 'ActionExecutionRejection' },
    'validate-drop-always': { calls: 6, outcome: 'RasaException' },
    'validate-error-500': { calls: 1, outcome: 'RasaException' }
  })
}, 120_000)
