import { Navigate } from 'react-router'
import type { ScreenProps } from '../../../engine/registry'
import { ResourceShow } from '../../../engine/show/ResourceShow'
import { useResourceMeta } from '../../../meta/MetaContext'
import { canDo } from '../../../meta/permissions'

/**
 * An organization is a customer: its page is the customer page (balances, actions, the
 * organization panel). Only a viewer who may not open customers gets the generated view.
 */
export function OrganizationShow({ resource, id }: ScreenProps) {
  const users = useResourceMeta('users')
  if (canDo(users, 'show')) return <Navigate to={`/r/users/show/${encodeURIComponent(String(id))}`} replace />
  return <ResourceShow resource={resource} id={id!} />
}
