/**
 * Response bodies (backend/http/json_body.ts) are the same text the framework's serializer wrote.
 */
import { test } from '@japa/runner'
import { defineConfig } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import { jsonBody } from '#http/json_body'

const framework = defineConfig({}).serializeJSON

test.group('JSON response bodies', () => {
  test('the same text as the framework for what APIs answer', ({ assert }) => {
    const values: unknown[] = [
      [{ id: 1, email: 'a"b\\c@example.test', nickname: null, tags: ['vip', 'é', '中文'], frozen: false, skipped: undefined }],
      { amount: '-10.50', created_at: new Date('2026-01-02T03:04:05.678Z'), at: DateTime.fromISO('2026-05-06T07:08:09Z', { zone: 'utc' }) },
      { odd: [NaN, -0, Infinity, 1e21, 0.1], nested: { deeper: { deepest: [[], {}, [null]] } } },
      { lone: 'x\ud800y', control: 'a\u0000b\nc\u2028d', emoji: '😀' },
      { custom: { toJSON: () => ({ replaced: true }) }, fn: () => 1, sym: Symbol('s') },
      'plain string',
      42,
      null,
    ]
    for (const value of values) assert.equal(jsonBody(value), framework(value))
  })

  test('what JSON.stringify refuses goes to the framework: bigints as strings, cycles dropped', ({ assert }) => {
    const cyclic: Record<string, unknown> = { id: 1 }
    cyclic.self = cyclic
    for (const value of [{ balance: 12345678901234567890n }, cyclic]) assert.equal(jsonBody(value), framework(value))
    assert.equal(jsonBody({ balance: 10n }), '{"balance":"10"}')
  })
})
