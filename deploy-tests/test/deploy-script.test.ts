/**
 * scripts/deploy.sh, run for real against a fake target: `ssh` runs the remote commands locally,
 * `rsync` copies into the target directory, `docker` only records its arguments. (We do not run
 * SSH servers or Docker in tests; these three stand-ins keep their command-line contracts.)
 */
import { execFile } from 'node:child_process'
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { repoPath } from './support/repo'

const FAKE_SSH = `#!/usr/bin/env bash
# ssh [options] user@host command…: runs the command here, as the remote shell would.
while [ $# -gt 0 ]; do case "$1" in -o|-i|-p|-l) shift 2;; -*) shift;; *) break;; esac; done
echo "ssh $1" >> "$FAKE_LOG"; shift
exec bash -c "$*"
`
const FAKE_RSYNC = `#!/usr/bin/env bash
# rsync [options] SRC user@host:DEST: copies SRC (a directory's contents when it ends in /), minus --exclude'd names.
excludes=(); args=()
while [ $# -gt 0 ]; do case "$1" in -e) shift 2;; --exclude) excludes+=("\${2%/}"); shift 2;; -*) shift;; *) args+=("$1"); shift;; esac; done
src="\${args[0]}"; dest="\${args[1]#*:}"
echo "rsync $src -> $dest" >> "$FAKE_LOG"
if [ -d "$src" ]; then mkdir -p "$dest"; cp -R "$src/." "$dest/"; for x in "\${excludes[@]}"; do rm -rf "\${dest:?}/$x"; done
else cp "$src" "$dest"; fi
`
const FAKE_DOCKER = `#!/usr/bin/env bash
# docker …: records the arguments (and what arrives on stdin for --password-stdin).
if [[ " $* " == *" --password-stdin "* ]]; then echo "docker $* <<< $(cat)" >> "$FAKE_LOG"; else echo "docker $*" >> "$FAKE_LOG"; fi
`

interface Run {
  code: number
  stdout: string
  stderr: string
  log: string[]
}

let dir: string
let project: string
let target: string

function writeExecutable(path: string, text: string): void {
  writeFileSync(path, text)
  chmodSync(path, 0o755)
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'deploy-test-'))
  // A copy of the parts of the repository the script ships, plus a trained model.
  project = join(dir, 'project')
  mkdirSync(join(project, 'scripts'), { recursive: true })
  mkdirSync(join(project, 'rasa-project', 'data'), { recursive: true })
  mkdirSync(join(project, 'rasa-project', 'models'), { recursive: true })
  mkdirSync(join(project, 'rasa-project', 'tests'), { recursive: true })
  copyFileSync(repoPath('scripts', 'deploy.sh'), join(project, 'scripts', 'deploy.sh'))
  copyFileSync(repoPath('docker-compose.yml'), join(project, 'docker-compose.yml'))
  copyFileSync(repoPath('scripts', 'rasa.sh'), join(project, 'scripts', 'rasa.sh'))
  writeFileSync(join(project, 'rasa-project', 'domain.yml'), 'version: "3.1"\n')
  writeFileSync(join(project, 'rasa-project', 'data', 'nlu.yml'), 'nlu: []\n')
  writeFileSync(join(project, 'rasa-project', 'tests', 'test_stories.yml'), 'stories: []\n')
  writeFileSync(join(project, 'rasa-project', 'models', 'helpdesk.tar.gz'), 'model-bytes')
  // The target host's directory, prepared by the operator with a .env.
  target = join(dir, 'target')
  mkdirSync(target)
  writeFileSync(
    join(target, '.env'),
    'TELEGRAM_BOT_TOKEN=123:abc\nIMAGE_TAG=old\nRASA_AUTH_TOKEN=x\n'
  )
  const bin = join(dir, 'bin')
  mkdirSync(bin)
  writeExecutable(join(bin, 'ssh'), FAKE_SSH)
  writeExecutable(join(bin, 'rsync'), FAKE_RSYNC)
  writeExecutable(join(bin, 'docker'), FAKE_DOCKER)
})

afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

async function deploy(env: Record<string, string>): Promise<Run> {
  const log = join(dir, 'calls.log')
  writeFileSync(log, '')
  return await new Promise((resolve) => {
    execFile(
      'bash',
      [join(project, 'scripts', 'deploy.sh')],
      {
        env: {
          PATH: `${join(dir, 'bin')}:${process.env.PATH ?? ''}`,
          HOME: dir,
          FAKE_LOG: log,
          ...env
        },
        timeout: 20000
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1
        resolve({
          code,
          stdout,
          stderr,
          log: readFileSync(log, 'utf8')
            .trim()
            .split('\n')
            .filter((l) => l !== '')
        })
      }
    )
  })
}

const BASE = {
  DEPLOY_HOST: 'bot.example.go.id',
  DEPLOY_USER: 'deploy',
  IMAGE_TAG: '1a2b3c4d',
  REGISTRY_IMAGE: 'registry.example.go.id/helpdesk/helpdesk-bot'
}

