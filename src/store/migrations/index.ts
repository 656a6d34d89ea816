/**
 * The one migration chain, from an empty database, for SQLite and PostgreSQL. Column types are
 * chosen to mean the same on both; the few dialect-specific statements are marked.
 */
import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import type { Dialect } from '../db.js';
import { accounts } from './0003-accounts.js';
import { fairPlay } from './0004-fair-play.js';
import { capabilities } from './0005-capabilities.js';
import { uploadHousekeeping } from './0006-upload-housekeeping.js';
import { campGaps } from './0007-camp-gaps.js';
import { voteSources } from './0008-vote-sources.js';
import { comments } from './0009-comments.js';
import { mediumRendition } from './0010-medium-rendition.js';
import { arena } from './0011-arena.js';
import { rooms } from './0012-rooms.js';
import { columnTypes } from './columns.js';

// Kysely's migrations operate on an untyped database: the schema is what they create.
export type AnyDb = Kysely<unknown>;

function initial(dialect: Dialect): Migration {
  const { time, blob } = columnTypes(dialect);
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('worldcups')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('slug', 'text', (c) => c.unique())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('visibility', 'text', (c) => c.notNull())
        .addColumn('tags', 'text', (c) => c.notNull())
        .addColumn('search_text', 'text', (c) => c.notNull())
        .addColumn('candidate_count', 'integer', (c) => c.notNull())
        .addColumn('cover_image_id', 'text')
        .addColumn('plays', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('finishes', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', time, (c) => c.notNull())
        .addColumn('updated_at', time, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('worldcups_new').on('worldcups').columns(['visibility', 'created_at', 'id']).execute();
      await db.schema.createIndex('worldcups_popular').on('worldcups').columns(['visibility', 'plays', 'id']).execute();
      await db.schema.createIndex('worldcups_owner').on('worldcups').columns(['owner', 'created_at']).execute();

      await db.schema
        .createTable('worldcup_tags')
        .addColumn('worldcup_id', 'text', (c) => c.notNull().references('worldcups.id').onDelete('cascade'))
        .addColumn('tag', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('worldcup_tags_pk', ['tag', 'worldcup_id'])
        .execute();
      await db.schema.createIndex('worldcup_tags_wc').on('worldcup_tags').column('worldcup_id').execute();

      await db.schema
        .createTable('uploads')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('width', 'integer', (c) => c.notNull())
        .addColumn('height', 'integer', (c) => c.notNull())
        .addColumn('bytes', 'integer', (c) => c.notNull())
        .addColumn('image', blob, (c) => c.notNull())
        .addColumn('thumb', blob, (c) => c.notNull())
        .addColumn('created_at', time, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('candidates')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('worldcup_id', 'text', (c) => c.notNull().references('worldcups.id').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('group_name', 'text')
        .addColumn('caption', 'text')
        .addColumn('image_id', 'text', (c) => c.references('uploads.id'))
        .addColumn('video_url', 'text')
        .addColumn('video_id', 'text')
        .addColumn('video_start', 'integer')
        .addColumn('video_end', 'integer')
        .addColumn('text', 'text')
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('appearances', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('championships', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex('candidates_wc').on('candidates').columns(['worldcup_id', 'position']).execute();

      await db.schema
        .createTable('games')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('worldcup_id', 'text', (c) => c.notNull().references('worldcups.id').onDelete('cascade'))
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_at', time, (c) => c.notNull())
        .addColumn('updated_at', time, (c) => c.notNull())
        .addColumn('finished_at', time)
        .addColumn('champion_id', 'text')
        .execute();
      await db.schema.createIndex('games_wc').on('games').column('worldcup_id').execute();

      await db.schema
        .createTable('game_entrants')
        .addColumn('game_id', 'text', (c) => c.primaryKey().references('games.id').onDelete('cascade'))
        .addColumn('entrants', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('picks')
        .addColumn('game_id', 'text', (c) => c.notNull().references('games.id').onDelete('cascade'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('worldcup_id', 'text', (c) => c.notNull())
        .addColumn('round', 'integer', (c) => c.notNull())
        .addColumn('winner_id', 'text', (c) => c.notNull())
        .addColumn('loser_id', 'text', (c) => c.notNull())
        .addColumn('created_at', time, (c) => c.notNull())
        .addColumn('undone_at', time)
        .addPrimaryKeyConstraint('picks_pk', ['game_id', 'version'])
        .execute();

      await db.schema
        .createTable('pair_counts')
        .addColumn('worldcup_id', 'text', (c) => c.notNull().references('worldcups.id').onDelete('cascade'))
        .addColumn('lo_id', 'text', (c) => c.notNull())
        .addColumn('hi_id', 'text', (c) => c.notNull())
        .addColumn('lo_wins', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('hi_wins', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('ties', 'integer', (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('pair_counts_pk', ['worldcup_id', 'lo_id', 'hi_id'])
        .execute();

      // Substring search that works for Korean (no word boundaries): trigram indexes.
      if (dialect === 'sqlite') {
        await sql`CREATE VIRTUAL TABLE worldcup_search USING fts5(worldcup_id UNINDEXED, body, tokenize = 'trigram')`.execute(db);
      } else {
        await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);
        await sql`CREATE INDEX worldcups_search_trgm ON worldcups USING gin (search_text gin_trgm_ops)`.execute(db);
      }
    },
  };
}

function rankingSnapshots(dialect: Dialect): Migration {
  const { time } = columnTypes(dialect);
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('ranking_snapshots')
        .addColumn('worldcup_id', 'text', (c) => c.notNull().references('worldcups.id').onDelete('cascade'))
        .addColumn('bucket', 'integer', (c) => c.notNull())
        .addColumn('taken_at', time, (c) => c.notNull())
        .addColumn('items', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('ranking_snapshots_pk', ['worldcup_id', 'bucket'])
        .execute();
    },
  };
}

class ChainProvider implements MigrationProvider {
  constructor(private readonly dialect: Dialect) {}
  getMigrations(): Promise<Record<string, Migration>> {
    // Names sort lexically; append new migrations, never edit a shipped one.
    return Promise.resolve({
      '0001_initial': initial(this.dialect),
      '0002_ranking_snapshots': rankingSnapshots(this.dialect),
      '0003_accounts': accounts(this.dialect),
      '0004_fair_play': fairPlay(this.dialect),
      '0005_capabilities': capabilities(this.dialect),
      '0006_upload_housekeeping': uploadHousekeeping(this.dialect),
      '0007_camp_gaps': campGaps(this.dialect),
      '0008_vote_sources': voteSources(this.dialect),
      '0009_comments': comments(this.dialect),
      '0010_medium_rendition': mediumRendition(this.dialect),
      '0011_arena': arena(this.dialect),
      '0012_rooms': rooms(this.dialect),
    });
  }
}

/** Brings the database up to the latest schema; throws with the failing migration's error. */
export async function migrateToLatest(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const migrator = new Migrator({ db, provider: new ChainProvider(dialect) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`);
  }
}
