import * as v from 'valibot';

/**
 * The shape of `kol.config.json`. Every section is optional; unknown keys are errors (a typo would otherwise
 * be silently ignored). Top-level sections apply to every profile; `profiles.<name>` overrides them.
 */
const url = v.pipe(v.string(), v.minLength(1));
const str = v.pipe(v.string(), v.minLength(1));

const sections = {
  home: v.optional(str),
  duckdb: v.optional(v.strictObject({ database: v.optional(str), extensionDirectory: v.optional(str) })),
  lake: v.optional(
    v.strictObject({
      warehouse: v.optional(str),
      catalogUri: v.optional(url),
      catalogAuth: v.optional(
        v.variant('type', [
          v.strictObject({ type: v.literal('none') }),
          v.strictObject({ type: v.literal('bearer'), token: str }),
          v.strictObject({
            type: v.literal('oauth2'),
            clientId: str,
            clientSecret: str,
            tokenUri: v.optional(url),
            scope: v.optional(str),
          }),
        ]),
      ),
      namespaces: v.optional(v.strictObject({ bronze: v.optional(str), silver: v.optional(str), gold: v.optional(str) })),
      buckets: v.optional(v.strictObject({ bronze: v.optional(str), silver: v.optional(str), gold: v.optional(str) })),
    }),
  ),
  s3: v.optional(
    v.strictObject({
      endpoint: v.optional(url),
      region: v.optional(str),
      accessKeyId: v.optional(str),
      secretAccessKey: v.optional(str),
      forcePathStyle: v.optional(v.boolean()),
    }),
  ),
  trino: v.optional(
    v.strictObject({ server: v.optional(url), catalog: v.optional(str), user: v.optional(str), password: v.optional(str) }),
  ),
  mlflow: v.optional(
    v.strictObject({
      trackingUri: v.optional(url),
      token: v.optional(str),
      username: v.optional(str),
      password: v.optional(str),
      experimentPrefix: v.optional(str),
    }),
  ),
  kafka: v.optional(v.strictObject({ brokers: v.optional(v.union([str, v.array(str)])), clientId: v.optional(str) })),
  redis: v.optional(v.strictObject({ url: v.optional(url) })),
  postgres: v.optional(v.strictObject({ url: v.optional(url) })),
  events: v.optional(v.strictObject({ source: v.optional(v.picklist(['files', 'kafka'])), dir: v.optional(str) })),
  services: v.optional(v.strictObject({ runDir: v.optional(str), cacheDir: v.optional(str) })),
};

export const ProfileOverridesSchema = v.strictObject(sections);

export const ConfigFileSchema = v.strictObject({
  $schema: v.optional(v.string()),
  profile: v.optional(v.picklist(['local', 'cluster'])),
  profiles: v.optional(v.strictObject({ local: v.optional(ProfileOverridesSchema), cluster: v.optional(ProfileOverridesSchema) })),
  ...sections,
});

export type ProfileOverrides = v.InferOutput<typeof ProfileOverridesSchema>;
export type ConfigFile = v.InferOutput<typeof ConfigFileSchema>;

/** Every top-level key a section may have: used to suggest the nearest one for a typo. */
export const KNOWN_KEYS: Readonly<Record<string, readonly string[]>> = {
  '': ['$schema', 'profile', 'profiles', ...Object.keys(sections)],
  ...Object.fromEntries(
    Object.entries(sections).map(([k, s]) => {
      const inner = (s as { wrapped?: { entries?: Record<string, unknown> } }).wrapped?.entries;
      return [k, inner ? Object.keys(inner) : []];
    }),
  ),
};
