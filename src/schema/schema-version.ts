/**
 * Version of the JSON output format (JSON, JSONL and feed records), described by the JSON
 * Schema `schema/news-dedup.schema.json` (see `outputSchema`). It follows semantic versioning,
 * independently of the package version:
 *
 * - **patch** (1.0.x): descriptions, examples or tighter documentation only; every output valid
 *   before stays valid and means the same.
 * - **minor** (1.x.0): additive changes: a new optional field, a new record type, a new value
 *   of an open field (a new error `code`). Readers written for 1.0 keep working if they ignore
 *   fields they do not know.
 * - **major** (x.0.0): anything that can break a reader: a field removed or renamed, a type
 *   changed, a value's meaning changed, a new value of a closed enum (`duplicate.kind`,
 *   `crossDuplicate.kind`, `passage.kind`), a required field added to input-derived objects.
 *
 * The schema's `$id` carries the major version (`…:v1`), so a reader can pin the shape it
 * understands; its `description` carries the full version.
 */
export const schemaVersion = '1.1.0'

/** The major part of {@link schemaVersion}, as in the schema's `$id`. */
export const schemaMajorVersion = Number(schemaVersion.split('.')[0])
