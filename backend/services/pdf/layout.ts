/**
 * A small drawing layer over pdfkit for documents made of blocks: a cursor that moves down the
 * page, a new page (with the table header drawn again) when a block does not fit, tables whose
 * rows grow with wrapped text, and label/value pairs. Nothing here knows what a bill is.
 */
import { FONT_BOLD, FONT_REGULAR } from './fonts.js'

export const INK = '#1f2329'
export const MUTED = '#646a73'
export const RULE = '#dee0e3'
export const SHADE = '#f2f3f5'
export const ACCENT = '#1d4ed8'

export interface Column {
  header: string
  width: number
  align?: 'left' | 'right'
}

export interface Cell {
  text: string
  bold?: boolean
  muted?: boolean
}

const PAD = 5

export class Page {
  y: number

  constructor(readonly doc: PDFKit.PDFDocument) {
    this.y = doc.page.margins.top
  }

  get left() {
    return this.doc.page.margins.left
  }

  get width() {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right
  }

  get bottom() {
    return this.doc.page.height - this.doc.page.margins.bottom
  }

  /** Starts a new page when `height` more points do not fit; true when it did. */
  ensure(height: number): boolean {
    if (this.y + height <= this.bottom) return false
    this.doc.addPage()
    this.y = this.doc.page.margins.top
    return true
  }

  gap(points: number) {
    this.y += points
  }

  /** Text at (x, y) in a width; returns its height. */
  write(text: string, x: number, y: number, width: number, options: { size?: number; bold?: boolean; color?: string; align?: 'left' | 'right' | 'center' } = {}) {
    const { doc } = this
    doc.font(options.bold ? FONT_BOLD : FONT_REGULAR).fontSize(options.size ?? 9).fillColor(options.color ?? INK)
    doc.text(text, x, y, { width, align: options.align ?? 'left', lineGap: 1 })
    return doc.heightOfString(text, { width, lineGap: 1 })
  }

  measure(text: string, width: number, size = 9, bold = false) {
    this.doc.font(bold ? FONT_BOLD : FONT_REGULAR).fontSize(size)
    return this.doc.heightOfString(text || ' ', { width, lineGap: 1 })
  }

  rule(y = this.y, color = RULE, weight = 0.6) {
    this.doc.moveTo(this.left, y).lineTo(this.left + this.width, y).lineWidth(weight).strokeColor(color).stroke()
  }

  /** A section title with a rule under it. */
  heading(text: string) {
    // keep a heading with its table's header and first row
    this.ensure(95)
    this.gap(6)
    const height = this.write(text, this.left, this.y, this.width, { size: 11, bold: true })
    this.y += height + 3
    this.rule(this.y, INK, 0.8)
    this.gap(4)
  }

  private header(columns: Column[]) {
    const height = Math.max(...columns.map((c) => this.measure(c.header, c.width - 2 * PAD, 8.5, true))) + 2 * PAD
    this.doc.rect(this.left, this.y, this.width, height).fill(SHADE)
    let x = this.left
    for (const c of columns) {
      this.write(c.header, x + PAD, this.y + PAD, c.width - 2 * PAD, { size: 8.5, bold: true, color: MUTED, align: c.align })
      x += c.width
    }
    this.y += height
  }

  /** A table; its header is repeated on every page it runs onto. */
  table(columns: Column[], rows: Cell[][], empty?: string) {
    this.ensure(60)
    this.header(columns)
    if (!rows.length && empty) {
      const height = this.write(empty, this.left + PAD, this.y + PAD, this.width - 2 * PAD, { color: MUTED })
      this.y += height + 2 * PAD
      return
    }
    for (const row of rows) {
      const height = Math.max(...row.map((cell, i) => this.measure(cell.text, columns[i].width - 2 * PAD, 9, cell.bold))) + 2 * PAD
      if (this.ensure(height)) this.header(columns)
      let x = this.left
      row.forEach((cell, i) => {
        const c = columns[i]
        this.write(cell.text, x + PAD, this.y + PAD, c.width - 2 * PAD, { bold: cell.bold, color: cell.muted ? MUTED : INK, align: c.align })
        x += c.width
      })
      this.y += height
      this.rule()
    }
  }

  /** Label/value rows aligned right in a box of `width` at the right edge (totals). */
  pairs(rows: { label: string; value: string; strong?: boolean; ruleAbove?: boolean }[], width: number) {
    const x = this.left + this.width - width
    const labelWidth = width * 0.58
    for (const row of rows) {
      const size = row.strong ? 10.5 : 9
      const height = Math.max(this.measure(row.label, labelWidth, size, row.strong), this.measure(row.value, width - labelWidth, size, row.strong)) + 6
      this.ensure(height + 4)
      if (row.ruleAbove) {
        this.doc.moveTo(x, this.y + 1).lineTo(x + width, this.y + 1).lineWidth(0.8).strokeColor(INK).stroke()
        this.gap(4)
      }
      this.write(row.label, x, this.y + 3, labelWidth, { size, bold: row.strong, color: row.strong ? INK : MUTED })
      this.write(row.value, x + labelWidth, this.y + 3, width - labelWidth, { size, bold: row.strong, align: 'right' })
      this.y += height
    }
  }

  /** Label over value, stacked in a column (the parties and the bill's facts). */
  facts(x: number, y: number, width: number, rows: { label: string; value: string }[]): number {
    let at = y
    for (const row of rows) {
      at += this.write(row.label, x, at, width, { size: 7.5, color: MUTED })
      at += this.write(row.value, x, at, width, { size: 9.5 }) + 5
    }
    return at - y
  }
}
