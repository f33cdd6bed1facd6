import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import BodyParserMiddleware from '@adonisjs/core/bodyparser_middleware'
import bodyParserConfig from '#config/bodyparser'

/**
 * Routes whose JSON bodies may be larger than the default limit: a gateway's usage batch of
 * 1,000 records is about 350 kB. Everything else keeps `config/bodyparser.ts`'s 256 kB.
 */
export const LARGE_JSON_ROUTES: Record<string, string> = { '/api/internal/usage': '2mb' }

/** The framework's body parser, with a larger JSON limit only on the routes named above. */
export default class BodyParser {
  #default = new BodyParserMiddleware(bodyParserConfig)
  #large = new Map(
    Object.entries(LARGE_JSON_ROUTES).map(([path, limit]) => [path, new BodyParserMiddleware({ ...bodyParserConfig, json: { ...bodyParserConfig.json, limit } })])
  )

  handle(ctx: HttpContext, next: NextFn) {
    const parser = this.#large.get(ctx.request.url()) ?? this.#default
    return parser.handle(ctx, next)
  }
}
