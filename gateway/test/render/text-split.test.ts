import { MAX_TEXT, splitText } from '../../src/render/text-split'

describe('splitText', () => {
  test('When text fits, then it is sent as one part (trimmed)', () => {
    expect(splitText('  Halo!  ')).toEqual(['Halo!'])
  })

  test('When text is blank, then there is nothing to send', () => {
    expect(splitText(' \n ')).toEqual([])
  })

  test('When words exceed the limit, then the cut falls between words and nothing is lost', () => {
    const words = Array.from({ length: 3000 }, (_, i) => `kata${i}`)
    const text = words.join(' ')
    const parts = splitText(text)
    expect(parts.length).toBe(Math.ceil(text.length / MAX_TEXT))
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(MAX_TEXT)
    expect(parts.join(' ')).toBe(text)
    for (const part of parts) expect(part).toMatch(/^kata\d+( kata\d+)*$/)
  })

  test('When paragraphs exist, then the cut prefers a paragraph break', () => {
    const first = 'a'.repeat(3000)
    const second = 'b '.repeat(1000).trim()
    expect(splitText(`${first}\n\n${second}`)).toEqual([first, second])
  })

  test('When there is no whitespace, then it is cut hard at the limit', () => {
    const text = 'x'.repeat(MAX_TEXT * 2 + 5)
    expect(splitText(text).map((p) => p.length)).toEqual([MAX_TEXT, MAX_TEXT, 5])
  })

  test('When the hard cut would fall inside a surrogate pair (emoji), then the pair stays whole', () => {
    const text = 'x'.repeat(MAX_TEXT - 1) + '😀' + 'y'.repeat(10)
    const parts = splitText(text)
    expect(parts).toEqual(['x'.repeat(MAX_TEXT - 1), '😀' + 'y'.repeat(10)])
    expect(parts.join('')).toBe(text)
  })

  test('When a custom limit is given (captions), then it is used', () => {
    expect(splitText('aa bb cc', 5)).toEqual(['aa bb', 'cc'])
  })
})
