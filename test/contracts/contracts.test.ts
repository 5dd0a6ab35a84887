import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { generateWorld, memorySink, type WorldRows, worldOptions } from '../../data-samples/generator/index.ts';
import {
  ALL_CONTRACTS,
  assertCompatible,
  campaigns,
  checkCompatibility,
  compileValidator,
  contractByName,
  contractJsonSchema,
  deadLetterEnvelope,
  deadLetters,
  defineContract,
  EVENT_CONTRACTS,
  type EventRow,
  engagementObservations,
  followerSnapshots,
  icebergSchema,
  jsonSchemaFiles,
  knownAtColumn,
  posts,
  type RowOfContract,
  validate,
} from '../../sdk/contracts/index.ts';
import { IssuesError } from '../../sdk/errors/index.ts';
import { t } from '../../sdk/types/index.ts';
import { fuzz } from './fuzz.ts';

let good: WorldRows;
beforeAll(async () => {
  const sink = memorySink();
  await generateWorld(worldOptions('xs', 1, { creators: 20, days: 45 }), sink);
  good = sink.rows;
}, 60_000);

describe('contracts', () => {
  it('are frozen plain data with a topic, key and time columns', () => {
    expect(EVENT_CONTRACTS.map((c) => c.topic)).toEqual([
      'kol.creators.v1',
      'kol.follower_snapshots.v1',
      'kol.posts.v1',
      'kol.engagement_observations.v1',
      'kol.comments.v1',
      'kol.audience_samples.v1',
      'kol.brands.v1',
      'kol.campaigns.v1',
      'kol.campaign_results.v1',
      'kol.trust_labels.v1',
      'kol.campaign_outcomes.v1',
    ]);
    for (const c of ALL_CONTRACTS) {
      expect(c.kind).toBe('contract');
      expect(Object.isFrozen(c) && Object.isFrozen(c.columns)).toBe(true);
      expect(Object.keys(c.columns)[0]).toBe('event_id');
    }
    expect(EVENT_CONTRACTS.filter((c) => c.key === 'creator_id').map((c) => c.name)).toHaveLength(7);
    expect(campaigns.key).toBe('campaign_id');
    expect(contractByName('campaign_results')?.key).toBe('campaign_id');
    expect(contractByName('campaign_outcomes')?.key).toBe('campaign_id');
    expect(engagementObservations.observedTime).toBe('observed_at');
    expect(knownAtColumn(engagementObservations)).toBe('observed_at');
    expect(knownAtColumn(posts)).toBe('posted_at');
    expect(deadLetters.topic).toBe('kol.deadletter.v1');
  });

  it('infer their row types from their columns', () => {
    type Post = RowOfContract<typeof posts>;
    expectTypeOf<Post['post_type']>().toEqualTypeOf<'image' | 'carousel' | 'reel' | 'video' | 'short'>();
    expectTypeOf<Post['hashtags']>().toEqualTypeOf<readonly string[]>();
    expectTypeOf<Post['campaign_id']>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<EventRow<'follower_snapshots'>['followers']>().toEqualTypeOf<number>();
    expectTypeOf<EventRow<'trust_labels'>['fraud_types'][number]>().toEqualTypeOf<
      'bought_followers' | 'follow_unfollow' | 'bought_likes' | 'engagement_pod' | 'bot_comments' | 'low_credibility_audience'
    >();
  });

  it('collect every problem of a bad definition at once', () => {
    const attempt = () =>
      defineContract({
        name: 'Bad-Name',
        version: 0,
        description: '',
        key: 'creator',
        eventTime: 'likes',
        columns: { likes: t.int64(), creator_id: t.string() },
      });
    expect(attempt).toThrow(IssuesError);
    try {
      attempt();
    } catch (error) {
      const codes = (error as IssuesError).issues.map((i) => i.code);
      expect(codes).toEqual(
        expect.arrayContaining([
          'contracts.name',
          'contracts.version',
          'contracts.event_id',
          'contracts.unknown_column',
          'contracts.column_type',
        ]),
      );
      expect((error as IssuesError).message).toContain("did you mean 'creator_id'");
    }
  });

  it('give Iceberg schemas with stable field ids and list element ids above them', () => {
    const s = icebergSchema(posts);
    expect(s.fields.map((f) => [f.id, f.name, f.required])).toEqual([
      [1, 'event_id', true],
      [2, 'post_id', true],
      [3, 'creator_id', true],
      [4, 'posted_at', true],
      [5, 'post_type', true],
      [6, 'caption_length', true],
      [7, 'hashtags', true],
      [8, 'is_sponsored', true],
      [9, 'campaign_id', false],
    ]);
    expect(s.fields[6]?.type).toEqual({ type: 'list', 'element-id': 1007, element: 'string', 'element-required': true });
    expect(s['identifier-field-ids']).toEqual([1]);
    expect(icebergSchema(followerSnapshots).fields.find((f) => f.name === 'captured_at')?.type).toBe('timestamptz');
    // appending a column keeps every existing id, the list element's included
    const next = defineContract({ ...posts, revision: 1, columns: { ...posts.columns, location: t.string().optional() } });
    expect(icebergSchema(next).fields.slice(0, 9)).toEqual(s.fields);
    expect(icebergSchema(next).fields[9]).toEqual({ id: 10, name: 'location', required: false, type: 'string' });
  });

  it('match the committed JSON Schemas (golden: npx tsx sdk/contracts/write-json-schemas.ts)', () => {
    const dir = join(import.meta.dirname, '..', '..', 'sdk', 'contracts', 'json-schema');
    const files = jsonSchemaFiles(ALL_CONTRACTS);
    expect(readdirSync(dir).sort()).toEqual(Object.keys(files).sort());
    for (const [name, text] of Object.entries(files)) expect(readFileSync(join(dir, name), 'utf8'), name).toBe(text);
    const schema = contractJsonSchema(posts);
    expect(schema.required).not.toContain('campaign_id');
    expect(schema.additionalProperties).toBe(false);
  });
});

