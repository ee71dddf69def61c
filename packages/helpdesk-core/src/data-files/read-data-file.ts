import { readFileSync } from 'node:fs'
import { extname } from 'node:path'
import yaml from 'js-yaml'
import { DataFileError } from './data-file-error'

/** Reads a YAML or JSON file (chosen by extension; YAML otherwise) into plain data. */
export function readDataFile(file: string, kind: string): unknown {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (err) {
    throw new DataFileError(
      `${kind} file ${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
      { cause: err }
    )
  }
  try {
    return extname(file).toLowerCase() === '.json'
      ? JSON.parse(text)
      : yaml.load(text, { schema: yaml.CORE_SCHEMA })
  } catch (err) {
    const where =
      err instanceof yaml.YAMLException && err.mark !== undefined
        ? ` at line ${err.mark.line + 1}`
        : ''
    throw new DataFileError(
      `${kind} file ${file} is not valid ${extname(file) === '.json' ? 'JSON' : 'YAML'}${where}`,
      { cause: err }
    )
  }
}
