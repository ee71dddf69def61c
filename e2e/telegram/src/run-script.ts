import { readFileSync } from 'node:fs'
import { load } from 'js-yaml'
import type { WhatsAppMessage } from '../../shared/fake-whatsapp'
import { checkTurn, leakedSecrets, TICKET_PATTERN } from './expectations'
import type { LoadedScript, Step } from './script-types'
import { DIRECTORY_FIXTURE, type Stack } from './stack'
import { TelegramChat, type Turn, type TurnTiming } from './telegram-chat'
import { ticketSender } from '../../shared/ticket-store'
import { Transcript } from './transcript'

export interface ScriptResult {
  script: LoadedScript
  passed: boolean
  problems: string[]
  transcript: Transcript
  seconds: number
}

interface Person {
  nip: string
  nik?: string
  whatsapp: string
}

let people: Person[] | undefined
function directory(): Person[] {
  people ??= (load(readFileSync(DIRECTORY_FIXTURE, 'utf8')) as { pegawai: Person[] }).pegawai ?? []
  return people
}

/** Full phone numbers (62… and 08… forms) and NIKs of the directory: never shown in the chat. */
function directorySecrets(): string[] {
  return directory().flatMap((p) => [
    p.whatsapp,
    '0' + p.whatsapp.replace(/^62/, ''),
    ...(p.nik !== undefined ? [p.nik] : [])
  ])
}

let nextChatId = 710_000_001

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** Plays one script against the running stack; never throws. */
export async function runScript(
  script: LoadedScript,
  stack: Stack,
  timing: TurnTiming
): Promise<ScriptResult> {
  const started = Date.now()
  const transcript = new Transcript(script.chats.length > 1)
  const problems: string[] = []
  const watched = new Set<string>()
  const chatIds = new Set<number>()
  let whatsappSeen = stack.whatsapp.received.length
  const typedSecrets: string[] = []
  /** A message belongs to a chat when its ticket was opened there; without a ticket, by the number. */
  const ownedBy = (message: WhatsAppMessage, chatId: number | undefined): boolean => {
    const ticket = message.text.match(TICKET_PATTERN)?.[0]
    const sender = ticket === undefined ? undefined : ticketSender(stack.databaseFile, ticket)
    if (sender !== undefined)
      return chatId === undefined ? chatIds.has(Number(sender)) : sender === String(chatId)
    return script.exclusive || watched.has(message.to)
  }
  const flushWhatsApp = (): void => {
    const all = stack.whatsapp.received
    for (const message of all.slice(whatsappSeen)) {
      if (!ownedBy(message, undefined)) continue
      const outcome = message.status === 200 ? '' : `   (fake API answered ${message.status})`
      // Even fake secrets stay out of CI logs: the transcript says where the password was.
      const text = stack.resetApi.secrets.reduce(
        (t, secret) => t.split(secret).join('«temporary password from the reset API»'),
        message.text
      )
      transcript.add('', 'whatsapp', `to ${message.to}: ${text}${outcome}`, undefined, message.at)
    }
    whatsappSeen = all.length
  }
  const ctx = {
    databaseFile: stack.databaseFile,
    whatsapp: () => stack.whatsapp.received,
    secrets: () => [...directorySecrets(), ...typedSecrets, ...stack.resetApi.secrets],
    resetSecrets: () => stack.resetApi.secrets,
    ownedBy: (message: WhatsAppMessage, chatId: number) => ownedBy(message, chatId)
  }

  const playChat = async (chatScript: LoadedScript['chats'][number]): Promise<void> => {
    const chat = new TelegramChat(
      chatScript.name,
      nextChatId++,
      chatScript.user,
      stack.botApi,
      stack.probe,
      transcript,
      timing
    )
    chatIds.add(chat.chatId)
    for (const [index, step] of chatScript.steps.entries()) {
      const where = `${script.chats.length > 1 ? `chat "${chat.name}" ` : ''}step ${index + 1}`
      if (step.note !== undefined) transcript.add(chat.name, 'note', step.note)
      watchNumbers(step, watched, typedSecrets)
      let stepProblems: string[]
      try {
        stepProblems = await playStep(step, chat, stack, transcript, ctx)
      } catch (error) {
        stepProblems = [(error as Error).message]
      }
      flushWhatsApp()
      if (stepProblems.length > 0) {
        for (const problem of stepProblems) transcript.add(chat.name, 'problem', problem)
        problems.push(...stepProblems.map((p) => `${where} (${describeStep(step)}): ${p}`))
        return
      }
    }
  }

  await Promise.all(script.chats.map(playChat))
  flushWhatsApp()
  return {
    script,
    passed: problems.length === 0,
    problems,
    transcript,
    seconds: (Date.now() - started) / 1000
  }
}

