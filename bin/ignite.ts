/**
 * The application's Ignitor, shared by the three entry points the assembler expects
 * (bin/server.ts, bin/console.ts, bin/test.ts): env loading, the database lifecycle
 * (embedded PostgreSQL unless DATABASE_URL is set) and graceful shutdown on signals.
 */
import 'reflect-metadata'
import { Ignitor } from '@adonisjs/core'
import { registerDatabaseLifecycle } from '../backend/start/database.js'

const APP_ROOT = new URL('../', import.meta.url)

const IMPORTER = (filePath: string) => {
  if (filePath.startsWith('./') || filePath.startsWith('../')) {
    return import(new URL(filePath, APP_ROOT).href)
  }
  return import(filePath)
}

export function ignite() {
  return new Ignitor(APP_ROOT, { importer: IMPORTER }).tap((app) => {
    app.booting(async () => {
      await import('#start/env')
    })
    registerDatabaseLifecycle(app)
    app.listen('SIGTERM', () => app.terminate())
    app.listen('SIGINT', () => app.terminate())
  })
}
