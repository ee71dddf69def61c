import { maskEmail, maskName, maskNik, maskNip, maskPhone } from '../../src/identity'

describe('masking', () => {
  it.each([
    ['Budi Santoso', 'B*** S******'],
    ['  Siti  Aminah ', 'S*** A*****'],
    ['Ni Luh Putu Ayu', 'N* L** P*** A**'],
    ['Ésa', 'É**']
  ])('When the name is %p, then it is shown as %p', (name, masked) => {
    expect(maskName(name)).toBe(masked)
  })

  it.each([
    ['6285600000001', '0856****0001'],
    ['+62 856-0000-0001', '0856****0001'],
    ['081234567890', '0812****7890'],
    ['62812345678901', '0812*****8901'],
    ['12345', '*****']
  ])('When the phone is %p, then it is shown as %p', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked)
  })

  it('When an NIP, NIK or e-mail is masked, then only the ends remain', () => {
    expect(maskNip('198503152010011001')).toBe('1985***********001')
    expect(maskNik('3603121503850001')).toBe('3603********0001')
    expect(maskEmail('budi.santoso@example.go.id')).toBe('b***@example.go.id')
    expect(maskEmail('no-at-sign')).toBe('***')
  })
})