describe('scripts/deploy.sh', () => {
  it('refuses to run without DEPLOY_HOST, naming it', async () => {
    const run = await deploy({ IMAGE_TAG: 'x', REGISTRY_IMAGE: 'y' })
    expect(run.code).toBe(1)
    expect(run.stderr.trim()).toBe('deploy: DEPLOY_HOST is required (the Docker host to deploy to)')
    expect(run.log).toEqual([])
  })

  it('ships compose and the Rasa project, installs the CI model, pulls and restarts the stack', async () => {
    const run = await deploy({ ...BASE, DEPLOY_PATH: target })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(readFileSync(join(target, 'docker-compose.yml'), 'utf8')).toBe(
      readFileSync(repoPath('docker-compose.yml'), 'utf8')
    )
    expect(existsSync(join(target, 'rasa-project', 'domain.yml'))).toBe(true)
    expect(readFileSync(join(target, 'scripts', 'rasa.sh'), 'utf8')).toBe(
      readFileSync(repoPath('scripts', 'rasa.sh'), 'utf8')
    )
    expect(existsSync(join(target, 'rasa-project', 'data', 'nlu.yml'))).toBe(true)
    expect(existsSync(join(target, 'rasa-project', 'models'))).toBe(false)
    expect(existsSync(join(target, 'rasa-project', 'tests'))).toBe(false)
    expect(readFileSync(join(target, 'incoming', 'helpdesk.tar.gz'), 'utf8')).toBe('model-bytes')
    expect(readFileSync(join(target, '.env'), 'utf8')).toBe(
      'TELEGRAM_BOT_TOKEN=123:abc\nRASA_AUTH_TOKEN=x\nREGISTRY_IMAGE=registry.example.go.id/helpdesk/helpdesk-bot\nIMAGE_TAG=1a2b3c4d\n'
    )
    expect(run.log.filter((line) => line.startsWith('docker'))).toEqual([
      'docker compose pull --quiet',
      `docker compose run --rm --no-deps -v ${target}/incoming:/incoming:ro --entrypoint sh rasa-train -c cp /incoming/helpdesk.tar.gz /app/models/helpdesk.tar.gz && chown 1001:0 /app/models/helpdesk.tar.gz`,
      'docker compose up -d --remove-orphans',
      'docker compose restart rasa',
      'docker compose ps'
    ])
    expect(
      run.log
        .filter((line) => line.startsWith('ssh'))
        .every((line) => line === 'ssh deploy@bot.example.go.id')
    ).toBe(true)
  })

  it('logs the target in with the GitLab deploy token, the password on stdin only', async () => {
    const run = await deploy({
      ...BASE,
      DEPLOY_PATH: target,
      CI_REGISTRY: 'registry.example.go.id',
      CI_DEPLOY_USER: 'gitlab+deploy-token-1',
      CI_DEPLOY_PASSWORD: 'deploy-secret'
    })
    expect(run.code).toBe(0)
    expect(run.log).toContain(
      'docker login --username gitlab+deploy-token-1 --password-stdin registry.example.go.id <<< deploy-secret'
    )
    expect(run.stdout).not.toContain('deploy-secret')
  })

  it('starts the scale profile services and restarts the Rasa service the target names', async () => {
    writeFileSync(
      join(target, '.env'),
      'RASA_AUTH_TOKEN=x\nCOMPOSE_PROFILES=scale\nRASA_SERVICE=rasa-scaled\n'
    )
    const run = await deploy({
      ...BASE,
      DEPLOY_PATH: target,
      DEPLOY_SERVICES: 'gateway rasa-scaled'
    })
    expect(run.code).toBe(0)
    expect(run.log).toEqual(
      expect.arrayContaining([
        'docker compose pull --quiet gateway rasa-scaled',
        'docker compose up -d --remove-orphans gateway rasa-scaled',
        'docker compose restart rasa-scaled'
      ])
    )
  })

  it("without a trained model keeps the target's model and does not restart Rasa", async () => {
    rmSync(join(project, 'rasa-project', 'models'), { recursive: true })
    const run = await deploy({ ...BASE, DEPLOY_PATH: target })
    expect(run.code).toBe(0)
    expect(run.stdout).toContain(
      'deploy: no rasa-project/models/helpdesk.tar.gz; the target keeps its model'
    )
    expect(run.log.filter((line) => line.startsWith('docker'))).toEqual([
      'docker compose pull --quiet',
      'docker compose up -d --remove-orphans',
      'docker compose ps'
    ])
  })

  it('stops when the target has no .env, saying what to do', async () => {
    rmSync(join(target, '.env'))
    const run = await deploy({ ...BASE, DEPLOY_PATH: target })
    expect(run.code).toBe(1)
    expect(run.stderr).toContain(
      `deploy: ${target}/.env is missing: copy .env.example there and fill it in`
    )
    expect(run.log.filter((line) => line.startsWith('docker'))).toEqual([])
  })
})
