/**
 * The labels of the fields a console request was about, for humanised validation messages:
 * `/api/admin/<resource>[/:id]` → the resource's fields, `…/actions/<name>` → the action's fields
 * (and the resource's, for errors about the record). Other routes have none: messages.ts then
 * falls back to common labels.
 */
import type { HttpContext } from '@adonisjs/core/http'
import { findResource } from '#engine/registry'
import type { Label } from '#engine/types'

export function fieldLabelsFor(ctx: HttpContext): Record<string, Label> {
  const pattern = ctx.route?.pattern ?? ''
  const found = /^\/api\/admin\/([^/]+)(?:\/:id)?(?:\/actions\/([^/]+))?$/.exec(pattern)
  const resource = found ? findResource(found[1]) : undefined
  if (!resource) return {}
  const labels: Record<string, Label> = {}
  for (const [name, field] of Object.entries(resource.fields)) labels[name] = field.label
  const action = found![2] ? resource.actions?.[found![2]] : undefined
  for (const [name, field] of Object.entries(action?.fields ?? {})) labels[name] = field.label
  return labels
}
