/**
 * Small PDFs the demo organization's story needs (a contract template, a business licence scan),
 * drawn at seed time in Noto Sans SC (the fonts the bill PDFs use) and stored through the file
 * service as if uploaded from the console.
 */
import { createHash } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import PDFDocument from 'pdfkit'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { FilePurpose } from '#contract/files'
import { storeUpload } from '#services/files/store'
import { HEAD_BYTES } from '#services/files/kinds'
import { FONT_BOLD, FONT_REGULAR, fonts } from '#services/pdf/fonts'

/** A one-page A4 PDF: a title and paragraphs (Chinese and English). */
export function demoPdf(title: string, paragraphs: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: title, Producer: 'Creditdesk demo' } })
    const chunks: Buffer[] = []
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
    const font = fonts()
    doc.registerFont(FONT_REGULAR, font[FONT_REGULAR])
    doc.registerFont(FONT_BOLD, font[FONT_BOLD])
    doc.font(FONT_BOLD).fontSize(16).text(title)
    doc.moveDown()
    doc.font(FONT_REGULAR).fontSize(10.5)
    for (const paragraph of paragraphs) doc.text(paragraph).moveDown(0.6)
    doc.end()
  })
}

/** Stores `bytes` as an upload named `name` for `purpose`, by a staff member. */
export async function storeDemoFile(trx: TransactionClientContract, input: { bytes: Buffer; name: string; purpose: FilePurpose; staffId: number }) {
  const dir = await mkdtemp(join(tmpdir(), 'creditdesk-demo-'))
  try {
    const tmpPath = join(dir, 'upload')
    await writeFile(tmpPath, input.bytes)
    const file = { tmpPath, clientName: input.name, size: input.bytes.length, sha256: createHash('sha256').update(input.bytes).digest('hex'), head: input.bytes.subarray(0, HEAD_BYTES) }
    return await storeUpload(trx, { file, purpose: input.purpose, staffId: input.staffId })
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
