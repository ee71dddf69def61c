/** NIP, NIK, phone numbers and e-mail addresses never reach a log line: masked in messages, objects, errors and URLs. */
import { MAX_MASKED_LENGTH, capText, maskJsonLine, maskPersonalData } from '../../src/logging/mask'
import { captureLogs } from '../helpers/capture-logs'

describe('maskPersonalData', () => {
  test.each([
    ['NIP 198503152010011001 ditemukan', 'NIP **************1001 ditemukan'],
    ['NIP 19850315 201001 1 001', 'NIP ******** ****** 1 001'],
    ['NIK 3603121503850001.', 'NIK ************0001.'],
    ['kirim ke 081234567890', 'kirim ke ********7890'],
    ['kirim ke 0812-3456-7890', 'kirim ke ****-****-7890'],
    ['wa.me/6285600000001?text=x', 'wa.me/*********0001?text=x'],
    ['nomor +62 856 0000 0001', 'nomor +** *** **** 0001'],
    ['17 digit typo 19850315201001100', '17 digit typo *************1100'],
    ['NIP 198503152010011001 dan HP 081234567890', 'NIP **************1001 dan HP ********7890'],
    ['nip 19850315.201001.1.001', 'nip ********.******.1.001'],
    ['nik 3204.1156.0997.0001', 'nik ****.****.****.0001'],
    ['hp 0856.0000.0001', 'hp ****.****.0001'],
    ['19850315/201001/1/001', '********/******/1/001'],
    ['(0856) 0000 0001', '(****) **** 0001'],
    ['(+62) 856 0000 0001', '(+**) *** **** 0001'],
    ['0856  0000  0001', '****  ****  0001'],
    ['+62 856-0000-0001', '+** ***-****-0001'],
    ['tiket TIK-20261125-0001 ke 0856 0000 0001', 'tiket TIK-20261125-0001 ke **** **** 0001'],
    ['TIK-20261125-0001 0856.0000.0001', 'TIK-20261125-0001 ****.****.0001'],
    ['percobaan 3 0812 3456 7890', 'percobaan 3 **** **** 7890']
  ])('When the text is %j, then it becomes %j', (input, output) => {
    expect(maskPersonalData(input)).toBe(output)
  })

  test.each([
    'tiket TIK-20260115-0001',
    'percobaan 3 dari 3',
    'tanggal 2026-01-15 jam 10',
    'port 5055',
    'time 1764081234567',
    'tiket TIK-20261125-0001',
    'tanggal 2026-11-25 10.30',
    '25/11/2026 10:30',
    'versi 3.6.2',
    'ip 192.168.100.200'
  ])('When the text is ordinary (%j), then it is unchanged', (input) => {
    expect(maskPersonalData(input)).toBe(input)
  })

  // Every spelling the bot itself accepts as an NIP/NIK or a phone number (issue 11.6).
  test.each([
    ['NIP with dashes', 'NIP 19850315-201001-1-001', 'NIP ********-******-1-001'],
    ['NIP with en dashes', 'NIP 19850315–201001–1–001', 'NIP ********–******–1–001'],
    ['NIP with tabs', 'NIP\t19850315\t201001\t1\t001', 'NIP\t********\t******\t1\t001'],
    [
      'NIP over several lines',
      'NIP saya:\n19850315\n201001\n1\n001',
      'NIP saya:\n********\n******\n1\n001'
    ],
    [
      'NIP with wide spacing',
      '19850315      201001      1      001',
      '********      ******      1      001'
    ],
    ['NIP in groups of four', 'nip 1985 0315 2010 0110 01', 'nip **** **** **** **10 01'],
    [
      'NIP in full-width digits',
      'NIP １９８５０３１５２０１００１１００１',
      'NIP **************１００１'
    ],
    [
      'NIP in full-width digits with spaces',
      '１９８５０３１５ ２０１００１ １ ００１',
      '******** ****** １ ００１'
    ],
    ['NIP with full-width dashes', '19850315－201001－1－001', '********－******－1－001'],
    [
      'NIK with no-break spaces',
      'NIK 3204\u00a01156\u00a00997\u00a00001',
      'NIK ****\u00a0****\u00a0****\u00a00001'
    ],
    ['phone with no-break spaces', 'hp 0856\u00a00000\u00a00001', 'hp ****\u00a0****\u00a00001'],
    [
      'phone with narrow no-break spaces',
      'hp 0856\u202f0000\u202f0001',
      'hp ****\u202f****\u202f0001'
    ],
    [
      'phone with +62 and no-break spaces',
      'wa +62\u00a0856\u00a00000\u00a00001',
      'wa +**\u00a0***\u00a0****\u00a00001'
    ],
    ['phone without the leading 0', 'nomor 85600000001', 'nomor *******0001'],
    ['phone without the leading 0, spaced', 'nomor 856 0000 0001', 'nomor *** **** 0001'],
    ['phone without the leading 0, dashed', 'nomor 812-3456-7890', 'nomor ***-****-7890'],
    ['phone in full-width digits', 'hp ０８５６００００００１', 'hp *******０００１'],
    ['e-mail address', 'kirim ke budi.santoso@example.go.id ya', 'kirim ke b***@example.go.id ya'],
    [
      'e-mail address ending a sentence',
      'E-mail: Budi_S+tte@mail.kemenkeu.go.id.',
      'E-mail: B***@mail.kemenkeu.go.id.'
    ],
    ['e-mail address made of an NIP', '198503152010011001@gmail.com', '1***@gmail.com'],
    ['two e-mail addresses', 'a.b@x.co.id, c@y.com', 'a***@x.co.id, c***@y.com']
  ])('When the text holds this spelling (%s), then it is masked', (_spelling, input, output) => {
    expect(maskPersonalData(input)).toBe(output)
  })

  test.each([
    'tiket TIK-20261125-0001 dan TIK-20261126-0123',
    'pukul 08.30 WIB',
    'langkah 1 2 3 4 5',
    'versi 3.6.21',
    'tanggal 2026-11-25\t10:30',
    'jumlah 812 pesan',
    'durasi 8 detik',
    'kirim ke @helpdesk',
    'user@localhost',
    'percobaan 3 dari 3\n\npercobaan 2 dari 3'
  ])('When the text is ordinary in a new way (%j), then it is unchanged', (input) => {
    expect(maskPersonalData(input)).toBe(input)
  })
})

