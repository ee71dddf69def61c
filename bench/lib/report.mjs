// Renders bench/out/results.json as the generated section of docs/BENCHMARKS.md.
const f = (x, d = 0) =>
  x === null || x === undefined || Number.isNaN(x) ? '–' : Number(x).toFixed(d)
const median = (xs) => {
  const v = xs.filter((x) => x !== null && x !== undefined).sort((a, b) => a - b)
  if (!v.length) return NaN
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2
}
const row = (cells) => `| ${cells.join(' | ')} |`

function table(head, rows) {
  return [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n')
}

function machine(m, runs) {
  const v = m.versions
  const lines = [
    `- Machine: ${m.nproc} CPU cores (\`nproc\`), ${m.cpuModel} (/proc/cpuinfo), ${m.ramGiB} GiB RAM, ${m.os}`,
    `- Versions: Node ${v.node}, Python ${v.python}, Rasa ${v.rasa}, rasa-sdk ${v['rasa-sdk']} (Sanic ${v.sanic}, ujson ${v.ujson}), TensorFlow ${v.tensorflow}, Fastify ${v.fastify}, Telegraf ${v.telegraf}, autocannon ${v.autocannon}`
  ]
  for (const r of runs) {
    lines.push(
      `- \`${r.command}\` run ${r.startedAt} → ${r.finishedAt}; load average (1/5/15 min) before ${r.loadBefore.join(' / ')}, after ${r.loadAfter.join(' / ')}; busiest other processes at start: ${r.busiest}`
    )
  }
  return lines.join('\n')
}

function actionSection(a) {
  const out = []
  const sizes = [...new Set(a.runs.map((r) => r.size))]
  const servers = [...new Set(a.runs.map((r) => r.server))]
  const agg = (server, size, enc) => {
    const rs = a.runs.filter((r) => r.server === server && r.size === size && r.encoding === enc)
    return {
      rps: median(rs.map((r) => r.reqPerSec)),
      p50: median(rs.map((r) => r.p50)),
      p99: median(rs.map((r) => r.p99)),
      // Round 1 runs the payloads smallest first, so its peak is not inflated by memory a larger
      // payload left resident earlier (clear_refs resets VmHWM to the current RSS, not to zero).
      rss: rs.find((r) => r.round === 1)?.peakRssMiB ?? NaN,
      cpu: median(rs.map((r) => r.cpuUsPerReq)),
      errors: rs.reduce((s, r) => s + r.non2xx + r.errors + r.timeouts, 0)
    }
  }
  out.push(
    `Settings: ${a.settings.rounds} interleaved rounds × ${a.settings.duration} s per server and payload (round 1 preceded by a ${a.settings.warmup} s warm-up per server and payload), ${a.settings.connections} keep-alive connections, autocannon in the benchmark process on the same machine. Domain sent with every call: \`${a.domainSource}\`. Request body sizes: ${sizes.map((n) => `${n} events ${f(a.bodyBytes[n].plain / 1024, 0)} KiB plain / ${f(a.bodyBytes[n].deflate / 1024, 0)} KiB deflate`).join('; ')}.`
  )
  out.push('')
  out.push(
    'Median of the rounds (latency in ms; peak RSS = VmHWM of the server process during its round-1 run of that payload, MiB):'
  )
  out.push('')
  const rows = []
  const ratios = []
  for (const n of sizes) {
    for (const enc of ['plain', 'deflate']) {
      const by = {}
      for (const s of servers) {
        const g = agg(s, n, enc)
        by[s] = g
        rows.push([
          String(n),
          enc,
          s,
          f(g.rps) + (g.errors ? ` (${g.errors} failed)` : ''),
          f(g.p50, 2),
          f(g.p99, 2),
          f(g.cpu, 0),
          f(g.rss, 0)
        ])
      }
      const r = (a, b) => (by[a] && by[b] ? `${f(by[a].rps / by[b].rps, 2)}×` : '–')
      const c = (a, b) => (by[a] && by[b] ? `${f(by[b].cpu / by[a].cpu, 2)}×` : '–')
      ratios.push([
        String(n),
        enc,
        r('ours', 'rasa-sdk'),
        c('ours', 'rasa-sdk'),
        r('ours', 'bare-node'),
        c('ours', 'bare-node'),
        r('ours-log-warn', 'ours'),
        c('ours-log-warn', 'ours'),
        r('ours-product', 'ours'),
        by['rasa-sdk'] ? `${f(by.ours.rss / by['rasa-sdk'].rss, 2)}×` : '–',
        ...(servers.includes('ours-before') ? [c('ours-before', 'bare-node')] : [])
      ])
    }
  }
  out.push(
    table(
      ['events', 'body', 'server', 'req/s', 'p50', 'p99', 'server CPU µs/req', 'peak RSS'],
      rows
    )
  )
  out.push('')
  out.push(
    'Ratios: "req/s" = throughput of the first over the second; "CPU" = server CPU time per request of the second over the first (how many times less CPU the first needs; insensitive to the other load on the machine):'
  )
  out.push('')
  out.push(
    table(
      [
        'events',
        'body',
        'ours / rasa-sdk req/s',
        'ours / rasa-sdk CPU',
        'ours / bare req/s',
        'ours / bare CPU',
        'log-warn / ours req/s',
        'log-warn / ours CPU',
        'product / ours req/s',
        'ours / rasa-sdk peak RSS',
        ...(servers.includes('ours-before') ? ['before / bare CPU'] : [])
      ],
      ratios
    )
  )
  out.push('')
  out.push(
    `Idle RSS after start (MiB): ${Object.entries(a.idleRssMiB)
      .map(([k, v]) => `${k} ${f(v, 1)}`)
      .join(', ')}.`
  )
  out.push('')
  out.push(
    'Same answer check (one request per payload before measuring; JSON compared after parsing):'
  )
  out.push('')
  const yes = (b) => (b === undefined ? '–' : b ? 'yes' : 'NO')
  out.push(
    table(
      [
        'events',
        'body',
        'HTTP status per server',
        'ours = rasa-sdk',
        'ours = bare',
        'ours = ours-log-warn'
      ],
      a.checks.map((c) => [
        c.size,
        c.encoding,
        Object.entries(c.statuses)
          .map(([k, v]) => `${k} ${v}`)
          .join(', '),
        yes(c.oursEqualsRasaSdk),
        yes(c.oursEqualsBare),
        yes(c.oursEqualsLogWarn)
      ])
    )
  )
  out.push('')
  out.push('Our server at half of its measured maximum (open loop, `overallRate`):')
  out.push('')
  out.push(
    table(
      ['events', 'target req/s', 'achieved req/s', 'p50 ms', 'p99 ms', 'max ms'],
      a.halfLoad.map((h) => [
        h.size,
        h.targetRate,
        f(h.reqPerSec),
        f(h.p50, 2),
        f(h.p99, 2),
        f(h.max, 1)
      ])
    )
  )
  out.push('')
  out.push('<details><summary>Raw per-round figures</summary>')
  out.push('')
  out.push(
    table(
      [
        'round',
        'server',
        'events',
        'body',
        'requests',
        'req/s',
        'p50 ms',
        'p90 ms',
        'p99 ms',
        'max ms',
        'CPU µs/req',
        'server CPU %',
        'peak RSS MiB',
        'non-2xx',
        'errors'
      ],
      a.runs.map((r) => [
        r.round,
        r.server,
        r.size,
        r.encoding,
        r.requests,
        f(r.reqPerSec),
        f(r.p50, 2),
        f(r.p90, 2),
        f(r.p99, 2),
        f(r.max, 1),
        f(r.cpuUsPerReq, 0),
        f(r.serverCpuPct, 0),
        f(r.peakRssMiB, 1),
        r.non2xx,
        r.errors
      ])
    )
  )
  out.push('')
  out.push('</details>')
  return out.join('\n')
}

function gatewaySection(g) {
  return [
    `Each scenario: a fresh gateway process (\`bench/gateway-entry.mjs\` → \`gateway/dist/main.js\`, long polling), a fresh fake Bot API and fake Rasa, 1 s warm-up, then ${g.seconds} s measured (${g.pacedSeconds ?? g.seconds} s for 1000-chats-paced-20ps, so its p99 is not the slowest of a hundred updates). Latency = sendMessage arrival − getUpdates hand-out of that update.`,
    '',
    table(
      [
        'scenario',
        'per-chat interval ms',
        'global rate',
        'updates sent',
        'answered',
        'updates/s',
        'p50 ms',
        'p99 ms',
        'max ms',
        'p50 / p99 ms incl. wait for getUpdates',
        'gateway CPU µs/update',
        'fakes + driver CPU µs/update',
        'peak RSS MiB'
      ],
      g.scenarios.map((s) => [
        s.label,
        s.chatIntervalMs,
        s.globalRate,
        s.sent,
        s.answered,
        f(s.updatesPerSec, 1),
        f(s.p50, 2),
        f(s.p99, 2),
        f(s.max, 1),
        `${f(s.fromEnqueueP50, 1)} / ${f(s.fromEnqueueP99, 1)}`,
        f(s.cpuUsPerUpdate, 0),
        f(s.fakesCpuUsPerUpdate, 0),
        f(s.peakRssMiB, 0)
      ])
    ),
    '',
    ...(g.idle
      ? [
          `Idle (a started gateway, no messages, ${g.idle.seconds} s): ${f(g.idle.cpuMsPerSecond, 1)} ms of CPU per second.`,
          ''
        ]
      : []),
    `Bot API calls per scenario (incl. the warm-up): ${g.scenarios
      .map(
        (s) =>
          `${s.label}: ${Object.entries(s.botApiCalls)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')}; Rasa calls ${s.rasaCalls}`
      )
      .join(' — ')}.`
  ].join('\n')
}

function e2eSection(e) {
  if (e.skipped) return `Skipped: ${e.skipped}.`
  return [
    `Model \`${e.model.file}\` (${f(e.model.bytes / 1048576, 1)} MiB, built ${e.model.mtime}); Rasa ready after ${f(e.rasaStartupS, 1)} s. ${e.reps} repetitions of ${e.byConversation.length} conversations, sequential, one warm-up conversation first. ${e.turns} turns, ${e.non200} non-200.`,
    '',
    `**All turns: p50 ${f(e.p50, 1)} ms, p95 ${f(e.p95, 1)} ms, p99 ${f(e.p99, 1)} ms, max ${f(e.max, 1)} ms.** Peak RSS: Rasa ${f(e.peakRssMiB.rasa, 0)} MiB, action server ${f(e.peakRssMiB.actionsServer, 0)} MiB.`,
    '',
    table(
      ['conversation', 'turns', 'p50 ms', 'p95 ms', 'max ms'],
      e.byConversation.map((c) => [c.conversation, c.turns, f(c.p50, 1), f(c.p95, 1), f(c.max, 1)])
    ),
    '',
    `Tracker length after each conversation (GET /conversations/<id>/tracker): ${e.transcripts.map((t) => `${t.conversation.split(' ')[0]}: ${t.trackerEvents ?? '–'} events for ${t.userTurns} user message${t.userTurns === 1 ? '' : 's'}`).join('; ')}.`,
    '',
    e.concurrent
      ? `${e.concurrent.users} users at once, each through all conversations: ${e.concurrent.turns} turns (${e.concurrent.non200} non-200), ${f(e.concurrent.turnsPerSec, 1)} turns/s, p50 ${f(e.concurrent.p50, 1)} ms, p95 ${f(e.concurrent.p95, 1)} ms, max ${f(e.concurrent.max, 1)} ms.`
      : '',
    '',
    '<details><summary>What the bot answered (first repetition)</summary>',
    '',
    ...e.transcripts.flatMap((t) => [
      `- ${t.conversation}${t.expectSeen === null ? '' : t.expectSeen ? ' (expected phrase seen)' : ' (expected phrase NOT seen)'}`,
      ...t.transcript.map(
        (x) => `  - user: \`${x.user}\` → bot: ${String(x.bot).replace(/\n/g, ' ').slice(0, 220)}`
      )
    ]),
    '',
    '</details>'
  ].join('\n')
}

