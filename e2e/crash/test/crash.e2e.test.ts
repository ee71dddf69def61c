/**
 * Crash rounds (issue 13 item 4): `kill -9` of Rasa, of the action server and of the gateway in
 * the middle of conversations, at seeded random points, some of them while the action server's
 * WhatsApp send is held open by the fake. The real processes run on loopback (the Telegram e2e
 * stack: Rasa with its SQL tracker store on SQLite, the action server on DATABASE_FILE, the
 * gateway polling the fake Bot API); each killed process is started again at once.
 *
 * Afterwards: every user message was answered or the user was told to try again, the form went
 * on where it was, no ticket is missing or doubled, no reset was done twice and WhatsApp got no
 * message twice. CRASH_SEED replays a run; CRASH_ROUNDS changes the number of rounds.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { httpOk } from '../../shared/child-service'
import type { HeldSend } from '../../shared/fake-whatsapp'
import { REPO_ROOT } from '../../telegram/src/paths'
import { Stack } from '../../telegram/src/stack'
import { CrashUser, type UserFigures } from './crash-user'
import { FLOW_NAMES, flow, type FlowName, type Person } from './flows'
import { checkConversation } from './invariants'
import { chooseSeed, SeededRandom } from './seeded-random'
import { StackHealth } from './stack-health'
import { loadPeople } from './people'

type Target = 'rasa' | 'actions' | 'gateway'

interface RoundPlan {
  target: Target
  /** Kill while the victim's WhatsApp message is held open by the fake (mid-send). */
  midSend: boolean
  victimFlow: FlowName
  bystanderFlow: FlowName
  /** The victim's step after whose message the kill comes (0-based). */
  killStep: number
  /** Delay after that message reached the Bot API. */
  killDelayMs: number
  /** When the bystander starts its conversation. */
  bystanderDelayMs: number
}

const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 20)
const SEED = chooseSeed(process.env.CRASH_SEED)
const random = new SeededRandom(SEED)
const DIRECTORY = join(__dirname, '..', 'fixtures', 'directory.yaml')
const OUT = join(REPO_ROOT, 'e2e', 'out', 'crash', new Date().toISOString().replace(/[:.]/g, '-'))

const print = (line: string): void => {
  process.stdout.write(line + '\n')
}

/**
 * The kill mix: a Rasa restart costs 20-40 s on a 2-core machine (the model loads again), the
 * action server and the gateway start in about a second, so Rasa gets a fifth of the rounds and
 * the other two share the rest. Half of the action-server rounds, one gateway round and one Rasa
 * round kill while a WhatsApp send is held open.
 */
export function planRounds(rounds: number, rng: SeededRandom): RoundPlan[] {
  const rasa = Math.max(1, Math.round(rounds * 0.2))
  const actions = Math.max(1, Math.round((rounds - rasa) / 2))
  const gateway = Math.max(0, rounds - rasa - actions)
  const targets: Array<{ target: Target; midSend: boolean }> = []
  for (let i = 0; i < rasa; i++) targets.push({ target: 'rasa', midSend: i === 0 && rounds >= 10 })
  for (let i = 0; i < actions; i++) targets.push({ target: 'actions', midSend: i < actions / 2 })
  for (let i = 0; i < gateway; i++)
    targets.push({ target: 'gateway', midSend: i === 0 && rounds >= 10 })
  return rng.shuffle(targets).map(({ target, midSend }) => ({
    target,
    midSend,
    victimFlow: midSend
      ? rng.pick(['reset_password', 'tte_registration'] as const)
      : rng.pick(FLOW_NAMES),
    bystanderFlow: rng.pick(FLOW_NAMES),
    killStep: midSend ? 2 : rng.int(0, 2),
    killDelayMs: rng.int(0, 1500),
    bystanderDelayMs: rng.int(0, 1500)
  }))
}

const stack = new Stack({
  logDir: OUT,
  rasaStartTimeoutMs: 300_000,
  directoryFile: DIRECTORY
})
const health = new StackHealth()
const people = loadPeople(DIRECTORY)

