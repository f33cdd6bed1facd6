import env from '#start/env'
import { defineConfig } from '@adonisjs/lucid'

/**
 * Three connections, one per database role (backend/services/database_roles.ts):
 * - `app` (the default): everything the application does, with only the grants it needs;
 * - `owner`: migrations and grants, nothing else;
 * - `maintenance`: audit retention pruning (`ace audit:prune`).
 * The URLs come from the operator or, for the embedded cluster, from backend/start/database.ts.
 */
const migrations = { naturalSort: true, paths: ['database/migrations'] }

const dbConfig = defineConfig({
  connection: 'app',
  prettyPrintDebugQueries: false,
  connections: {
    app: {
      client: 'pg',
      connection: { connectionString: env.get('DATABASE_APP_URL') ?? env.get('DATABASE_URL') },
      pool: { min: 0, max: 10 },
      migrations,
      seeders: { paths: ['database/seeders'] },
      schemaGeneration: { enabled: false },
    },
    owner: {
      client: 'pg',
      connection: { connectionString: env.get('DATABASE_URL') },
      pool: { min: 0, max: 2 },
      migrations,
      seeders: { paths: ['database/seeders'] },
      schemaGeneration: { enabled: false },
    },
    maintenance: {
      client: 'pg',
      connection: { connectionString: env.get('DATABASE_MAINTENANCE_URL') ?? '' },
      pool: { min: 0, max: 1 },
      schemaGeneration: { enabled: false },
    },
  },
})

export default dbConfig
