/** Standard or URL-safe base64, padding optional, white space (line breaks of MIME base64) allowed. */
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/

/**
 * Decodes base64 (standard or URL-safe alphabet, padding optional, white space ignored) to
 * bytes, with `atob`, which every runtime has (no `Buffer`, so it runs in browsers).
 *
 * @returns The bytes, or `null` when `value` is not base64.
 */
export function decodeBase64(value: string): Uint8Array | null {
  const compact = value.replace(/[\t\n\f\r ]+/g, '').replace(/-/g, '+').replace(/_/g, '/')
  if (!BASE64.test(compact) || compact.replace(/=+$/, '').length % 4 === 1) return null
  const binary = atob(compact.replace(/=+$/, '').padEnd(Math.ceil(compact.replace(/=+$/, '').length / 4) * 4, '='))
  const bytes = new Uint8Array(binary.length)
  for (let k = 0; k < binary.length; k++) bytes[k] = binary.charCodeAt(k)
  return bytes
}
