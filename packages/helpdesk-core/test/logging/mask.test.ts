/** NIP, NIK and phone numbers never reach a log line: masked in messages, objects, errors and URLs. */
import { maskJsonLine, maskPersonalData } from '../../src/logging/mask'
import { captureJsonLogs } from '../helpers/json-log-capture'

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
    'tiket TIK-20260115-0001', 'percobaan 3 dari 3', 'tanggal 2026-01-15 jam 10', 'port 5055', 'time 1764081234567',
    'tiket TIK-20261125-0001', 'tanggal 2026-11-25 10.30', '25/11/2026 10:30', 'versi 3.6.2', 'ip 192.168.100.200'
  ])('When the text is ordinary (%j), then it is unchanged', (input) => {
    expect(maskPersonalData(input)).toBe(input)
  })
})

describe('maskJsonLine', () => {
  test('When a personal number is a bare JSON number, then it becomes a masked string and the line stays valid JSON', () => {
    const line = JSON.stringify({ time: 1764081234567, nik: 3603121503850001, msg: 'ok "x" 198503152010011001' })

    const masked = maskJsonLine(line)

    expect(JSON.parse(masked)).toEqual({ time: 1764081234567, nik: '************0001', msg: 'ok "x" **************1001' })
  })
})

describe('createLogger masking', () => {
  test('When messages, objects, nested values and errors hold personal numbers, then every line is masked', () => {
    const logs = captureJsonLogs('info')

    logs.logger.info('lookup NIP 198503152010011001 for 081234567890')
    logs.logger.info({ pegawai: { nik: '3603121503850001', whatsapp: '6285600000001', list: ['198503152010011001'] } }, 'found')
    logs.logger.error({ err: new Error('no directory entry for 198503152010011001') }, 'lookup failed')
    logs.logger.child({ sender: '6285600000001' }).info('child binding')

    const all = logs.lines.join('')
    for (const secret of ['198503152010011001', '3603121503850001', '6285600000001', '081234567890']) {
      expect(all).not.toContain(secret)
    }
    const entries = logs.entries()
    expect(entries[0]?.msg).toBe('lookup NIP **************1001 for ********7890')
    expect(entries[1]?.pegawai).toEqual({ nik: '************0001', whatsapp: '*********0001', list: ['**************1001'] })
    expect((entries[2]?.err as { message: string }).message).toBe('no directory entry for **************1001')
    expect(entries[3]?.sender).toBe('*********0001')
  })

  test('When a token or Authorization header is logged, then it is redacted', () => {
    const logs = captureJsonLogs('info')

    logs.logger.info({ token: 'abc', headers: { authorization: 'Bearer abc' } }, 'x')

    expect(logs.entries()[0]).toMatchObject({ token: '[redacted]', headers: { authorization: '[redacted]' } })
  })
})
