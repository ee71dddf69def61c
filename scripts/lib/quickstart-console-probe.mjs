#!/usr/bin/env node
// Used by scripts/quickstart-smoke.sh while `npm start` runs (issue 16, "done when"): signs in to
// the staff console as the first admin (password read from npm start's output), reads this month's
// dashboard CSV, finds the conversation just typed in the terminal chat on the review page, and
// turns its misunderstood message into an NLU review entry. Prints one JSON line with what it saw;
// the smoke script asserts on it. With a third argument `takeover` it instead takes over the
// chat's latest ticket, replies as staff and hands the chat back to the bot (issue 15, done when).
// Usage: node quickstart-console-probe.mjs <console url> <npm start output file> [takeover]
import { readFileSync } from 'node:fs'

const [base, outputFile] = process.argv.slice(2)
const password = /^\s*password: (\S+)$/m.exec(readFileSync(outputFile, 'utf8'))?.[1]
if (password === undefined) throw new Error('no first admin password in the output of npm start')

let cookie = ''
let csrf = ''
async function request(path, form) {
  const res = await fetch(base + path, {
    method: form === undefined ? 'GET' : 'POST',
    redirect: 'manual',
    headers: {
      ...(cookie === '' ? {} : { cookie }),
      ...(form === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' })
    },
    ...(form === undefined
      ? {}
      : { body: new URLSearchParams({ ...form, _csrf: csrf }).toString() })
  })
  const session = res.headers.getSetCookie().find((c) => c.startsWith('konsol_sesi='))
  if (session !== undefined) cookie = session.split(';')[0]
  const body = await res.text()
  const token = /name="_csrf" value="([^"]+)"/.exec(body)?.[1]
  if (token !== undefined) csrf = token
  return { status: res.status, body }
}

await request('/login')
const signIn = await request('/login', { username: 'admin', password })
if (signIn.status !== 303) throw new Error(`sign-in answered HTTP ${signIn.status}`)

// This month in WIB (UTC+7), the month the dashboard CSV is asked for.
const month = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 7)
const csv = await request(`/dasbor.csv?bulan=${month}`)
// Every CSV field is quoted: "ringkasan","pertanyaan","Pertanyaan (pesan pengguna)","2".
const questionsRow = csv.body
  .split('\r\n')
  .find((line) => line.startsWith('"ringkasan","pertanyaan",'))
const questions = Number(questionsRow?.split(',').at(-1)?.replaceAll('"', ''))

if (process.argv[4] === 'takeover') {
  const tickets = [...readFileSync(outputFile, 'utf8').matchAll(/TIK-\d{8}-\d{4,}/g)]
  const number = tickets.at(-1)?.[0]
  if (number === undefined) throw new Error('no ticket number in the terminal chat')
  await request(`/tiket/${number}`)
  const taken = await request(`/tiket/${number}/ambil-alih`, {})
  await request(`/tiket/${number}/percakapan`)
  const replied = await request(`/tiket/${number}/percakapan/balas`, {
    isi: 'Halo, ini petugas uji dari konsol.'
  })
  const handedBack = await request(`/tiket/${number}/kembalikan`, {})
  console.log(
    JSON.stringify({
      number,
      takeover: taken.status,
      reply: replied.status,
      handBack: handedBack.status
    })
  )
  process.exit(0)
}

const list = await request('/tinjauan')
const conversation = /href="\/tinjauan\/(\d+)"/.exec(list.body)?.[1]
let reviewEntry = 'no conversation listed'
if (conversation !== undefined) {
  const page = await request(`/tinjauan/${conversation}`)
  // The misunderstood message carries the "Tidak dipahami" badge; its NLU form names its index.
  const forms = [...page.body.matchAll(/<input type="hidden" name="pesan" value="(\d+)">/g)].map(
    (m) => m[1]
  )
  const misunderstood = forms.at(-1)
  const added =
    misunderstood === undefined
      ? { status: 0 }
      : await request(`/tinjauan/${conversation}/nlu`, {
          pesan: misunderstood,
          intent: 'out_of_scope'
        })
  reviewEntry = added.status === 303 ? 'added' : `HTTP ${added.status}`
}
console.log(JSON.stringify({ month, questions, conversation, reviewEntry }))