interface Totals extends UserFigures {
  conversations: number
  completed: number
  midFormKills: number
  resumedForms: number
}
const totals: Totals = {
  sent: 0,
  answered: 0,
  retriesTold: 0,
  unanswered: 0,
  resultLost: 0,
  conversations: 0,
  completed: 0,
  midFormKills: 0,
  resumedForms: 0
}
const kills: Record<Target, number> = { rasa: 0, actions: 0, gateway: 0 }
const midSendKills: Record<Target, number> = { rasa: 0, actions: 0, gateway: 0 }
const restartMs: Record<Target, number[]> = { rasa: [], actions: [], gateway: [] }
const problems: string[] = []

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true })
  print(
    `crash suite: seed ${SEED}, ${ROUNDS} rounds (replay: CRASH_SEED=${SEED} bash e2e/crash/run.sh); logs in ${OUT}`
  )
  await stack.start(print)
}, 360_000)

afterAll(async () => {
  await stack.stop()
}, 60_000)

/** kill -9 of one process group, then the same process started again and waited for. */
async function crash(target: Target, afterKill?: () => void): Promise<void> {
  health.markDown()
  const started = Date.now()
  try {
    const service =
      target === 'rasa' ? stack.rasa : target === 'actions' ? stack.actions : stack.gateway
    await service.kill()
    kills[target] += 1
    afterKill?.()
    const polls = stack.botApi.calls('deleteWebhook').length
    service.start()
    if (target === 'rasa') await stack.waitForRasa()
    else if (target === 'actions')
      await service.waitUntil(() => httpOk(stack.actionsHealthUrl), 30_000)
    else
      await service.waitUntil(
        async () =>
          (await httpOk(stack.gatewayHealthUrl)) &&
          stack.botApi.calls('deleteWebhook').length > polls,
        30_000
      )
    restartMs[target].push(Date.now() - started)
  } finally {
    health.markUp()
  }
}

function person(index: number): Person {
  const found = people[index]
  if (found === undefined) throw new Error(`fixtures/directory.yaml has no person #${index + 1}`)
  return found
}

