// The machine and software versions the figures belong to.
import { readFileSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import os from 'node:os'
import path from 'node:path'
import { repo, python } from './servers.mjs'
import { loadAverage } from './procs.mjs'

function pkgVersion(name) {
  try {
    return JSON.parse(readFileSync(path.join(repo, 'node_modules', name, 'package.json'), 'utf8'))
      .version
  } catch {
    return null
  }
}

export function machineInfo() {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8')
  const model = /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown'
  const mem = /^MemTotal:\s+(\d+) kB/m.exec(readFileSync('/proc/meminfo', 'utf8'))
  const osRelease =
    /^PRETTY_NAME="?(.*?)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? os.type()
  let nproc = null
  try {
    nproc = Number(execFileSync('nproc').toString().trim())
  } catch {
    nproc = os.availableParallelism()
  }
  let py = {}
  try {
    py = JSON.parse(
      execFileSync(python, [
        '-c',
        'import json,platform,importlib.metadata as m;print(json.dumps({"python":platform.python_version(),' +
          '"rasa":m.version("rasa"),"rasa-sdk":m.version("rasa-sdk"),"sanic":m.version("sanic"),"ujson":m.version("ujson"),"tensorflow":m.version("tensorflow")}))'
      ]).toString()
    )
  } catch {
    py = { error: 'could not read the Rasa virtualenv' }
  }
  return {
    nproc,
    cpuModel: model,
    ramGiB: mem ? Math.round((Number(mem[1]) / 1048576) * 10) / 10 : null,
    os: `${osRelease}, Linux ${os.release()}`,
    versions: {
      node: process.versions.node,
      ...py,
      fastify: pkgVersion('fastify'),
      telegraf: pkgVersion('telegraf'),
      autocannon: pkgVersion('autocannon')
    }
  }
}

export function loadSnapshot() {
  return { at: new Date().toISOString(), loadavg: loadAverage() }
}
