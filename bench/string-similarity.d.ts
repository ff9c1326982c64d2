// string-similarity ships no types (it is archived upstream); the bench and eval use one function.
declare module 'string-similarity' {
  const stringSimilarity: { compareTwoStrings(first: string, second: string): number }
  export default stringSimilarity
}
