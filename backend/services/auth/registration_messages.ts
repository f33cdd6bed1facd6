/**
 * The two emails a registration can send. The reply on the web is the same either way, so the
 * email is where the owner of an address learns what happened.
 */
export function registrationMessages(kind: 'welcome' | 'existing', facts: { signInUrl: string }) {
  if (kind === 'welcome') {
    return {
      subject: 'Your Creditdesk account is ready',
      text: [
        'Welcome to Creditdesk.',
        '',
        `Your account is ready. Sign in with this email address and the password you chose: ${facts.signInUrl}`,
        '',
        'If you did not create this account, contact support.',
      ].join('\n'),
    }
  }
  return {
    subject: 'Someone tried to create a Creditdesk account with your email address',
    text: [
      'Someone, perhaps you, tried to create a new Creditdesk account with this email address.',
      'You already have an account, so nothing was changed and no new account was created.',
      '',
      `To use your account, sign in: ${facts.signInUrl}`,
      'If you have forgotten your password, contact support for a reset link.',
      '',
      'If this was not you, you can ignore this message.',
    ].join('\n'),
  }
}
