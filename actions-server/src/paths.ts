import { resolve } from 'node:path'

/** actions-server/ (works from src/ under ts-jest and from dist/ after the build). */
export const PACKAGE_DIR = resolve(__dirname, '..')
export const EXAMPLE_KNOWLEDGE_FILE = resolve(PACKAGE_DIR, 'data', 'knowledge.example.yml')
export const EXAMPLE_DIRECTORY_FILE = resolve(PACKAGE_DIR, 'data', 'directory.example.yml')
/** Where the generated `sistem` NLU data goes (the Rasa project's data folder). */
export const GENERATED_NLU_FILE = resolve(
  PACKAGE_DIR,
  '..',
  'rasa-project',
  'data',
  'nlu-sistem.yml'
)
/** The repository root (`/app` in the Docker image). */
export const REPOSITORY_ROOT = resolve(PACKAGE_DIR, '..')
/** DATABASE_FILE's default, resolved against the repository root rather than the working directory. */
export const DEFAULT_DATABASE_FILE = resolve(REPOSITORY_ROOT, 'var', 'helpdesk.sqlite')
