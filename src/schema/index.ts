export { outputSchema } from './output-schema.js'
export { schemaMajorVersion, schemaVersion } from './schema-version.js'
