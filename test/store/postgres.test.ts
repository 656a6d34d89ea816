import { describe, it } from 'vitest';
import { createTestDatabase, openTestStore } from '../helpers/databases.js';
import { requireDependency } from '../helpers/env.js';
import { runStoreConformance } from './conformance.js';

if (await requireDependency('postgres')) {
  runStoreConformance('PostgreSQL', async () => {
    const db = await createTestDatabase('postgres');
    return { store: await openTestStore(db), drop: () => db.drop() };
  });
} else {
  describe.skip('store conformance: PostgreSQL (not reachable)', () => it('skipped', () => undefined));
}
