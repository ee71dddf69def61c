#!/usr/bin/env node
// Called by scripts/start.sh before the services start (staff console, issue 14):
// 1. generates CONSOLE_SESSION_SECRET once into var/console-session-secret (mode 600) unless the
//    environment sets it;
// 2. migrates the store and, when no admin exists yet, creates `admin` with a generated password,
//    printed once here (console/dist/cli.js first-run).
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const secretFile = join(root, 'var', 'console-session-secret')

if ((process.env.CONSOLE_SESSION_SECRET ?? '').trim() === '' && !existsSync(secretFile)) {
  mkdirSync(dirname(secretFile), { recursive: true })
  writeFileSync(secretFile, randomBytes(32).toString('hex') + '\n', { mode: 0o600 })
}

const run = spawnSync(process.execPath, [join(root, 'console', 'dist', 'cli.js'), 'first-run'], {
  cwd: root,
  stdio: 'inherit'
})
process.exitCode = run.status ?? 1
