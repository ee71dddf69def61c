import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pino from 'pino'
import { composeActionServer } from '../src/composition'
import { loadConfig } from '../src/config'
import { EXAMPLE_DIRECTORY_FILE } from '../src/paths'

describe('composeActionServer', () => {
  let dir: string
  const logger = pino({ level: 'silent' })
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'deps-'))
  })
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true })
  })

  it('When nothing is configured but the database path, then the shipped examples, the outbox and the manual reset are used, the folder is created and every action is registered', async () => {
    const file = join(dir, 'nested', 'var', 'helpdesk.sqlite')
    const { deps, actions, close } = await composeActionServer(
      loadConfig({ DATABASE_FILE: file }),
      logger
    )
    try {
      expect(existsSync(file)).toBe(true)
      expect(deps.directory.kind).toBe('file')
      expect(deps.reset.kind).toBe('manual')
      expect(deps.knowledge.sistem.map((s) => s.id)).toContain('email_dinas')
      expect(deps.helpdeskWhatsapp).toBe('6285600000099')
      expect(deps.limits).toEqual({
        lookupsPerHour: 5,
        maxAttempts: 3,
        lookupsPerSubjectPerDay: 10,
        lookupsGlobalPerMinute: 60,
        resetRequestsPerDay: 3,
        resetRepeatWindowMs: 30 * 60 * 1000
      })
      expect((await deps.directory.findByNip('198503152010011001'))?.nama).toBe('Budi Santoso')
      expect(actions.map((action) => action.name)).toContain('action_reset_password')
    } finally {
      await close()
    }
  })

  it('When the HR API, the reset API and a helpdesk number are configured, then those providers are used', async () => {
    const { deps, close } = await composeActionServer(
      loadConfig({
        DATABASE_FILE: join(dir, 'h.sqlite'),
        DIRECTORY_API_URL: 'http://127.0.0.1:9/hr',
        RESET_PROVIDER: 'http',
        RESET_API_URL: 'http://127.0.0.1:9/reset',
        WHATSAPP_MODE: 'cloud',
        WHATSAPP_PHONE_NUMBER_ID: '1234567890',
        WHATSAPP_TOKEN: 'EAAG-test-token',
        HELPDESK_WHATSAPP: '6281100000000',
        IDENTITY_LOOKUPS_PER_HOUR: '10',
        IDENTITY_MAX_ATTEMPTS: '5'
      }),
      logger
    )
    try {
      expect(deps.directory.kind).toBe('http')
      expect(deps.reset.kind).toBe('http')
      expect(deps.helpdeskWhatsapp).toBe('6281100000000')
      expect(deps.limits).toMatchObject({ lookupsPerHour: 10, maxAttempts: 5 })
    } finally {
      await close()
    }
  })

  it('When a directory record is invalid, then the start stops with a one-line error naming record, field and rule but not the value', async () => {
    const broken = readFileSync(EXAMPLE_DIRECTORY_FILE, 'utf8').replace(
      'whatsapp: "6285600000003"',
      'whatsapp: "0856-0000-0003"'
    )
    const file = join(dir, 'directory.yml')
    writeFileSync(file, broken)
    const attempt = composeActionServer(
      loadConfig({ DATABASE_FILE: join(dir, 'h.sqlite'), DIRECTORY_FILE: file }),
      logger
    )
    await expect(attempt).rejects.toMatchObject({
      code: 'ACT_ERR_DATA_FILE',
      message: `directory ${file} invalid: record 2, field whatsapp: must match ^\\d{8,15}$`
    })
    await expect(attempt).rejects.not.toMatchObject({
      message: expect.stringContaining('0856-0000-0003')
    })
  })

  it('When the knowledge base is not YAML, then the start stops naming the file and the line', async () => {
    const file = join(dir, 'kb.yml')
    writeFileSync(file, 'versi: 1\nsistem: [\n')
    await expect(
      composeActionServer(
        loadConfig({ DATABASE_FILE: join(dir, 'h.sqlite'), KNOWLEDGE_FILE: file }),
        logger
      )
    ).rejects.toMatchObject({
      code: 'ACT_ERR_DATA_FILE',
      message: `knowledge base file ${file} is not valid YAML at line 3`
    })
  })
})
