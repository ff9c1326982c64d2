// The example quoted in README.md ("Use"); test/examples.test.ts runs it and checks what the README says it prints.
import { clean } from '../src/index.js'

export const result = clean(
  'Le président a annoncé mardi un plan pour l’emploi des jeunes.\n\n' +
    '"We welcome this plan," said the spokesperson of the European Commission.\n\n' +
    "Le président a annoncé mardi un plan pour l'emploi des jeunes.",
)
