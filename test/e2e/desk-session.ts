// The desk's browser tests and bench:desk sign in the way the local sign-in page does.

/** The page script that signs in through the local stack's sign-in and keeps the token where the portal reads it. */
export const localSignIn = (email: string, language: 'he' | 'en') => `(async () => {
  const response = await fetch('/_local/sign-in', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: ${JSON.stringify(email)} }) });
  const { idToken } = await response.json();
  sessionStorage.setItem('portal.session', JSON.stringify({ idToken, refreshToken: null }));
  localStorage.setItem('portal.language', ${JSON.stringify(language)});
})()`;