describe('validation', () => {
  it('accepts every generated record', () => {
    for (const c of EVENT_CONTRACTS) {
      const check = compileValidator(c);
      const rows = good[c.name];
      expect(rows.length, c.name).toBeGreaterThan(0);
      const failures = rows.map((r) => check(r)).filter((v) => !v.ok);
      expect(failures, c.name).toEqual([]);
    }
  });

  it('rejects every fuzzed bad record with a reason at the right path', () => {
    let total = 0;
    for (const [i, c] of EVENT_CONTRACTS.entries()) {
      const check = compileValidator(c);
      for (const bad of fuzz(c, good[c.name], 150, 1000 + i)) {
        total++;
        let parsed: unknown;
        try {
          parsed = JSON.parse(bad.line);
        } catch {
          expect(bad.mutation).toBe('truncated JSON');
          continue;
        }
        const v = check(parsed);
        expect(v.ok, `${c.name}: ${bad.mutation} accepted: ${bad.line}`).toBe(false);
        if (!v.ok) {
          expect(
            v.problems.map((p) => p.path),
            `${c.name}: ${bad.mutation}`,
          ).toContain(bad.path);
          for (const p of v.problems) expect(p.reason.length).toBeGreaterThan(5);
        }
      }
    }
    expect(total).toBe(150 * EVENT_CONTRACTS.length);
  });

  it('reports all problems of a record, not only the first', () => {
    const v = validate(followerSnapshots, { event_id: 'x', followers: -3, following: 'many', captured_at: 'now', typo_field: 1 });
    expect(v.ok).toBe(false);
    if (!v.ok) {
      expect(v.problems.map((p) => p.path).sort()).toEqual(
        ['captured_at', 'creator_id', 'followers', 'following', 'posts_count', 'snapshot_date', 'typo_field'].sort(),
      );
    }
  });

  it('checks cross-column rules: an observation cannot precede its post', () => {
    const row = { ...(good.engagement_observations[0] as Record<string, unknown>) };
    row.observed_at = '2020-01-01T00:00:00.000Z';
    const v = validate(engagementObservations, row);
    expect(v.ok ? [] : v.problems.map((p) => p.path)).toEqual(['observed_at']);
  });
});

