import js from '@eslint/js'
import tseslint from 'typescript-eslint'

/**
 * Each service owns its `src/`; what two services need lives in @helpdesk/core and is imported by
 * its package name. A relative import into another service's (or the core's) src/ is an error.
 */
export const SERVICE_BOUNDARY = {
  patterns: [
    {
      group: [
        '**/actions-server/src',
        '**/actions-server/src/**',
        '**/gateway/src',
        '**/gateway/src/**',
        '**/console/src',
        '**/console/src/**',
        '**/helpdesk-core/src',
        '**/helpdesk-core/src/**'
      ],
      message:
        "Import shared code from '@helpdesk/core' (packages/helpdesk-core), never another service's src/."
    }
  ]
}

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '.venv-rasa/**',
      'rasa-project/**',
      'coverage/**',
      '**/*.js',
      '**/*.mjs'
    ]
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
      ],
      '@typescript-eslint/no-restricted-imports': ['error', SERVICE_BOUNDARY]
    }
  },
  {
    files: ['**/test/**/*.ts', 'e2e/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' }
  }
)
