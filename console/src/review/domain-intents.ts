import yaml from 'js-yaml'
import { readFileSync } from 'node:fs'

/**
 * The intents a reviewer may assign: the `intents:` of the bot's Rasa domain (rasa-project/domain.yml),
 * read at each use so a merged change shows without a restart. An entry is a name or a one-key map
 * (`- greet: {use_entities: []}`). An unreadable domain gives an error the page shows.
 */
export function readDomainIntents(domainFile: string): string[] {
  const domain = yaml.load(readFileSync(domainFile, 'utf8')) as { intents?: unknown } | null
  const intents = domain?.intents
  if (!Array.isArray(intents)) throw new Error(`${domainFile} has no intents list`)
  return intents
    .map((entry: unknown) =>
      typeof entry === 'string'
        ? entry
        : typeof entry === 'object' && entry !== null
          ? (Object.keys(entry)[0] ?? '')
          : ''
    )
    .filter((name) => /^[A-Za-z0-9_]+$/.test(name))
}
