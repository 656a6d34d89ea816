import { describe, expect, it } from 'vitest';
import { hashPassword, verifyAgainstNothing, verifyPassword } from './passwords.js';

describe('passwords', () => {
  it('stores scrypt$N$r$p$salt$hash with a fresh salt, and verifies only the right password', async () => {
    const [a, b] = await Promise.all([hashPassword('correct horse'), hashPassword('correct horse')]);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse', a)).toBe(true);
    expect(await verifyPassword('correct horse', b)).toBe(true);
    expect(await verifyPassword('correct horsE', a)).toBe(false);
    expect(await verifyPassword('', a)).toBe(false);
  });

  it('matches a Korean password typed composed or decomposed (NFKC)', async () => {
    const stored = await hashPassword('비밀번호입니다'.normalize('NFC'));
    expect(await verifyPassword('비밀번호입니다'.normalize('NFD'), stored)).toBe(true);
  });

  it('rejects stored strings it did not write, and out-of-bounds costs, without trying them', async () => {
    for (const stored of ['', 'plain', 'bcrypt$10$x$y', 'scrypt$3$8$1$c2FsdA$a2V5a2V5a2V5a2V5a2V5', 'scrypt$4194304$8$1$c2FsdA$a2V5a2V5a2V5a2V5a2V5']) {
      expect(await verifyPassword('anything', stored)).toBe(false);
    }
  });

  it('verifying against no account answers false', async () => {
    expect(await verifyAgainstNothing('whatever')).toBe(false);
  });
});
