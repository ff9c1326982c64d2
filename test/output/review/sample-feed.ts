import { createDeduplicator } from '../../../src/feed/create-deduplicator.js'
import { createMemoryIndex } from '../../../src/stores/memory.js'
import type { Article, FeedResult } from '../../../src/feed/types.js'

const READ_ALSO_FR = 'Lire aussi : toutes nos informations sur la politique européenne, les élections et les réformes en cours, dans notre dossier spécial.'
const SUBSCRIBE_DE = 'Jetzt abonnieren: Lesen Sie alle Artikel unserer Zeitung online und in der App, unbegrenzt und jederzeit kündbar.'

/**
 * A small feed for the review page: two sites (presse.example.fr, zeitung.example.de), a
 * closing paragraph shared by every article of a site (boilerplate with boilerplateMin 2),
 * a verbatim copy of the first article on the other site, an English quote inside a French
 * article, a paragraph printed twice and a sentence glued onto a later paragraph.
 */
const RAIL = [
  'La Commission européenne a présenté mardi un plan de plusieurs milliards d’euros pour moderniser les lignes ferroviaires entre les grandes villes du continent.',
  '"We want a train journey between two capitals to be faster than a flight," the European commissioner for transport told journalists in Brussels on Tuesday.',
  'Le projet prévoit de relier Paris, Berlin et Varsovie par des trains à grande vitesse d’ici à 2035. Les billets seront communs à tous les opérateurs nationaux et vendus sur une plateforme unique.',
  'La Commission européenne a présenté mardi un plan de plusieurs milliards d’euros pour moderniser les lignes ferroviaires entre les grandes villes du continent.',
  'Les syndicats de cheminots ont salué le projet mais demandent des garanties sur les emplois et les salaires. Les billets seront communs à tous les opérateurs nationaux et vendus sur une plateforme unique.',
]

export const SAMPLE_ARTICLES: Article[] = [
  {
    id: 'fr-1',
    title: 'La Commission présente un plan pour le rail européen',
    site: 'presse.example.fr',
    text: [...RAIL, READ_ALSO_FR].join('\n\n'),
  },
  {
    id: 'fr-2',
    title: 'Grève dans les écoles : <script>alert(1)</script> " onmouseover="alert(2)',
    site: 'presse.example.fr',
    text: [
      'Les enseignants des écoles primaires sont appelés à la grève jeudi pour protester contre la suppression de plusieurs milliers de postes à la rentrée prochaine.',
      'Selon les syndicats, près d’une école sur deux pourrait être fermée dans certaines académies <img src=x onerror=alert(3)>, notamment en région parisienne et dans le Nord.',
      READ_ALSO_FR,
    ].join('\n\n'),
  },
  {
    id: 'de-1',
    title: 'Neue Radwege in der Innenstadt',
    site: 'zeitung.example.de',
    text: [
      'Die Stadt will in den kommenden zwei Jahren mehr als dreißig Kilometer neue Radwege bauen und dafür mehrere Parkplätze in der Innenstadt streichen.',
      'Der Bürgermeister sagte am Montag, die Pläne seien mit den Anwohnern und den Geschäftsleuten der betroffenen Straßen abgestimmt worden.',
      SUBSCRIBE_DE,
    ].join('\n\n'),
  },
  {
    id: 'de-2',
    title: 'Rail : le plan européen (reprise)',
    site: 'zeitung.example.de',
    text: [...RAIL, SUBSCRIBE_DE].join('\n\n'),
  },
]

/** The sample feed's results, through the deduplicator with an in-memory index (boilerplate from a site's 2nd article on). */
export async function sampleFeedResults(): Promise<FeedResult[]> {
  const dedup = createDeduplicator({ index: createMemoryIndex(), boilerplateMin: 2, now: () => Date.UTC(2025, 0, 1) })
  const results: FeedResult[] = []
  for (const article of SAMPLE_ARTICLES) results.push(await dedup.add(article))
  await dedup.close()
  return results
}

/** A title with no space to break at, longer than a column of the table of contents. */
export const LONG_TITLE = `https://presse.example.fr/${'politique-europeenne-'.repeat(6)}plan-rail-2035`

/**
 * The sample feed, then what a real feed also does: a one-paragraph article (counts of one),
 * an article with a date line (too short to have a language), a very long unbroken title, and
 * the first article delivered a second time.
 */
export async function edgeFeedResults(): Promise<FeedResult[]> {
  const dedup = createDeduplicator({ index: createMemoryIndex(), boilerplateMin: 2, now: () => Date.UTC(2025, 0, 1) })
  const extra: Article[] = [
    {
      id: 'fr-3',
      title: LONG_TITLE,
      site: 'autre.example.fr',
      text: [
        '12.03.2025',
        'Le Parlement européen a adopté jeudi le budget du programme ferroviaire après un long débat sur son financement par les États membres.',
      ].join('\n\n'),
    },
    SAMPLE_ARTICLES[0]!,
  ]
  const results: FeedResult[] = []
  for (const article of [...SAMPLE_ARTICLES, ...extra]) results.push(await dedup.add(article))
  await dedup.close()
  return results
}
