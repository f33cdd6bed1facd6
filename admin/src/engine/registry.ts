import type { ComponentType } from 'react'
import type { BaseKey } from '@refinedev/core'
import type { ResourceMeta } from '../meta/types'

export type Screen = 'list' | 'show' | 'create' | 'edit'

export interface ScreenProps {
  resource: ResourceMeta
  id?: BaseKey
}

/**
 * Hand-written screens that replace one generic screen of one resource, e.g.
 * `customPages['audit-logs'].list`. Everything not registered here is generated from meta.
 */
export const customPages: Record<string, Partial<Record<Screen, ComponentType<ScreenProps>>>> = {}

export function registerCustomPage(resource: string, screen: Screen, component: ComponentType<ScreenProps>) {
  customPages[resource] = { ...customPages[resource], [screen]: component }
}
