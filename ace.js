/*
|--------------------------------------------------------------------------
| Ace entry point
|--------------------------------------------------------------------------
|
| Runs ace commands. TypeScript is compiled on the fly by ts-exec, which
| needs Node 24: run it through npm scripts (`npm run ace -- <command>`)
| so the Node from the `node` package in node_modules is used.
*/
import '@poppinss/ts-exec'

await import('./bin/console.js')
