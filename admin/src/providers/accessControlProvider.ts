import type { AccessControlProvider } from '@refinedev/core'
import type { MetaStore } from '../meta/metaStore'
import { canAccess } from '../meta/permissions'

/**
 * Answers Refine's can() from the meta `permissions` the server computed for the caller, so menus
 * and buttons hide what the role may not use. The server still enforces every call.
 */
export function createAccessControlProvider(metaStore: MetaStore): AccessControlProvider {
  return {
    async can({ resource, action }) {
      const allowed = canAccess(metaStore.getState().meta, resource, action)
      return { can: allowed }
    },
    options: {
      buttons: { enableAccessControl: true, hideIfUnauthorized: true },
      queryOptions: { staleTime: 0, gcTime: 0 },
    },
  }
}
