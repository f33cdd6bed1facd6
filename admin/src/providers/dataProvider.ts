import type { AxiosInstance } from 'axios'
import simpleRest from '@refinedev/simple-rest'
import type { DataProvider } from '@refinedev/core'
import { API_URL } from './http'

/**
 * The stock simple-rest provider over our axios instance: the backend speaks its wire format
 * (_start/_end/_sort/_order, field_like, X-Total-Count), so nothing needs translating.
 */
export function createDataProvider(http: AxiosInstance): DataProvider {
  return simpleRest(API_URL, http) as DataProvider
}
