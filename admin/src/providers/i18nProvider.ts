import type { I18nProvider } from '@refinedev/core'
import type { i18n as I18n } from 'i18next'
import { prettifyName } from '../meta/label'
import { rememberLanguage } from '../i18n'

/**
 * Refine's translate(key, options?, default?) over i18next. A missing key yields the caller's default,
 * else the prettified last key segment — never the raw key. Refine names resources in its messages
 * with the key "<name>.<name>"; those resolve to the meta label in the current language.
 */
export function createI18nProvider(i18n: I18n, resourceLabel?: (name: string, lang: string) => string | undefined): I18nProvider {
  return {
    translate(key, options, defaultMessage) {
      let opts = options
      let fallback = defaultMessage
      if (typeof options === 'string') {
        fallback = options
        opts = undefined
      }
      const resourceKey = /^([\w-]+)\.\1$/.exec(key)
      const label = resourceKey ? resourceLabel?.(resourceKey[1], i18n.language) : undefined
      if (label) return label
      if (i18n.exists(key)) return i18n.t(key, opts) as string
      return fallback ?? prettifyName(key.split('.').pop() ?? key)
    },
    changeLocale(lang) {
      rememberLanguage(lang)
      return i18n.changeLanguage(lang)
    },
    getLocale: () => i18n.language,
  }
}
