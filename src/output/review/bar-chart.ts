import { escapeHtml } from '../escape-html.js'

/** One series of a {@link barChart}: a name (legend) and its CSS class (colour). */
export interface BarSeries {
  /** Plural name, in the legend and the bars' tooltips ("3 articles"). */
  name: string
  /** Singular name, for a count of one ("1 article"). @default name */
  singular?: string
  className: string
}

/** One group of bars: a label (a site, a language) and one value per series. */
export interface BarGroup {
  label: string
  values: number[]
}

/** What {@link barChart} draws. */
export interface BarChartSpec {
  /** Accessible name of the chart (the SVG's `<title>`). */
  title: string
  /** Longer text alternative (the SVG's `<desc>`). */
  description: string
  series: BarSeries[]
  groups: BarGroup[]
  /** Attribute value identifying the chart (`data-chart`). */
  name: string
}

const BAR = 14
const BAR_GAP = 2
const GROUP_GAP = 10
const LABEL_CHAR = 7
const MAX_LABEL_CHARS = 28
const PLOT = 360
const VALUE_ROOM = 40
const LEGEND = 22

/**
 * A horizontal bar chart as inline SVG, drawn by hand: one group of bars per label, one bar
 * per series with a value (a zero draws no bar: the legend's colours say which series are
 * there), scaled to the largest value. Every bar is a `<rect class="bar">` carrying
 * `data-label`, `data-series` and `data-value`, with a `<title>` ("lemonde.fr: 3 articles")
 * read by screen readers and shown as a tooltip; values are also printed after the bars.
 * All text is escaped.
 */
export function barChart(spec: BarChartSpec): string {
  const labelChars = Math.min(MAX_LABEL_CHARS, Math.max(4, ...spec.groups.map((g) => [...g.label].length)))
  const labelWidth = labelChars * LABEL_CHAR + 12
  const legendWidth = spec.series.reduce((sum, series) => sum + 16 + series.name.length * LABEL_CHAR + 18, 0)
  const width = labelWidth + Math.max(PLOT + VALUE_ROOM, legendWidth)
  // The bars of each group: its non-zero values (at least one row, so a label of all zeros stays).
  const shown = spec.groups.map((group) => spec.series.map((series, s) => ({ series, value: group.values[s] ?? 0 })).filter((bar) => bar.value !== 0))
  const groupHeight = (bars: number) => Math.max(1, bars) * (BAR + BAR_GAP) - BAR_GAP
  const height = LEGEND + shown.reduce((sum, bars) => sum + groupHeight(bars.length) + GROUP_GAP, 0) + 4
  const max = Math.max(1, ...spec.groups.flatMap((g) => g.values))
  const out: string[] = [
    `<svg class="chart" data-chart="${escapeHtml(spec.name)}" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg">`,
    `<title>${escapeHtml(spec.title)}</title>`,
    `<desc>${escapeHtml(spec.description)}</desc>`,
  ]
  // Legend.
  let x = labelWidth
  for (const series of spec.series) {
    out.push(`<rect class="legend ${escapeHtml(series.className)}" x="${x}" y="4" width="12" height="12" aria-hidden="true"/>`)
    out.push(`<text class="legend-text" x="${x + 16}" y="14">${escapeHtml(series.name)}</text>`)
    x += 16 + series.name.length * LABEL_CHAR + 18
  }
  let top = LEGEND
  spec.groups.forEach((group, g) => {
    const bars = shown[g]!
    const label = [...group.label].length > MAX_LABEL_CHARS ? [...group.label].slice(0, MAX_LABEL_CHARS - 1).join('') + '…' : group.label
    out.push(`<g class="group" data-label="${escapeHtml(group.label)}">`)
    out.push(`<text class="label" x="${labelWidth - 8}" y="${top + groupHeight(bars.length) / 2 + 4}" text-anchor="end">${escapeHtml(label)}</text>`)
    bars.forEach(({ series, value }, s) => {
      const y = top + s * (BAR + BAR_GAP)
      const w = Math.max(2, Math.round((value / max) * PLOT))
      const tip = `${group.label}: ${value} ${value === 1 ? (series.singular ?? series.name) : series.name}`
      out.push(
        `<rect class="bar ${escapeHtml(series.className)}" data-label="${escapeHtml(group.label)}" data-series="${escapeHtml(series.name)}" data-value="${value}" x="${labelWidth}" y="${y}" width="${w}" height="${BAR}"><title>${escapeHtml(tip)}</title></rect>`,
      )
      out.push(`<text class="value" x="${labelWidth + w + 4}" y="${y + BAR - 3}" aria-hidden="true">${value}</text>`)
    })
    out.push('</g>')
    top += groupHeight(bars.length) + GROUP_GAP
  })
  out.push(`<line class="axis" x1="${labelWidth}" y1="${LEGEND - 2}" x2="${labelWidth}" y2="${height - 2}"/>`)
  out.push('</svg>')
  return out.join('\n')
}
