// Typings of html-encoding-sniffer 6 (the package ships none), for sniff-html-charset.ts.
declare module 'html-encoding-sniffer' {
  /** BOM → transport label → meta prescan (unless `xml`) → `defaultEncoding`, returned as given when nothing is found. */
  function sniffHtmlEncoding(bytes: Uint8Array, options?: { xml?: boolean; transportLayerEncodingLabel?: string; defaultEncoding?: string }): string
  export = sniffHtmlEncoding
}
