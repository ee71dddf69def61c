// Renders the `store` and `stack` parts of bench/out/results.json (issue 13: SQLite vs
// PostgreSQL writes, end-to-end turns with one and two Rasa processes) as their own generated
// block of docs/BENCHMARKS.md, so a run of these parts alone leaves the other figures as they are.
const f = (x, d = 0) =>
  x === null || x === undefined || Number.isNaN(x) ? '–' : Number(x).toFixed(d)
const row = (cells) => `| ${cells.join(' | ')} |`
const table = (head, rows) => [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n')
const load = (l) =>
  l ? `load average (1/5/15 min) ${l.before.join(' / ')} before, ${l.after.join(' / ')} after` : ''
/** Above this 1-minute load before a run, other work shared the 2 cores with it. */
const CONTENDED_LOAD = 2.5
const contended = (l) => l !== undefined && Number(l.before[0]) > CONTENDED_LOAD

function storeSection(s) {
  if (s.error) return `Not measured: ${s.error}`
  const pg = s.postgres
  const out = [
    `${contended(s.load) ? '**Contended machine** (' + load(s.load) + '): other work shared the 2 cores, so read the ratios between rows of this run, not the absolute figures.' : 'Quiet machine (' + load(s.load) + ", the benchmark's own load)."} ${s.settings.rounds} interleaved rounds × ${s.settings.duration} s per row after a ${s.settings.warmup} s warm-up of each, ${s.settings.connections} keep-alive connections in all (split between the servers), medians of the rounds. Every call is a new conversation (new sender, message id and NIP of a generated ${s.settings.employees}-person directory), so every call writes; limits raised to their maxima, \`WHATSAPP_MODE=outbox\`, \`RESET_PROVIDER=manual\`. The rows written are counted in the database after each round.`,
    '',
    `- SQLite: journal mode ${s.sqlite?.journalMode ?? '–'}, synchronous ${s.sqlite?.synchronous ?? '–'}; the file in \`bench/out/store/\`.`,
    pg
      ? `- PostgreSQL ${pg.version} on ${pg.host}: ${Object.entries(pg.settings)
          .map(([k, v]) => `${k}=${v}`)
          .join(
            ', '
          )} (the test server's fsync-off settings switched back to a production server's durability for the run).`
      : '- PostgreSQL: not measured in this run.',
    '',
    table(
      [
        'engine',
        'action servers',
        'action (writes)',
        'calls/s',
        'p50 ms',
        'p99 ms',
        'server CPU µs/call',
        'calls',
        'non-200',
        'tickets written',
        'outbox rows written'
      ],
      s.summary.map((r) => [
        r.engine,
        r.servers,
        r.action === 'ticket'
          ? '`action_hubungi_petugas` (ticket)'
          : '`action_reset_password`, WhatsApp route (ticket + outbox)',
        f(r.callsPerSec),
        f(r.p50, 1),
        f(r.p99, 1),
        f(r.serverCpuUsPerCall),
        r.calls,
        r.non200,
        r.tickets,
        r.outbox
      ])
    ),
    '',
    'Rows written can exceed the calls counted by a few: calls still in flight when a round ends are written but not counted.'
  ]
  return out.join('\n')
}

function stackSection(s) {
  if (s.skipped) return `Skipped: ${s.skipped}`
  if (s.error) return `Not measured: ${s.error}`
  const rows = s.configurations.map((c) => [
    c.rasaProcesses,
    c.actionServers,
    c.store === 'sqlite' ? 'SQLite (one shared file)' : 'PostgreSQL',
    c.users,
    c.turns,
    f(c.seconds, 1),
    f(c.turnsPerSec, 1),
    f(c.p50),
    f(c.p95),
    f(c.max),
    c.non200,
    c.noReply,
    c.expectedPhraseSeen,
    c.ticketsInStore ?? '–',
    f((c.rasaCpuS * 1000) / c.turns),
    f(c.rasaCpuS / c.seconds, 2),
    f((c.actionsCpuS * 1000) / c.turns, 1),
    c.peakRssMiB.rasa.map((x) => f(x)).join(' / '),
    c.rasaStartupS.map((x) => f(x)).join(' / ')
  ])
  return [
    `${contended(s.load) ? '**Contended machine** (' + load(s.load) + '): read the two rows against each other.' : 'Quiet machine (' + load(s.load) + ", the benchmark's own load)."} Whole stack on loopback: N Rasa 3.6.21 processes (trained model; Rasa's SQL tracker store on PostgreSQL ${s.postgres?.version ?? ''} with production durability, Redis lock store) and N product action servers sharing our store (PostgreSQL through \`DATABASE_URL\`, as in the \`scale\` profile, unless the row says SQLite). ${s.users} users at once, each through the ${s.reps === 1 ? '' : `${s.reps} × `}8 reference conversations of part 3; every turn goes to the next Rasa process in turn, so each conversation alternates between them. After one warm-up conversation per process. "Cores Rasa got" is the Rasa processes' CPU time over the run's wall time: on a quiet 2-core machine it approaches the cores they can use; far below that, the other work on the machine held them back, and Rasa's CPU time per turn is the figure to compare.`,
    '',
    table(
      [
        'Rasa processes',
        'action servers',
        'our store',
        'users',
        'turns',
        's',
        'turns/s',
        'p50 ms',
        'p95 ms',
        'max ms',
        'non-200',
        'no reply',
        'expected last answer',
        'tickets in the store',
        'Rasa CPU ms/turn',
        'cores Rasa got',
        'actions CPU ms/turn',
        'Rasa peak RSS MiB',
        'Rasa start-up s'
      ],
      rows
    )
  ].join('\n')
}

export function renderScaleResults(results) {
  const parts = [
    '## Store and scale figures (generated by `npm run bench`, parts `store` and `stack`)',
    ''
  ]
  const runs = (results.runs ?? []).filter((r) =>
    (r.parts ?? []).some((p) => p === 'store' || p === 'stack')
  )
  const m = results.machine
  parts.push(
    `- Machine: ${m.nproc} CPU cores (\`nproc\`), ${m.cpuModel}, ${m.ramGiB} GiB RAM, ${m.os}`
  )
  for (const r of runs)
    parts.push(
      `- \`${r.command}\` run ${r.startedAt} → ${r.finishedAt}; load average (1/5/15 min) before ${r.loadBefore.join(' / ')}, after ${r.loadAfter.join(' / ')}; busiest processes at start: ${r.busiest}`
    )
  if (results.store)
    parts.push(
      '',
      '### 6. Action calls that write: SQLite vs PostgreSQL',
      '',
      storeSection(results.store)
    )
  if (results.stack)
    parts.push(
      '',
      '### 7. End to end, whole stack: one and two Rasa processes',
      '',
      stackSection(results.stack)
    )
  return parts.join('\n')
}