function profileSection(p) {
  const what =
    p.target === 'gateway'
      ? `\`node --cpu-prof\` on the gateway, 1,000 chats closed loop, pacing off, ${p.duration} s (${f(p.reqPerSec)} updates/s while profiling; ${p.totalMs} ms of samples)`
      : `\`node --cpu-prof\` on our server, ${p.size}-event plain tracker, ${p.duration} s (${f(p.reqPerSec)} req/s while profiling; ${p.totalMs} ms of samples)`
  return [
    `${what}. Profile: \`${p.file}\` (not committed).`,
    '',
    table(
      ['self time by origin', '%'],
      p.byOrigin.slice(0, 10).map((o) => [o.origin, f(o.selfPct, 1)])
    ),
    '',
    table(
      ['top self-time frames', '%'],
      p.topFrames.map((t) => [`\`${t.frame}\``, f(t.selfPct, 1)])
    )
  ].join('\n')
}

function adversarialSection(a) {
  const shapes = [...new Set(a.runs.map((r) => r.shape))]
  const agg = (shape) => {
    const rs = a.runs.filter((r) => r.shape === shape)
    return {
      rps: median(rs.map((r) => r.reqPerSec)),
      p50: median(rs.map((r) => r.p50)),
      p99: median(rs.map((r) => r.p99)),
      cpu: median(rs.map((r) => r.cpuUsPerReq)),
      failed: rs.reduce((s, r) => s + r.non2xx + r.errors + r.timeouts, 0),
      bytes: rs[0]?.headerBytes ?? 0
    }
  }
  const normal = agg('normal')
  const rows = shapes.map((shape) => {
    const g = agg(shape)
    return [
      shape,
      String(g.bytes),
      f(g.rps) + (g.failed ? ` (${g.failed} failed)` : ''),
      f(g.p50, 2),
      f(g.p99, 2),
      f(g.cpu, 0),
      `${f(g.cpu / normal.cpu, 2)}×`
    ]
  })
  return [
    `GET /health on \`ours\`, ${a.settings.rounds} rounds × ${a.settings.duration} s per shape, ${a.settings.connections} connections; \`X-Request-Id\` of the given size (median of the rounds; aim: adversarial < 2× normal CPU per request).`,
    '',
    table(['X-Request-Id', 'bytes', 'req/s', 'p50 ms', 'p99 ms', 'CPU µs/req', 'vs normal'], rows)
  ].join('\n')
}

