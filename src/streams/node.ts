// Node.js only: object-mode `Transform`s (they import `node:stream`).
export { createCleanTransform } from './create-clean-transform.js'
export { createFeedTransform } from './create-feed-transform.js'
