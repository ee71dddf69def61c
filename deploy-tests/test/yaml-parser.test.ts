/**
 * js-yaml is the YAML parser of these tests (readYaml: compose anchors and `<<` merges need its
 * DEFAULT_SCHEMA) and of the Telegram e2e scripts. Before 4.1.1 a merged `__proto__` key
 * replaced the parsed object's prototype (GHSA-mh29-5h37-fv8m); the pinned version must not.
 */
import yaml from 'js-yaml'

describe('js-yaml', () => {
  it('keeps the plain Object prototype when a document merges a __proto__ key', () => {
    const parsed = yaml.load('nama: helpdesk\n<<:\n  __proto__:\n    admin: true\n') as Record<
      string,
      unknown
    >

    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype)
    expect(parsed.admin).toBeUndefined()
  })

  it('still applies ordinary merges (compose files rely on them)', () => {
    expect(yaml.load('base: &b {restart: always}\nsvc:\n  <<: *b\n  image: x\n')).toEqual({
      base: { restart: 'always' },
      svc: { restart: 'always', image: 'x' }
    })
  })
})
