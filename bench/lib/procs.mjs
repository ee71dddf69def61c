// Child-process helpers for the benchmarks: free ports, start a server and wait until it
// answers, read/reset its peak RSS (VmHWM), stop it and everything it spawned.
import { spawn, execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import http from 'node:http'
import { stopProcessGroup } from './stop-group.mjs'

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.unref()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => resolve(port))
    })
  })
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

/** Resolves with the HTTP status once `url` answers (any status), rejects after timeoutMs. */
export async function waitForHttp(
  url,
  { timeoutMs = 60000, method = 'GET', isAlive = () => true } = {}
) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const status = await new Promise((resolve) => {
      const req = http.request(url, { method, timeout: 2000 }, (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode))
      })
      req.on('error', () => resolve(0))
      req.on('timeout', () => {
        req.destroy()
        resolve(0)
      })
      req.end()
    })
    if (status) return status
    if (!isAlive()) throw new Error(`process died before ${url} answered`)
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`)
    await sleep(200)
  }
}

/**
 * Spawns a server in its own process group. Output goes to a log array (last 200 lines) so a
 * failing start can be explained.
 */
export function startProcess(name, cmd, args, { env = {}, cwd } = {}) {
  const child = spawn(cmd, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true
  })
  const lines = []
  const keep = (chunk) => {
    for (const l of chunk.toString().split('\n')) if (l) lines.push(l)
    if (lines.length > 200) lines.splice(0, lines.length - 200)
  }
  child.stdout.on('data', keep)
  child.stderr.on('data', keep)
  let exited = false
  child.on('exit', () => {
    exited = true
  })
  return {
    name,
    pid: child.pid,
    child,
    lines,
    alive: () => !exited,
    async stop() {
      await stopProcessGroup(child, 5000)
    }
  }
}

function statusField(pid, field) {
  try {
    const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(
      new RegExp(`^${field}:\\s+(\\d+) kB`, 'm')
    )
    return m ? Number(m[1]) : null
  } catch {
    return null
  }
}

/** Peak resident set size of the process in MiB (VmHWM). */
export const peakRssMiB = (pid) => {
  const kb = statusField(pid, 'VmHWM')
  return kb === null ? null : kb / 1024
}
export const rssMiB = (pid) => {
  const kb = statusField(pid, 'VmRSS')
  return kb === null ? null : kb / 1024
}

/** Resets VmHWM to the current RSS (Linux: write 5 to /proc/<pid>/clear_refs). */
export function resetPeakRss(pid) {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5')
    return true
  } catch {
    return false
  }
}

/** Direct children of pid (to check a server did not fork workers we would not measure). */
export function childPids(pid) {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number)
  } catch {
    return []
  }
}

export function loadAverage() {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number)
}

let clkTck = null
/** CPU time (user + system) the process has used so far, in ms (from /proc/<pid>/stat). */
export function cpuTimeMs(pid) {
  try {
    if (clkTck === null) {
      try {
        clkTck = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100
      } catch {
        clkTck = 100
      }
    }
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clkTck
  } catch {
    return null
  }
}
