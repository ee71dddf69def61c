import type { TelegramSide } from '../../telegram/src/telegram-side'
import type { Flow, Person } from './flows'
import type { StackHealth } from './stack-health'

/** What the gateway says when the user must try again (gateway/src/messages.ts: all say so). */
export const RETRY_TOLD = /coba lagi/i
/** Without any answer this long after the stack is whole again, a message counts as lost. */
const SILENCE_MS = 20_000
/** An answer is complete once nothing more came for this long. */
const SETTLE_MS = 800
/** An answer that is neither the expected one nor "try again" is judged after this long. */
const UNEXPECTED_AFTER_MS = 4_000
/** A person gives up after this many tries of one step. */
const MAX_TRIES = 5
/** Rasa's question after a request was handled: the story went on. */
const STORY_WENT_ON = /masih ada yang bisa kami bantu/i
const TICKET = /TIK-\d{8}-\d{4}/

export interface UserFigures {
  /** User messages the bot received (every try counts). */
  sent: number
  answered: number
  retriesTold: number
  /** Messages that got no answer at all: each one is a failure. */
  unanswered: number
  /**
   * The action server was still down after Rasa's repeated calls of one of the form's actions
   * (rasa-project/addons/action_call_retry.py, 7.75 s): Rasa logs the failed action and goes on
   * with its story ("masih ada yang bisa kami bantu?") without the action's result, so the user
   * asks again from the start (and must then get the first request's ticket, not a second one).
   * Counted, not failed: on a slow machine a restart can take longer than the repeats.
   */
  resultLost: number
}

export interface StepHooks {
  /** Called right after a step's message was handed to Telegram (first try only). */
  afterSend?: (stepIndex: number) => void
  /** Called before a step's first try. */
  beforeStep?: (stepIndex: number) => void
}

type Outcome =
  | { kind: 'answered'; text: string }
  | { kind: 'retry'; text: string }
  | { kind: 'silent' }
  | { kind: 'unexpected'; text: string }

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** A Telegram user who types every answer (no buttons) and tries again when told to. */
export class CrashUser {
  readonly figures: UserFigures = {
    sent: 0,
    answered: 0,
    retriesTold: 0,
    unanswered: 0,
    resultLost: 0
  }
  readonly problems: string[] = []
  readonly transcript: string[] = []
  private nextMessageId = 1
  private readonly started = Date.now()

  constructor(
    readonly name: string,
    readonly chatId: number,
    readonly person: Person,
    private readonly api: TelegramSide,
    private readonly health: StackHealth
  ) {}

  private note(line: string): void {
    this.transcript.push(`[${((Date.now() - this.started) / 1000).toFixed(1)}s] ${line}`)
  }

  /** Plays the flow; true when every step got its expected answer (the form went on where it was). */
  async run(flow: Flow, hooks: StepHooks = {}): Promise<boolean> {
    for (let round = 1; round <= 2; round++) {
      const result = await this.play(flow, round === 1 ? hooks : {}, round === 2)
      if (result !== 'result_lost') return result === 'done'
      this.figures.resultLost += 1
      this.note('NOTE   : the answer lacks the result; the user asks again from the start')
    }
    this.problems.push('the result was lost twice')
    return false
  }

  private async play(
    flow: Flow,
    hooks: StepHooks,
    askingAgain: boolean
  ): Promise<'done' | 'failed' | 'result_lost'> {
    for (const [index, step] of flow.steps.entries()) {
      hooks.beforeStep?.(index)
      let done = false
      for (let attempt = 1; attempt <= MAX_TRIES && !done; attempt++) {
        const seen = this.api.messagesFor(this.chatId).length
        const sentAt = Date.now()
        this.send(step.text)
        if (attempt === 1) hooks.afterSend?.(index)
        const outcome = await this.awaitAnswer(seen, sentAt, step.expect)
        // Asked again, the bot may answer at once that the request is already recorded, with
        // the first request's ticket ("... untuk NIP ini sudah kami terima ... TIK-..."): that is
        // the result the user was missing, even where the text also matches the step.
        if (
          askingAgain &&
          flow.tickets > 0 &&
          (outcome.kind === 'answered' || outcome.kind === 'unexpected') &&
          TICKET.test(outcome.text)
        ) {
          this.figures.answered += 1
          this.note('NOTE   : the earlier request and its ticket are shown')
          return 'done'
        }
        switch (outcome.kind) {
          case 'answered':
            this.figures.answered += 1
            done = true
            break
          case 'retry':
            this.figures.retriesTold += 1
            await this.health.whenUp()
            break
          case 'silent':
            this.figures.unanswered += 1
            this.problems.push(
              `step ${index + 1} ("${step.text}") try ${attempt}: no answer at all within ${SILENCE_MS / 1000} s of the stack being whole again`
            )
            this.note('LOST   ! no answer')
            break
          case 'unexpected':
            if (STORY_WENT_ON.test(outcome.text)) {
              this.figures.answered += 1
              return 'result_lost'
            }
            this.problems.push(
              `step ${index + 1} ("${step.text}"): expected ${String(step.expect)}, the bot said "${outcome.text}"`
            )
            return 'failed'
        }
      }
      if (!done) {
        this.problems.push(`step ${index + 1} ("${step.text}"): gave up after ${MAX_TRIES} tries`)
        return 'failed'
      }
    }
    return 'done'
  }

  private send(text: string): void {
    this.figures.sent += 1
    this.note(`USER   > ${text}`)
    const from = { id: this.chatId, is_bot: false, first_name: this.name, language_code: 'id' }
    this.api.pushUpdate({
      message: {
        message_id: this.nextMessageId++,
        date: Math.floor(Date.now() / 1000),
        chat: { id: this.chatId, type: 'private', first_name: this.name },
        from,
        text
      }
    })
  }

  private async awaitAnswer(seen: number, sentAt: number, expect: RegExp): Promise<Outcome> {
    for (;;) {
      await sleep(150)
      const fresh = this.api.messagesFor(this.chatId).slice(seen)
      const now = Date.now()
      if (fresh.length === 0) {
        if (this.health.isUp && now - Math.max(sentAt, this.health.upSince) > SILENCE_MS)
          return { kind: 'silent' }
        continue
      }
      const text = fresh.map((m) => m.text).join('\n')
      const quietFor = now - fresh[fresh.length - 1]!.at
      if (quietFor < SETTLE_MS) continue
      for (const m of fresh) this.logBot(m.text)
      if (expect.test(text)) return { kind: 'answered', text }
      if (RETRY_TOLD.test(text)) return { kind: 'retry', text }
      if (quietFor >= UNEXPECTED_AFTER_MS) return { kind: 'unexpected', text }
      // Keep waiting: the rest of the answer may still come; un-log what was logged.
      this.transcript.splice(this.transcript.length - fresh.length, fresh.length)
    }
  }

  private logBot(text: string): void {
    this.note(`BOT    < ${text.replace(/\s+/g, ' ').slice(0, 160)}`)
  }
}
