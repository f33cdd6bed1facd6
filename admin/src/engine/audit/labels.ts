import type { TFunction } from 'i18next'
import type { ResourceMeta } from '../../meta/types'
import { pickLabel, prettifyName } from '../../meta/label'

/**
 * How an audit action reads on screen: a custom action of the resource shows its declared label
 * ("Freeze" / "冻结"); the engine's and the auth flows' actions ("update", "login.failed") come from
 * the dictionary (`audit.actions.<name>` with dots as underscores); anything else is prettified.
 */
export function auditActionLabel(action: string, resource: ResourceMeta | undefined, t: TFunction, lang: string): string {
  if (!action) return ''
  const declared = resource?.actions?.find((a) => a.name === action)
  if (declared) return pickLabel(declared.label, lang, action)
  return t(`audit.actions.${action.replace(/\./g, '_')}`, { defaultValue: prettifyName(action) })
}

/** Built-in role names in the viewer's language; a custom role (or English) keeps its own label. */
export function roleLabel(name: string | null | undefined, label: string | undefined, t: TFunction, lang: string): string {
  if (!name) return label ?? ''
  const builtIn = lang.startsWith('zh') ? t(`roleNames.${name}`, { defaultValue: '' }) : ''
  return builtIn || label || prettifyName(name)
}

/** Tag colour of an audit action: red for destructive, green for granting, blue for edits. */
export function actionColor(action: string): string {
  if (/delete|remove|revoke|freeze|lock/i.test(action)) return 'red'
  if (/create|grant|unfreeze|unlock/i.test(action)) return 'green'
  if (/update|edit|change|reset/i.test(action)) return 'blue'
  if (/login|logout|reveal/i.test(action)) return 'purple'
  return 'default'
}
