// Runs anywhere (no Node.js built-ins). The Node.js `Transform`s are in `./node.ts`.
export { cleanAll } from './clean-all.js'
export { createCleanStream } from './create-clean-stream.js'
export { createFeedStream } from './create-feed-stream.js'
export { cleanRecord, DEFAULT_HIGH_WATER_MARK, type CleanStreamRecord, type StreamErrorRecord, type StreamOptions } from './clean-record.js'
export type { FeedStreamOptions, FeedStreamRecord } from './feed-record.js'
