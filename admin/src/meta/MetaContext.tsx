import { createContext, useCallback, useContext, useSyncExternalStore, type ReactNode } from 'react'
import { useLocale } from '../i18n/locale'
import type { MetaState, MetaStore } from './metaStore'
import type { AdminMeta, LocalizedText, ResourceMeta } from './types'
import { canDo, findResource } from './permissions'
import { pickLabel } from './label'

const MetaStoreContext = createContext<MetaStore | null>(null)

export function MetaProvider({ store, children }: { store: MetaStore; children: ReactNode }) {
  return <MetaStoreContext.Provider value={store}>{children}</MetaStoreContext.Provider>
}

export function useMetaStore(): MetaStore {
  const store = useContext(MetaStoreContext)
  if (!store) throw new Error('useMetaStore outside <MetaProvider>')
  return store
}

export function useMetaState(): MetaState {
  const store = useMetaStore()
  return useSyncExternalStore(store.subscribe, store.getState, store.getState)
}

/** The loaded meta; screens under <MetaGate> can rely on it being present. */
export function useAdminMeta(): AdminMeta {
  const { meta } = useMetaState()
  if (!meta) throw new Error('meta is not loaded')
  return meta
}

export function useResourceMeta(name: string | undefined): ResourceMeta | undefined {
  return findResource(useMetaState().meta, name)
}

/** `can('edit')` for one resource, answered synchronously from meta permissions. */
export function useResourceCan(resource: ResourceMeta | undefined) {
  return useCallback((action: string) => canDo(resource, action), [resource])
}

/** Picks a meta label in the current UI language (re-renders on language change). */
export function useLabel() {
  const lang = useLocale().i18n.language
  return useCallback((text: LocalizedText | undefined | null, fallbackName = '') => pickLabel(text, lang, fallbackName), [lang])
}