test(`${ROUNDS} rounds of kill -9 mid-conversation: every message answered or retried, forms resume, nothing lost or doubled`, async () => {
  const suiteStarted = Date.now()
  const plans = planRounds(ROUNDS, random)
  for (const [r, plan] of plans.entries()) {
    const victim = new CrashUser(`Korban${r}`, 810_000 + r * 2, person(r * 2), stack.botApi, health)
    const bystander = new CrashUser(
      `Saksi${r}`,
      810_001 + r * 2,
      person(r * 2 + 1),
      stack.botApi,
      health
    )
    const victimFlow = flow(plan.victimFlow, victim.person)
    const bystanderFlow = flow(plan.bystanderFlow, bystander.person)
    let killing: Promise<void> | undefined
    let hold: HeldSend | undefined
    const roundProblems: string[] = []

    const victimRun = victim.run(victimFlow, {
      beforeStep: (index) => {
        if (!plan.midSend || index !== plan.killStep) return
        hold = stack.whatsapp.holdNext(victim.person.whatsapp)
        const held = hold
        void held.arrived.then(() => {
          midSendKills[plan.target] += 1
          // The fake answers the held request once the process is dead (no one hears it then
          // when the action server was killed; the action server hears it otherwise).
          killing = crash(plan.target, () => held.release())
        })
      },
      afterSend: (index) => {
        if (plan.midSend || index !== plan.killStep) return
        killing = new Promise((resolve) => setTimeout(resolve, plan.killDelayMs)).then(() =>
          crash(plan.target)
        )
      }
    })
    const bystanderRun = new Promise((resolve) => setTimeout(resolve, plan.bystanderDelayMs)).then(
      () => bystander.run(bystanderFlow)
    )
    const [victimDone, bystanderDone] = await Promise.all([victimRun, bystanderRun])
    if (killing === undefined) roundProblems.push('the planned kill never happened')
    await killing
    hold?.release()

    if (plan.killStep >= 1) {
      totals.midFormKills += 1
      // Resumed: the form went on in place, without the user having to start over.
      if (victimDone && victim.figures.resultLost === 0) totals.resumedForms += 1
    }
    for (const [user, userFlow, done] of [
      [victim, victimFlow, victimDone],
      [bystander, bystanderFlow, bystanderDone]
    ] as const) {
      totals.conversations += 1
      if (done) totals.completed += 1
      totals.sent += user.figures.sent
      totals.answered += user.figures.answered
      totals.retriesTold += user.figures.retriesTold
      totals.unanswered += user.figures.unanswered
      totals.resultLost += user.figures.resultLost
      const broken = [
        ...user.problems,
        ...(done ? [] : ['the conversation did not reach its end']),
        ...checkConversation({
          databaseFile: stack.databaseFile,
          sender: String(user.chatId),
          person: user.person,
          flow: userFlow,
          completed: done,
          whatsapp: stack.whatsapp.received,
          resets: stack.resetApi.calls
        })
      ]
      for (const problem of broken)
        roundProblems.push(`${user.name} (${userFlow.name}): ${problem}`)
    }

    const where = plan.midSend
      ? `mid-send of the WhatsApp message of step ${plan.killStep + 1}`
      : `step ${plan.killStep + 1} +${plan.killDelayMs} ms`
    print(
      `round ${r + 1}/${plans.length}: kill -9 ${plan.target} at ${where} of ${plan.victimFlow} ` +
        `(bystander ${plan.bystanderFlow}): ${roundProblems.length === 0 ? 'ok' : 'FAILED'} ` +
        `[victim ${victim.figures.sent} sent, ${victim.figures.retriesTold} told to retry; ` +
        `bystander ${bystander.figures.sent} sent, ${bystander.figures.retriesTold} told to retry]`
    )
    if (roundProblems.length > 0) {
      for (const problem of roundProblems) print(`  ✗ ${problem}`)
      for (const user of [victim, bystander]) {
        print(`  transcript of ${user.name} (chat ${user.chatId}):`)
        for (const line of user.transcript) print(`    ${line}`)
      }
      problems.push(...roundProblems.map((p) => `round ${r + 1} (seed ${SEED}): ${p}`))
    }
  }

  const summary = figures(Date.now() - suiteStarted)
  writeFileSync(join(OUT, 'summary.json'), JSON.stringify(summary, null, 2) + '\n')
  print(`crash suite figures (seed ${SEED}): ${JSON.stringify(summary)}`)
  expect(problems).toEqual([])
  expect(totals.unanswered).toBe(0)
  expect(kills.rasa + kills.actions + kills.gateway).toBe(ROUNDS)
}, 1_800_000)

function figures(elapsedMs: number): Record<string, unknown> {
  const db = new Database(stack.databaseFile, { readonly: true, fileMustExist: true })
  try {
    const tickets = (db.prepare('SELECT count(*) AS n FROM tickets').get() as { n: number }).n
    const outbox = db
      .prepare('SELECT status, count(*) AS n FROM whatsapp_outbox GROUP BY status')
      .all() as { status: string; n: number }[]
    const average = (list: number[]): number | null =>
      list.length === 0
        ? null
        : Math.round(list.reduce((a, b) => a + b, 0) / list.length / 100) / 10
    return {
      seed: SEED,
      rounds: ROUNDS,
      kills,
      midSendKills,
      averageRestartSeconds: {
        rasa: average(restartMs.rasa),
        actions: average(restartMs.actions),
        gateway: average(restartMs.gateway)
      },
      ...totals,
      tickets,
      whatsappAccepted: stack.whatsapp.delivered.length,
      outbox: Object.fromEntries(outbox.map((row) => [row.status, row.n])),
      seconds: Math.round(elapsedMs / 1000)
    }
  } finally {
    db.close()
  }
}
