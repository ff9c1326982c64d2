// Minimal typings of the part of better-sqlite3 12 that stores/sqlite.ts uses
// (the package ships none and @types/better-sqlite3 is not a dependency).
declare module 'better-sqlite3' {
  namespace Database {
    interface RunResult {
      changes: number
      lastInsertRowid: number | bigint
    }
    interface Statement {
      run(...params: unknown[]): RunResult
      get(...params: unknown[]): unknown
      all(...params: unknown[]): unknown[]
      iterate(...params: unknown[]): IterableIterator<unknown>
    }
    interface Database {
      prepare(sql: string): Statement
      exec(sql: string): this
      pragma(sql: string, options?: { simple?: boolean }): unknown
      close(): this
      readonly inTransaction: boolean
      readonly open: boolean
    }
  }
  const Database: {
    new (filename: string, options?: { timeout?: number; readonly?: boolean }): Database.Database
  }
  export = Database
}
