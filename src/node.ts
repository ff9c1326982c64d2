// Node.js only: object-mode `Transform`s (they import `node:stream`).
export { createCleanTransform } from './adapters/streams/create-clean-transform.js'
export { createFeedTransform } from './adapters/streams/create-feed-transform.js'
