import { createTestDatabase, openTestStore } from '../helpers/databases.js';
import { runStoreConformance } from './conformance.js';

runStoreConformance('SQLite', async () => {
  const db = await createTestDatabase('sqlite');
  return { store: await openTestStore(db), drop: () => db.drop() };
});
