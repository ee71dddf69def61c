import { sameSecret } from '../../src/secrets/same-secret'

describe('sameSecret', () => {
  it('When the presented value is the secret, then it matches', () => {
    expect(sameSecret('s3cret-token-0123456789', 's3cret-token-0123456789')).toBe(true)
  })

  it('When it differs in content, length or type, then it does not match', () => {
    expect(sameSecret('s3cret-token-0123456788', 's3cret-token-0123456789')).toBe(false)
    expect(sameSecret('s3cret', 's3cret-token-0123456789')).toBe(false)
    expect(sameSecret('', 's3cret-token-0123456789')).toBe(false)
    expect(sameSecret(undefined, 's3cret-token-0123456789')).toBe(false)
    expect(sameSecret(['s3cret-token-0123456789'], 's3cret-token-0123456789')).toBe(false)
  })
})
