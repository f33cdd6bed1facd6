import { createContext, useContext, useMemo, type ReactNode } from 'react'
import { getI18n, useTranslation } from 'react-i18next'
import type { TFunction, i18n as I18n } from 'i18next'

export interface Locale {
  t: TFunction
  i18n: I18n
}

const LocaleContext = createContext<Locale | null>(null)

/** Subscribes to the language once for the whole console and hands it down (see useLocale). */
export function LocaleProvider({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation()
  const lang = i18n.language
  const value = useMemo(() => ({ t, i18n }), [t, i18n, lang]) // eslint-disable-line react-hooks/exhaustive-deps
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>
}

/**
 * `useTranslation()` for what a screen renders hundreds of times (table cells, row buttons): a context
 * read instead of one i18n subscription per instance, which made a page of rows measurably slower to
 * draw. Re-renders on a language change like useTranslation. Outside the console's providers (a
 * component rendered alone) it reads the i18n instance directly.
 */
export function useLocale(): Locale {
  const locale = useContext(LocaleContext)
  if (locale) return locale
  const i18n = getI18n()
  return { t: i18n.t.bind(i18n) as TFunction, i18n }
}
