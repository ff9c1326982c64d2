/**
 * V8's full garbage collection, for tests that check what a module keeps alive: `gc` exposed at
 * run time (`--expose-gc` set now) and taken from a new context, where the flag makes it a global.
 */
export async function exposedGc(): Promise<() => void> {
  const { setFlagsFromString } = await import('node:v8')
  const { runInNewContext } = await import('node:vm')
  setFlagsFromString('--expose-gc')
  return runInNewContext('gc') as () => void
}
