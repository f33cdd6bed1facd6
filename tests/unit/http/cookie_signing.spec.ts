/**
 * The keyed verifier (backend/http/cookie_signing.ts) must be interchangeable with the
 * framework's: same strings out, each accepts the other's, same refusals.
 */
import { test } from '@japa/runner'
import { Encryption } from '@adonisjs/core/encryption'
import { AES256CBC } from '@adonisjs/core/encryption/drivers/aes_256_cbc'
import { KeyedMessageVerifier } from '#http/cookie_signing'

const SECRET = 'a-secret-of-at-least-32-characters!!'
const OLD = 'an-older-secret-still-being-rotated-out'
const stock = (...keys: string[]) => new Encryption({ keys, driver: (key: any) => new AES256CBC({ id: 'test', key }) }).getMessageVerifier()

test.group('Keyed cookie signing', () => {
  test('signs exactly as the framework does, and each accepts the other', ({ assert }) => {
    const keyed = new KeyedMessageVerifier([SECRET])
    for (const value of ['session-id-123', { a: 1, b: ['x'] }, 42]) {
      const signed = stock(SECRET).sign(value, undefined, 'creditdesk-session')
      assert.equal(keyed.sign(value, undefined, 'creditdesk-session'), signed)
      assert.deepEqual(keyed.unsign(signed, 'creditdesk-session'), value)
      assert.deepEqual(stock(SECRET).unsign(keyed.sign(value, undefined, 'p'), 'p'), value)
      // a second time, from what it remembers
      assert.deepEqual(keyed.unsign(signed, 'creditdesk-session'), value)
    }
  })

  test('refuses a changed MAC, a changed message, another purpose, another key, an expired message and garbage', async ({ assert }) => {
    const keyed = new KeyedMessageVerifier([SECRET])
    const signed = keyed.sign('session-id', undefined, 'cookie')
    const [message, mac] = signed.split('.')
    assert.isNull(keyed.unsign(`${message}.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`, 'cookie'))
    assert.isNull(keyed.unsign(`${Buffer.from('{"message":"other","purpose":"cookie"}').toString('base64url')}.${mac}`, 'cookie'))
    assert.isNull(keyed.unsign(signed, 'another-purpose'))
    assert.isNull(new KeyedMessageVerifier(['some-other-secret-of-enough-length']).unsign(signed, 'cookie'))
    const brief = keyed.sign('x', '1ms', 'cookie')
    await new Promise((resolve) => setTimeout(resolve, 5))
    assert.isNull(keyed.unsign(brief, 'cookie'))
    for (const bad of [undefined, 12, '', '.', 'a.b.c', '%%%.abc', `${message}.`]) assert.isNull(keyed.unsign(bad, 'cookie'))
  })

  test('with rotated secrets it signs with the first and accepts all', ({ assert }) => {
    const keyed = new KeyedMessageVerifier([SECRET, OLD])
    assert.equal(keyed.unsign(stock(OLD).sign('v', undefined, 'p'), 'p'), 'v')
    assert.equal(keyed.sign('v', undefined, 'p'), stock(SECRET).sign('v', undefined, 'p'))
  })
})
