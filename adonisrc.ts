import { defineConfig } from '@adonisjs/core/app'

/**
 * The application is rooted here, with its code under backend/ (see ARCHITECTURE.md).
 * Every directory AdonisJS knows about is remapped so that generators, loaders and
 * ace commands find things where this project keeps them.
 */
export default defineConfig({
  directories: {
    config: 'config',
    public: 'public',
    contracts: 'backend/contracts',
    providers: 'backend/providers',
    languageFiles: 'backend/lang',
    migrations: 'database/migrations',
    seeders: 'database/seeders',
    factories: 'database/factories',
    views: 'backend/views',
    start: 'backend/start',
    tmp: 'tmp',
    httpControllers: 'backend/http/controllers',
    controllers: 'backend/http/controllers',
    models: 'backend/models',
    services: 'backend/services',
    exceptions: 'backend/exceptions',
    mailers: 'backend/mailers',
    middleware: 'backend/http/middleware',
    policies: 'backend/policies',
    validators: 'backend/validators',
    commands: 'backend/commands',
    events: 'backend/events',
    listeners: 'backend/listeners',
    transformers: 'backend/transformers',
    stubs: 'backend/stubs',
  },

  commands: [() => import('@adonisjs/core/commands'), () => import('@adonisjs/lucid/commands')],

  providers: [
    () => import('@adonisjs/core/providers/app_provider'),
    () => import('@adonisjs/core/providers/hash_provider'),
    {
      file: () => import('@adonisjs/core/providers/repl_provider'),
      environment: ['repl', 'test'],
    },
    () => import('@adonisjs/core/providers/vinejs_provider'),
    () => import('@adonisjs/cors/cors_provider'),
    () => import('@adonisjs/lucid/database_provider'),
    () => import('@adonisjs/session/session_provider'),
    () => import('@adonisjs/shield/shield_provider'),
    () => import('@adonisjs/auth/auth_provider'),
    () => import('@adonisjs/limiter/limiter_provider'),
    () => import('@adonisjs/mail/mail_provider'),
    () => import('@adonisjs/redis/redis_provider'),
    () => import('@adonisjs/drive/drive_provider'),
  ],

  preloads: [
    () => import('#start/routes'),
    () => import('#start/kernel'),
    () => import('#start/jobs'),
    { file: () => import('#start/boot'), environment: ['web'] },
  ],

  tests: {
    suites: [
      { files: ['tests/unit/**/*.spec.ts'], name: 'unit', timeout: 5000 },
      { files: ['tests/functional/**/*.spec.ts'], name: 'functional', timeout: 30000 },
      { files: ['tests/browser/**/*.spec.ts'], name: 'browser', timeout: 120000 },
    ],
    forceExit: false,
  },

  metaFiles: [],
})
