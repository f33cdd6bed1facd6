/** How the contract spells an enum option (a status, a kind …): its value, tag colour and both languages. */
export const option = <V extends string>(value: V, color: string, en: string, zh: string) => ({ value, color, label: { 'en': en, 'zh-CN': zh } })

/** The union of an option list's values. */
export type Values<T extends readonly { value: string }[]> = T[number]['value']