async function playStep(
  step: Step,
  chat: TelegramChat,
  stack: Stack,
  transcript: Transcript,
  ctx: Parameters<typeof checkTurn>[2]
): Promise<string[]> {
  if (step.rasa === 'stop') {
    await stack.rasa.stop()
    transcript.add(chat.name, 'stack', 'Rasa stopped')
    return []
  }
  if (step.rasa === 'start') {
    transcript.add(chat.name, 'stack', 'starting Rasa again')
    stack.rasa.start()
    await stack.waitForRasa()
    transcript.add(chat.name, 'stack', 'Rasa is up again')
    return []
  }
  if (step.gateway === 'restart') {
    transcript.add(chat.name, 'stack', 'restarting the gateway')
    await stack.restartGateway()
    transcript.add(chat.name, 'stack', 'the gateway polls again')
    return []
  }
  if (step.whatsapp_api !== undefined) {
    stack.whatsapp.failNext(step.whatsapp_api.fail_next)
    transcript.add(
      chat.name,
      'stack',
      `the WhatsApp Cloud API will answer the next sends with ${step.whatsapp_api.fail_next.join(', ')}`
    )
    return []
  }
  const refusedBefore = stack.botApi.refused.length
  const turn: Turn =
    step.send !== undefined ? await chat.send(step.send) : await chat.press(step.press!)
  const problems: string[] = []
  if (turn.timedOut) problems.push('the bot did not finish answering in time')
  if (turn.callbackId !== undefined) {
    let answered = false
    for (let i = 0; i < 10 && !answered; i++) {
      answered = stack.botApi
        .calls('answerCallbackQuery')
        .some((c) => c.payload.callback_query_id === turn.callbackId)
      if (!answered) await sleep(100)
    }
    if (!answered)
      problems.push(
        'the button press was never answered (answerCallbackQuery): Telegram keeps showing a spinner'
      )
  }
  for (const refused of stack.botApi.refused.slice(refusedBefore)) {
    if ((refused.chatId ?? chat.chatId) === chat.chatId) {
      problems.push(
        `the gateway made a call the real Bot API refuses: ${refused.method}: ${refused.reason}`
      )
    }
  }
  const firstReply = turn.messages[0]?.at
  if (
    turn.rasaSaw &&
    firstReply !== undefined &&
    !stack.botApi.typingTimes(chat.chatId).some((t) => t >= turn.startedAt && t <= firstReply)
  ) {
    problems.push('no "typing…" indicator was shown before the answer')
  }
  const leaks = leakedSecrets(turn, ctx.secrets())
  if (leaks.length > 0)
    problems.push(`secret data in the chat: ${leaks.map(maskForReport).join(', ')}`)
  if (step.expect !== undefined) problems.push(...(await checkTurn(turn, step.expect, ctx)))
  return problems
}

/** Phone numbers the script will care about, and NIKs it typed (they must not come back). */
function watchNumbers(step: Step, watched: Set<string>, typedSecrets: string[]): void {
  if (step.expect?.whatsapp !== undefined) watched.add(step.expect.whatsapp.to)
  if (step.send === undefined) return
  const digits = step.send.replace(/[\s.-]/g, '')
  for (const person of directory()) {
    if (digits.includes(person.nip) || (person.nik !== undefined && digits.includes(person.nik)))
      watched.add(person.whatsapp)
  }
  for (const nik of digits.match(/(?<!\d)\d{16}(?!\d)/g) ?? []) typedSecrets.push(nik)
}

function describeStep(step: Step): string {
  if (step.send !== undefined) return `send "${step.send}"`
  if (step.press !== undefined) return `press "${step.press}"`
  if (step.rasa !== undefined) return `rasa ${step.rasa}`
  if (step.gateway !== undefined) return `gateway ${step.gateway}`
  return 'whatsapp_api'
}

/** In the failure report we still do not print a secret in full. */
function maskForReport(secret: string): string {
  return secret.length <= 6
    ? '***'
    : `${secret.slice(0, 4)}…${secret.slice(-2)} (${secret.length} chars)`
}
