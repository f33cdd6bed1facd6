/**
 * The fonts a PDF is set in: Noto Sans SC (Simplified Chinese with Latin, SIL Open Font License),
 * shipped by the npm package @embedpdf/fonts-sc, so `npm install` is all a machine needs to draw
 * Chinese names and addresses. Read once per process; pdfkit embeds only the glyphs a document uses.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

export const FONT_REGULAR = 'text'
export const FONT_BOLD = 'text-bold'

const FILES = { [FONT_REGULAR]: 'NotoSansHans-Regular.otf', [FONT_BOLD]: 'NotoSansHans-Medium.otf' } as const

let loaded: Record<keyof typeof FILES, Buffer> | null = null

/** The font files' bytes by the names documents use. */
export function fonts(): Record<keyof typeof FILES, Buffer> {
  if (loaded) return loaded
  // the package's entry point is dist/index.*; the fonts sit beside dist/
  const root = join(dirname(createRequire(import.meta.url).resolve('@embedpdf/fonts-sc')), '..', 'fonts')
  loaded = {
    [FONT_REGULAR]: readFileSync(join(root, FILES[FONT_REGULAR])),
    [FONT_BOLD]: readFileSync(join(root, FILES[FONT_BOLD])),
  }
  return loaded
}
