import { AUDIENCE_SAMPLE_SIZE } from './calibration.ts';
import type { Rng } from './prng.ts';
import { COUNTRIES, COUNTRY_WEIGHTS, FARM_COUNTRIES } from './vocab.ts';

/** One sampled follower's profile signals. */
export interface Follower {
  readonly has_avatar: boolean;
  readonly has_bio: boolean;
  readonly followers: number;
  readonly following: number;
  readonly posts: number;
  readonly account_age_days: number;
  readonly country: string;
}

/**
 * A real account: mostly with avatar and bio, a few hundred followers, aged; about one in ten follows more
 * than 1,500 accounts (a mass follower) as in real audiences. Most live in the creator's country.
 */
export function realFollower(rng: Rng, creatorCountry: string): Follower {
  return {
    has_avatar: rng.chance(0.92),
    has_bio: rng.chance(0.6),
    followers: Math.round(300 * Math.exp(1.2 * rng.normal())),
    following: Math.round(500 * Math.exp(0.9 * rng.normal())),
    posts: Math.round(80 * Math.exp(1.3 * rng.normal())),
    account_age_days: Math.round(rng.range(120, 4000)),
    country: rng.chance(0.6) ? creatorCountry : (COUNTRIES[rng.weighted(COUNTRY_WEIGHTS)] as (typeof COUNTRIES)[number])[0],
  };
}

/** A fake account (bought, farmed): no avatar or bio, almost no posts, young, follows thousands, far away. */
export function fakeFollower(rng: Rng): Follower {
  return {
    has_avatar: rng.chance(0.25),
    has_bio: rng.chance(0.1),
    followers: rng.int(60),
    following: Math.round(rng.range(800, 7500)),
    posts: rng.int(7),
    account_age_days: Math.round(rng.range(5, 200)),
    country: rng.chance(0.7) ? rng.pick(FARM_COUNTRIES) : (COUNTRIES[rng.weighted(COUNTRY_WEIGHTS)] as (typeof COUNTRIES)[number])[0],
  };
}

/** Followers of one audience sample, each fake with probability `fakeShare`. */
export function sampleAudience(rng: Rng, fakeShare: number, creatorCountry: string): Follower[] {
  return Array.from({ length: AUDIENCE_SAMPLE_SIZE }, () =>
    rng.chance(fakeShare) ? fakeFollower(rng) : realFollower(rng, creatorCountry),
  );
}
