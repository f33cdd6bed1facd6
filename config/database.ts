import env from '#start/env'
import { defineConfig } from '@adonisjs/lucid'

/**
 * One PostgreSQL connection. DATABASE_URL is either given by the operator or set at boot
 * by backend/start/database.ts for the embedded cluster.
 */
const dbConfig = defineConfig({
  connection: 'postgres',
  prettyPrintDebugQueries: false,
  connections: {
    postgres: {
      client: 'pg',
      connection: { connectionString: env.get('DATABASE_URL') },
      pool: { min: 0, max: 10 },
      migrations: {
        naturalSort: true,
        paths: ['database/migrations'],
      },
      seeders: {
        paths: ['database/seeders'],
      },
      schemaGeneration: { enabled: false },
    },
  },
})

export default dbConfig