export function renderResults(results) {
  const parts = [
    '## Raw figures (generated by `npm run bench`)',
    '',
    machine(results.machine, results.runs ?? [])
  ]
  if (results.action)
    parts.push('', '### 1. Action server: POST /webhook', '', actionSection(results.action))
  if (results.gateway) parts.push('', '### 2. Gateway', '', gatewaySection(results.gateway))
  if (results.e2e) parts.push('', '### 3. End to end with real Rasa', '', e2eSection(results.e2e))
  if (results.adversarial)
    parts.push(
      '',
      '### 5. Adversarial request id (log masking)',
      '',
      adversarialSection(results.adversarial)
    )
  if (results.training)
    parts.push(
      '',
      `Model training time: ${results.training.seconds} s (\`scripts/rasa.sh train\`, last run finished ${results.training.finishedAt}, read from \`${results.training.source}\`; not measured by the benchmark).`
    )
  if (results.profile)
    parts.push('', '### 4. CPU profile of the slowest path', '', profileSection(results.profile))
  if (results.profileGateway)
    parts.push(
      '',
      '#### The gateway at its maximum rate',
      '',
      profileSection(results.profileGateway)
    )
  if (results.profileSmall)
    parts.push(
      '',
      '#### Same, with the 10-event tracker (per-request overhead)',
      '',
      profileSection(results.profileSmall)
    )
  return parts.join('\n')
}
