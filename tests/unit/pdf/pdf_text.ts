/** The text of a PDF, page by page, read back with unpdf (pdf.js): what a reader's copy-paste gives. */
import { extractText, getDocumentProxy } from 'unpdf'

export async function pdfText(bytes: Buffer | Uint8Array): Promise<{ pages: number; text: string[] }> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes))
  const { totalPages, text } = await extractText(pdf, { mergePages: false })
  return { pages: totalPages, text: text as string[] }
}

/** Whitespace removed: pdf.js may split a line into runs or join cells with spaces. */
export const squeeze = (text: string) => text.replace(/\s+/g, '')
