import { liveTranscriptLines, TAKEOVER_TRANSCRIPT } from '../src/pages/conversation-page'
import { parseRasaEvents, buildTranscript, renderTranscript } from '../src/transcript'
import { action, agent, bot, pause, resume, sessionStart, slot, user } from './support/rasa-events'

// 2026-06-15 03:00:00 UTC = 10.00 WIB
const T0 = Date.UTC(2026, 5, 15, 3, 0, 0) / 1000

const conversation = [
  ...sessionStart(T0),
  user(T0 + 60, 'lupa password simpeg, nip saya 198503152010011001', 'lupa_password', 0.934),
  action(T0 + 61, 'lupa_password_form'),
  slot(T0 + 61, 'identitas', '198503152010011001'),
  bot(T0 + 62, 'Untuk sistem apa?', [{ title: 'SIMPEG', payload: '/inform{"sistem":"simpeg"}' }]),
  user(T0 + 120, 'asdf <script>alert(1)</script>', 'nlu_fallback', 0.41),
  action(T0 + 121, 'action_fallback'),
  bot(T0 + 121, 'Maaf, saya belum mengerti.'),
  user(T0 + 180, 'mau bicara dengan orang', 'minta_petugas', 0.88),
  action(T0 + 181, 'action_hubungi_petugas'),
  pause(T0 + 240),
  bot(T0 + 250, 'Halo, saya Rina dari helpdesk.', [], { petugas: 'rina' }),
  user(T0 + 300, 'terima kasih, email saya budi.santoso@example.go.id', 'thanks', 0.99),
  agent(T0 + 310, 'Sudah saya bantu reset.'),
  resume(T0 + 400),
  bot(T0 + 401, 'Ada lagi yang bisa saya bantu?')
]

describe('transcript of Rasa events', () => {
  const entries = buildTranscript(parseRasaEvents(conversation))
  const page = renderTranscript(entries).value

  it('names the speaker of every message in words: user, bot, staff', () => {
    expect(entries.filter((e) => e.kind === 'user')).toHaveLength(4)
    expect(entries.filter((e) => e.kind === 'bot').map((e) => e.kind === 'bot' && e.text)).toEqual([
      'Untuk sistem apa?',
      'Maaf, saya belum mengerti.',
      'Ada lagi yang bisa saya bantu?'
    ])
    const staff = entries.filter((e) => e.kind === 'staff')
    expect(staff).toEqual([
      expect.objectContaining({ text: 'Halo, saya Rina dari helpdesk.', staff: 'rina' }),
      expect.objectContaining({ text: 'Sudah saya bantu reset.' })
    ])
    expect(page).toContain('<span class="speaker">Pengguna</span>')
    expect(page).toContain('<span class="speaker">Bot</span>')
    expect(page).toContain('<span class="speaker">Petugas (rina)</span>')
  })

  it('shows times in WIB and the intent with its confidence', () => {
    expect(page).toContain(
      '<time datetime="2026-06-15T03:01:00.000Z" title="15 Juni 2026 pukul 10.01 WIB">10.01 WIB</time>'
    )
    expect(page).toContain('intent <code>lupa_password</code> (keyakinan 0,93)')
  })

  it('marks the messages the bot did not understand', () => {
    const users = entries.filter((e) => e.kind === 'user')
    expect(users.map((e) => e.kind === 'user' && e.notUnderstood)).toEqual([
      false,
      true,
      false,
      false
    ])
    expect(page.match(/Tidak dipahami/g)).toHaveLength(1)
  })

  it('brackets the takeover with marked separators', () => {
    const kinds = entries.map((e) => e.kind)
    expect(kinds.indexOf('takeover_start')).toBeLessThan(kinds.indexOf('staff'))
    expect(kinds.lastIndexOf('staff')).toBeLessThan(kinds.indexOf('takeover_end'))
    expect(page).toContain('Petugas mengambil alih percakapan')
    expect(page).toContain('Percakapan dikembalikan ke bot')
  })

  it('masks NIP, NIK, phone and e-mail and escapes HTML in what the user typed', () => {
    expect(page).not.toContain('198503152010011001')
    expect(page).toContain('**************1001')
    expect(page).not.toContain('budi.santoso@')
    expect(page).toContain('b***@example.go.id')
    expect(page).not.toContain('<script>')
    expect(page).toContain('&lt;script&gt;')
  })

  it('lists the actions the bot ran, never action_listen, and the buttons it offered', () => {
    expect(page).toContain('aksi <code>action_hubungi_petugas</code>')
    expect(page).not.toContain('action_listen')
    expect(page).toContain('<li>SIMPEG</li>')
  })

  it('keeps an unknown event kind and junk out of the way instead of failing', () => {
    const odd = parseRasaEvents([
      { event: 'active_loop', timestamp: T0, name: 'x' },
      42,
      null,
      { foo: 1 }
    ])
    expect(odd).toEqual([{ event: 'other', type: 'active_loop', timestamp: T0, name: 'x' }])
    expect(renderTranscript(buildTranscript(odd)).value).toContain('belum berisi pesan')
  })
})

describe('a live takeover in the transcript (the console writes who, in the events metadata)', () => {
  const takeover = [
    user(T0, 'mau bicara dengan orang', 'minta_petugas', 0.9),
    pause(T0 + 10, { staff: 'budi', takeover: 3 }),
    agent(T0 + 11, 'Halo, saya budi, petugas helpdesk.', { staff: 'budi', takeover: 3 }),
    user(T0 + 20, 'printer rusak, hp saya 081234567890', 'lapor_gangguan', 0.7),
    agent(T0 + 30, 'budi (petugas): Baik, teknisi segera datang.', { staff: 'budi' }),
    resume(T0 + 40, { staff: 'budi', takeover: 3 })
  ]
  const page = renderTranscript(
    buildTranscript(parseRasaEvents(takeover), TAKEOVER_TRANSCRIPT)
  ).value

  it('names who took over and gave back, and each staff line once: "Petugas (budi)", not the chat signature', () => {
    expect(page).toContain('<strong>Percakapan diambil alih oleh budi</strong>')
    expect(page).toContain('<strong>Percakapan dikembalikan ke bot (budi)</strong>')
    expect(page.match(/<span class="speaker">Petugas \(budi\)<\/span>/g)).toHaveLength(2)
    expect(page).toContain('<p class="says">Baik, teknisi segera datang.</p>')
    expect(page).not.toContain('budi (petugas):')
  })

  it('shows staff taking over what the user wrote, unmasked, without the bot bookkeeping', () => {
    expect(page).toContain('081234567890')
    expect(page).not.toContain('aksi <code>')
  })

  it('streams only the events after the page, as the very list items the page renders', () => {
    const lines = liveTranscriptLines(takeover, T0 + 11)
    expect(lines.map((l) => [l.kind, l.text])).toEqual([
      ['user', 'printer rusak, hp saya 081234567890'],
      ['staff', 'Baik, teknisi segera datang.'],
      ['takeover_end', undefined]
    ])
    for (const line of lines) expect(page).toContain(line.html)
    expect(lines[1]!.html).toMatch(/^<li class="turn turn-staff">/)
  })

  it('reads a bot message that comes while taken over as staff, also on the live stream', () => {
    const [line] = liveTranscriptLines([bot(T0 + 50, 'Pesan dari petugas.')], T0)
    expect(line!.kind).toBe('staff')
    expect(line!.html).toContain('<span class="speaker">Petugas</span>')
  })
})
