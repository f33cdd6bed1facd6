/**
 * The one password policy (backend/contract/password.ts), which the server validator and the
 * portal's live hints both apply: a letter is any script's letter, lengths count characters.
 */
import { test } from '@japa/runner'
import { checkPassword, firstFailedRule, passwordLength } from '#contract/password'
import { changePasswordValidator } from '#validators/auth'

test.group('password policy', () => {
  test('a letter of any script and a digit are required', ({ assert }) => {
    assert.isNull(firstFailedRule('correct horse 7'))
    assert.isNull(firstFailedRule('密码密码密码密码密码1'))
    assert.isNull(firstFailedRule('éééééééééé1'))
    assert.equal(firstFailedRule('1234567890123'), 'letterDigit')
    assert.equal(firstFailedRule('onlyletters-here'), 'letterDigit')
  })

  test('length counts characters, not UTF-16 units; the email is refused', ({ assert }) => {
    assert.equal(passwordLength('😀'), 1)
    assert.equal(firstFailedRule('😀😀😀😀😀a1'), 'length')
    assert.equal(firstFailedRule('a1'.repeat(64) + 'x'), 'length')
    assert.isFalse(checkPassword('Bob@Example.com1', ' bob@example.com1 ').notEmail)
  })

  test('the server validator applies the same rule', async ({ assert }) => {
    const valid = await changePasswordValidator.validate({ current_password: 'x', password: '密码密码密码密码密码1' })
    assert.equal(valid.password, '密码密码密码密码密码1')
    await assert.rejects(() => changePasswordValidator.validate({ current_password: 'x', password: '12345678901' }))
    await assert.rejects(() => changePasswordValidator.validate({ current_password: 'x', password: '😀😀😀😀😀a1' }))
  })
})
