import type { Label } from '#engine/types'

/** Shorthand for a bilingual label. */
export const l = (en: string, zh: string): Label => ({ 'en': en, 'zh-CN': zh })
