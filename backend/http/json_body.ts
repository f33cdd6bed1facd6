/**
 * Response bodies as JSON. The framework's default serializer (safe-stable-stringify, with
 * bigints written as strings and circular references dropped) is a JavaScript reimplementation
 * of JSON.stringify; on a list page it cost more CPU than the page's two SQL statements took to
 * send. Native JSON.stringify writes the same text for every value it accepts; the rare value it
 * refuses (a bigint, a cycle) is handed to the framework's serializer, so nothing changes for it.
 */
import { defineConfig } from '@adonisjs/core/http'

const frameworkSerializer = defineConfig({}).serializeJSON

export function jsonBody(value: unknown): string | undefined {
  try {
    return JSON.stringify(value)
  } catch {
    return frameworkSerializer(value)
  }
}
