/** The log scanner is the referee of the abuse suite: proven here on planted samples. */
import { redact, scanLine } from '../src/personal-data-scanner'

const kinds = (line: string): string[] => scanLine(line).map((f) => f.kind)

describe('personal-data scanner', () => {
  test.each([
    ['plain NIP', 'lookup 198503152010011001 done', 'nip'],
    ['NIP with dashes', '"text":"1985-0315-2010-01-1-001"', 'nip'],
    ['NIP in groups of four', 'nip 1985 0315 2010 0110 01', 'nip'],
    ['NIP with wide spacing', '1 9 8 5 0 3 1 5 2 0 1 0 0 1 1 0 0 1', 'nip'],
    ['NIP with tabs and newlines (JSON escapes)', '"msg":"1985\\t0315\\n2010\\r\\n011001"', 'nip'],
    ['NIP with dots', 'NIP: 1985.0315.2010.01.1.001', 'nip'],
    ['NIP in full-width digits', '"text":"１９８５０３１５２０１００１１００１"', 'nip'],
    [
      'NIP in JSON-escaped full-width digits',
      '"text":"\\uff11\\uff19\\uff18\\uff15\\uff10\\uff13\\uff11\\uff15\\uff12\\uff10\\uff11\\uff10\\uff10\\uff11\\uff11\\uff10\\uff10\\uff11"',
      'nip'
    ],
    ['NIP with non-breaking spaces', '1985\u00a00315\u00a02010\u00a001\u00a01\u00a0001', 'nip'],
    ['NIP glued to a word', 'nip198503152010011001', 'nip'],
    ['NIP inside a longer digit run', '99198503152010011001777', 'nip'],
    ['plain NIK', 'nik=3603121503850001', 'nik'],
    ['NIK of a woman (day + 40)', '3603126207870003', 'nik'],
    ['NIK with spaces', '3603 1215 0385 0001', 'nik'],
    ['NIK with dashes', '3603-1215-0385-0001', 'nik'],
    ['phone 08…', 'wa 085600000001', 'phone'],
    ['phone 08… with dashes', '0856-0000-0001', 'phone'],
    ['phone +62 with spaces', 'to: +62 856 0000 0001', 'phone'],
    ['phone 62…', '"recipient":"6285600000001"', 'phone'],
    ['phone without 0 or 62', 'nomor 85600000001', 'phone'],
    ['phone with non-breaking spaces', '0856\u00a00000\u00a00001', 'phone'],
    ['phone in full-width digits', '０８５６００００００１', 'phone'],
    ['+62 landline', '+62 21 5550 1234', 'phone'],
    ['e-mail', 'from budi.santoso@example.go.id', 'email'],
    ['e-mail with plus and subdomain', '"x":"a.b+tag@mail.dinas.example.go.id"', 'email'],
    ['e-mail in full-width @', 'budi＠example.go.id', 'email']
  ])('When a log line holds a %s, then it is found', (_name, line, kind) => {
    expect(kinds(line)).toContain(kind)
  })

  test.each([
    ['a ticket number', '{"level":30,"ticket":"TIK-20260615-0001","msg":"ticket opened"}'],
    ['a long ticket number', 'TIK-20261129-12345'],
    ['an ISO timestamp', '"at":"2026-11-29T17:25:09.123Z"'],
    ['a Python log timestamp', '2026-11-29 17:25:09,123 INFO rasa.core.agent - Loading model'],
    ['a date and time with spaces', '2026-11-29 17:25:09 started'],
    ['an epoch time in ms', '{"level":30,"time":1764430509123,"pid":4242,"hostname":"ci"}'],
    ['a Rasa event timestamp', '"timestamp":1764430512.873458'],
    ['a generated request id', '"request_id":"req-abcdefghijkmnpqr"'],
    ['a client request id with digits', '"request_id":"7c9e6679-7425-40de-944b-e07fc1f90ae7"'],
    ['a hex digest', 'model 3f81234567890abc81234567890def.tar.gz'],
    ['a masked NIP', 'identitas 1985***********001'],
    ['a masked NIK', '3603********0001'],
    ['a masked phone', 'to 0856****0001'],
    ['a masked e-mail', 'b***@example.go.id'],
    ['the masker placeholder', '[angka disamarkan]'],
    ['a version and an address', 'Rasa 3.6.21 on 127.0.0.1:5005, node v20.19.0'],
    ['durations and counts', '"responseTimeMs":12.3,"events":4,"bytes":1048576'],
    ['a response time whose fraction starts like 08…', '"responseTime":89.0890989999989'],
    ['a Telegram chat id in our tests', '"chat_id":700100200']
  ])('When a log line holds %s, then nothing is flagged', (_name, line) => {
    expect(scanLine(line)).toEqual([])
  })

  it('When a finding is reported, then the report shows only its first digits', () => {
    expect(redact('1985 0315 2010 01 1 001')).toBe('1985 #### #### ## # ###')
    expect(redact('budi.santoso@example.go.id')).toBe('bu***@example.go.id')
  })
})

describe('personal-data scanner cost', () => {
  test.each([['a'], ['0'], ['1985 0315 '], ['a@'], ['@a.'], ['x.y-']])(
    'When a 1 MB line repeats %j, then the scan takes well under a second',
    (unit) => {
      const line = unit.repeat(Math.ceil(1_000_000 / unit.length))
      const started = process.hrtime.bigint()

      scanLine(line)

      expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(1500)
    }
  )
})