describe('masking cost and length (issue 11.1): client text is capped and scanned once', () => {
  test.each([
    ['digits and spaces', '1 '.repeat(50000)],
    ['digits and dashes', '1-'.repeat(50000)],
    ['long digit runs', ('9'.repeat(21) + ' ').repeat(5000)],
    ['phone-like groups', '0812 3456 7890 x '.repeat(6000)],
    ['at signs', 'a@'.repeat(50000)],
    ['letters', 'x'.repeat(100000)]
  ])(
    'When a value of %s is 100 KB long, then the masked text is at most MAX_MASKED_LENGTH plus a marker saying how much was cut',
    (_what, input) => {
      const masked = maskPersonalData(input)
      expect(masked.length).toBeLessThanOrEqual(MAX_MASKED_LENGTH + 40)
      expect(masked).toMatch(/…\[\d+ more characters cut\]$/)
      // no piece of a long number left readable
      expect(/\d{5}/.test(masked.replace(/…\[\d+ more characters cut\]$/, ''))).toBe(false)
    }
  )

  test('When a long text is cut in the middle of an NIP, then no digit of that NIP is left', () => {
    const text = 'a'.repeat(MAX_MASKED_LENGTH - 6) + ' 198503152010011001 sisanya'
    const masked = maskPersonalData(text)
    expect(masked).toBe('a'.repeat(MAX_MASKED_LENGTH - 6) + '…[27 more characters cut]')
  })

  test('When a text fits, then capText leaves it alone; when it does not, it says how much was cut', () => {
    expect(capText('action_sapa', 128)).toBe('action_sapa')
    expect(capText('x'.repeat(200), 128)).toBe('x'.repeat(128) + '…[72 more characters cut]')
  })

  test('When a JSON log line holds a huge string, then the line stays valid JSON and the value is capped and masked', () => {
    const line = JSON.stringify({ msg: 'NIP 198503152010011001 ' + '\tx'.repeat(40000), n: 1 })
    const entry = JSON.parse(maskJsonLine(line)) as { msg: string; n: number }
    expect(entry.n).toBe(1)
    expect(entry.msg.startsWith('NIP **************1001 ')).toBe(true)
    expect(entry.msg.length).toBeLessThanOrEqual(MAX_MASKED_LENGTH + 40)
  })
})

describe('maskJsonLine', () => {
  test('When a personal number is a bare JSON number, then it becomes a masked string and the line stays valid JSON', () => {
    const line = JSON.stringify({
      time: 1764081234567,
      nik: 3603121503850001,
      msg: 'ok "x" 198503152010011001'
    })

    const masked = maskJsonLine(line)

    expect(JSON.parse(masked)).toEqual({
      time: 1764081234567,
      nik: '************0001',
      msg: 'ok "x" **************1001'
    })
  })

  test('When a string value holds escaped tabs or line breaks between digit groups, then the number is still masked', () => {
    const line = JSON.stringify({
      msg: 'NIP\t19850315\t201001\t1\t001',
      text: '0856\n0000\n0001',
      email: 'budi@example.go.id'
    })

    expect(JSON.parse(maskJsonLine(line))).toEqual({
      msg: 'NIP\t********\t******\t1\t001',
      text: '****\n****\n0001',
      email: 'b***@example.go.id'
    })
  })
})

describe('createLogger masking', () => {
  test('When messages, objects, nested values and errors hold personal numbers, then every line is masked', () => {
    const logs = captureLogs('info')

    logs.logger.info('lookup NIP 198503152010011001 for 081234567890')
    logs.logger.info(
      {
        pegawai: {
          nik: '3603121503850001',
          whatsapp: '6285600000001',
          list: ['198503152010011001']
        }
      },
      'found'
    )
    logs.logger.error(
      { err: new Error('no directory entry for 198503152010011001') },
      'lookup failed'
    )
    logs.logger.child({ sender: '6285600000001' }).info('child binding')

    const all = logs.lines.join('')
    for (const secret of [
      '198503152010011001',
      '3603121503850001',
      '6285600000001',
      '081234567890'
    ]) {
      expect(all).not.toContain(secret)
    }
    const entries = logs.entries()
    expect(entries[0]?.msg).toBe('lookup NIP **************1001 for ********7890')
    expect(entries[1]?.pegawai).toEqual({
      nik: '************0001',
      whatsapp: '*********0001',
      list: ['**************1001']
    })
    expect((entries[2]?.err as { message: string }).message).toBe(
      'no directory entry for **************1001'
    )
    expect(entries[3]?.sender).toBe('*********0001')
  })

  test('When a token or Authorization header is logged, then it is redacted', () => {
    const logs = captureLogs('info')

    logs.logger.info({ token: 'abc', headers: { authorization: 'Bearer abc' } }, 'x')

    expect(logs.entries()[0]).toMatchObject({
      token: '[redacted]',
      headers: { authorization: '[redacted]' }
    })
  })
})
