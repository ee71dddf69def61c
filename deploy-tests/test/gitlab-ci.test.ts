/**
 * .gitlab-ci.yml: valid against GitLab's own CI schema (the copy bundled in gitlab-ci-local) and
 * shaped as the mission asks: validate → test → train → build → deploy, jobs calling the
 * developers' scripts, the model kept as an artifact, a manual deploy on the default branch.
 */
import { asRecord, readRepoFile, readYaml, repoFileExists } from './support/repo'
import { describeErrors, gitlabCiSchemaValidator } from './support/schemas'

const pipeline = asRecord(readYaml('.gitlab-ci.yml'), '.gitlab-ci.yml')
const RESERVED = new Set([
  'stages',
  'variables',
  'default',
  'workflow',
  'include',
  'image',
  'services',
  'cache',
  'before_script',
  'after_script'
])
const jobs = Object.fromEntries(
  Object.entries(pipeline)
    .filter(([name]) => !RESERVED.has(name) && !name.startsWith('.'))
    .map(([name, job]) => [name, asRecord(job, name)])
)

/** A job with its `extends` template merged in (one level, as used here). */
function job(name: string): Record<string, unknown> {
  const own = jobs[name]
  if (own === undefined) throw new Error(`no job ${name}`)
  const parent = typeof own.extends === 'string' ? asRecord(pipeline[own.extends], own.extends) : {}
  return { ...parent, ...own }
}

function scriptOf(name: string): string {
  const j = job(name)
  return [...((j.before_script as string[] | undefined) ?? []), ...(j.script as string[])].join(
    '\n'
  )
}

describe('.gitlab-ci.yml', () => {
  it("is valid against GitLab's CI schema", () => {
    const validate = gitlabCiSchemaValidator()
    const ok = validate(pipeline)
    expect(describeErrors(validate.errors)).toEqual([])
    expect(ok).toBe(true)
  })

  it('is rejected by that schema when a job has an unknown `when`', () => {
    const validate = gitlabCiSchemaValidator()
    const broken = structuredClone(pipeline)
    asRecord(broken['deploy:production'], 'deploy').rules = [
      { if: '$CI_COMMIT_BRANCH', when: 'sometimes' }
    ]
    expect(validate(broken)).toBe(false)
  })

  it('has the five stages in order and every job in one of them', () => {
    expect(pipeline.stages).toEqual(['validate', 'test', 'train', 'build', 'deploy'])
    const byStage = Object.keys(jobs).map((name) => [name, job(name).stage])
    expect(byStage).toEqual([
      ['validate:lint', 'validate'],
      ['validate:rasa-data', 'validate'],
      ['test', 'test'],
      ['train', 'train'],
      ['build:images', 'build'],
      ['deploy:production', 'deploy']
    ])
  })

  it('lints and validates the Rasa data with the scripts developers run', () => {
    expect(scriptOf('validate:lint')).toContain('npm run lint')
    expect(scriptOf('validate:rasa-data')).toContain('bash scripts/rasa.sh validate')
    expect(job('validate:rasa-data').image).toEqual({ name: '$RASA_IMAGE', entrypoint: [''] })
    expect(asRecord(pipeline.variables, 'variables').RASA_IMAGE).toBe('rasa/rasa:3.6.21-full')
  })

  it('runs the README test command (which includes newman) and keeps its reports', () => {
    expect(job('test').script).toEqual(['npm test'])
    expect(asRecord(asRecord(job('test').artifacts, 'artifacts').reports, 'reports').junit).toBe(
      'reports/*.xml'
    )
  })

  it('trains in the Rasa image and keeps the model as an artifact', () => {
    expect(scriptOf('train')).toContain('bash scripts/rasa.sh train')
    expect(asRecord(job('train').artifacts, 'artifacts').paths).toEqual([
      'rasa-project/models/helpdesk.tar.gz'
    ])
  })

  it('builds the three images from their Dockerfiles and pushes them to the project registry', () => {
    const build = job('build:images')
    expect(build.parallel).toEqual({
      matrix: [{ SERVICE: ['actions-server', 'gateway', 'console'] }]
    })
    const script = scriptOf('build:images')
    expect(script).toContain('--dockerfile "$CI_PROJECT_DIR/$SERVICE/Dockerfile"')
    expect(script).toContain('--destination $CI_REGISTRY_IMAGE/$SERVICE:$CI_COMMIT_SHORT_SHA')
    for (const service of ['actions-server', 'gateway', 'console'])
      expect(repoFileExists(service, 'Dockerfile')).toBe(true)
  })

  it('deploys manually, from the default branch only, with scripts/deploy.sh and the trained model', () => {
    const deploy = job('deploy:production')
    expect(deploy.rules).toEqual([
      { if: '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH', when: 'manual' }
    ])
    expect(deploy.needs).toEqual(['train', 'build:images'])
    expect(scriptOf('deploy:production')).toContain('bash scripts/deploy.sh')
    expect(repoFileExists('scripts', 'deploy.sh')).toBe(true)
  })

  it('keeps the npm and pip caches under the project directory', () => {
    const variables = asRecord(pipeline.variables, 'variables')
    expect(variables.npm_config_cache).toBe('$CI_PROJECT_DIR/.cache/npm')
    expect(variables.PIP_CACHE_DIR).toBe('$CI_PROJECT_DIR/.cache/pip')
  })

  it('calls only npm scripts that package.json defines and repository scripts that exist', () => {
    const scripts = asRecord(JSON.parse(readRepoFile('package.json')), 'package.json')
      .scripts as Record<string, string>
    const commands = Object.keys(jobs).map(scriptOf).join('\n')
    const npmScripts = [...commands.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]!)
    expect(npmScripts.length).toBeGreaterThan(0)
    expect(npmScripts.filter((name) => scripts[name] === undefined)).toEqual([])
    const files = [...commands.matchAll(/bash (scripts\/[\w.-]+)/g)].map((m) => m[1]!)
    expect(files).toEqual(expect.arrayContaining(['scripts/rasa.sh', 'scripts/deploy.sh']))
    expect(files.filter((file) => !repoFileExists(file))).toEqual([])
  })

  it('runs Node 22 LTS at the exact release the Dockerfiles use, and Python 3.10 by exact tag', () => {
    const variables = asRecord(pipeline.variables, 'variables')
    const version = String(variables.NODE_VERSION)
    expect(version).toMatch(/^22\.\d+\.\d+$/)
    expect(variables.NODE_IMAGE).toBe(`node:${version}-bookworm`)
    expect(variables.PYTHON_IMAGE).toMatch(/^python:3\.10\.\d+-bookworm$/)
    expect(job('test').image).toBe('$PYTHON_IMAGE')
    expect(scriptOf('test')).toContain('https://nodejs.org/dist/v${NODE_VERSION}/SHASUMS256.txt')
    for (const file of ['actions-server/Dockerfile', 'gateway/Dockerfile']) {
      expect(readRepoFile(file)).toContain(`ARG NODE_IMAGE=node:${version}-bookworm-slim\n`)
    }
  })
})