describe('evolution', () => {
  const v11 = defineContract({ ...posts, revision: 1, columns: { ...posts.columns, location: t.string().optional() } });

  it('accepts an added optional column as backward compatible, and old records still validate', () => {
    expect(checkCompatibility(posts, v11)).toEqual([]);
    expect(() => assertCompatible(posts, v11)).not.toThrow();
    const check = compileValidator(v11);
    expect(good.posts.filter((r) => !check(r).ok)).toEqual([]);
    // new records carry the field; a consumer on the old revision can read them when it allows unknown fields
    const newer = { ...(good.posts[0] as Record<string, unknown>), location: 'Lisbon' };
    expect(check(newer).ok).toBe(true);
    expect(validate(posts, newer).ok).toBe(false);
    expect(compileValidator(posts, { unknownFields: 'allow' })(newer).ok).toBe(true);
  });

  it('refuses breaking changes without a version bump, each with its reason', () => {
    const { campaign_id: _dropped, ...rest } = posts.columns;
    const cases = {
      'contracts.compat.new_required': defineContract({ ...posts, revision: 1, columns: { ...posts.columns, location: t.string() } }),
      'contracts.compat.removed': defineContract({ ...posts, revision: 1, columns: rest }),
      'contracts.compat.type': defineContract({ ...posts, revision: 1, columns: { ...posts.columns, caption_length: t.string() } }),
      'contracts.compat.required': defineContract({ ...posts, revision: 1, columns: { ...posts.columns, campaign_id: t.string() } }),
      'contracts.compat.revision': defineContract({ ...posts, columns: { ...posts.columns, location: t.string().optional() } }),
      'contracts.compat.time_or_key': defineContract({ ...posts, revision: 1, key: 'post_id' }),
    };
    for (const [code, next] of Object.entries(cases)) {
      expect(
        checkCompatibility(posts, next).map((i) => i.code),
        code,
      ).toContain(code);
      expect(() => assertCompatible(posts, next)).toThrow(IssuesError);
    }
    // narrowing an enum breaks old records; widening it does not
    const narrower = defineContract({ ...posts, revision: 1, columns: { ...posts.columns, post_type: t.enum(['image', 'reel']) } });
    const wider = defineContract({
      ...posts,
      revision: 1,
      columns: { ...posts.columns, post_type: t.enum(['image', 'carousel', 'reel', 'video', 'short', 'live']) },
    });
    expect(checkCompatibility(posts, narrower).map((i) => i.code)).toEqual(['contracts.compat.type']);
    expect(checkCompatibility(posts, wider)).toEqual([]);
  });

  it('allows a breaking change with a version bump, on a new topic', () => {
    const v2 = defineContract({ ...posts, version: 2, columns: { ...posts.columns, location: t.string() } });
    expect(checkCompatibility(posts, v2)).toEqual([]);
    expect(v2.topic).toBe('kol.posts.v2');
    expect(checkCompatibility(v2, posts).map((i) => i.code)).toEqual(['contracts.compat.version']);
  });
});

describe('dead letters', () => {
  it('wrap a failed record with its reasons, contract and original payload, and are valid themselves', () => {
    const line = '{"event_id":"po-1","likes":-1}';
    const v = validate(posts, JSON.parse(line));
    expect(v.ok).toBe(false);
    const letter = deadLetterEnvelope({
      contract: posts,
      problems: v.ok ? [] : v.problems,
      payload: line,
      source: 'posts.jsonl:3',
      detectedAt: '2024-01-01T00:00:00.000Z',
    });
    expect(letter).toMatchObject({
      contract: 'posts',
      contract_version: '1.0',
      topic: 'kol.posts.v1',
      payload: line,
      original_event_id: 'po-1',
    });
    expect(letter.reasons).toContain("likes: unknown field 'likes' in 'posts'");
    expect(validate(deadLetters, letter).ok).toBe(true);
    const notJson = deadLetterEnvelope({
      contract: posts,
      problems: [{ path: '', reason: 'not JSON' }],
      payload: '{oops',
      source: 'x:1',
      detectedAt: '2024-01-01T00:00:00.000Z',
    });
    expect(notJson.original_event_id).toBeNull();
    expect(notJson.reasons).toEqual(['(record): not JSON']);
  });
});
