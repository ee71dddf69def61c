import type { KnowledgeBase } from '@helpdesk/core'

/** Terms Rasa reads verbatim from a block scalar: letters, digits, spaces, dots, dashes. */
const PLAIN_TERM = /^[\p{L}\d][\p{L}\d .-]*$/u

/**
 * Rasa 3.x NLU training data for the `sistem` entity, generated from the knowledge base:
 * one `synonym:` block per system (its display name and synonyms → its id) and a `lookup: sistem`
 * table with every term. Deterministic, so a test can check the committed file is current.
 */
export function generateNlu(kb: KnowledgeBase, sourceLabel: string): string {
  const lines: string[] = [
    `# generated from ${sourceLabel} by \`npm run generate:nlu -w actions-server\` — do not edit;`,
    '# change the knowledge base, regenerate, then retrain Rasa.',
    'version: "3.1"',
    'nlu:'
  ]
  const lookup: string[] = []
  for (const system of kb.sistem) {
    const terms = uniqueLower([system.nama, ...system.sinonim]).filter(
      (t) => t !== system.id && PLAIN_TERM.test(t)
    )
    // ids like `email_dinas` are not typed by users; their spoken forms are among the terms
    if (PLAIN_TERM.test(system.id)) lookup.push(system.id)
    lookup.push(...terms)
    if (terms.length === 0) continue
    lines.push(`- synonym: ${system.id}`, '  examples: |')
    for (const term of terms) lines.push(`    - ${term}`)
  }
  lines.push('- lookup: sistem', '  examples: |')
  for (const term of uniqueLower(lookup)) lines.push(`    - ${term}`)
  return lines.join('\n') + '\n'
}

function uniqueLower(terms: string[]): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  for (const raw of terms) {
    const t = raw.trim().toLowerCase()
    if (t !== '' && !seen.has(t)) {
      seen.add(t)
      out.push(t)
    }
  }
  return out
}
