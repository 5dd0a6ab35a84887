import type { Niche, Platform, PostType } from '../../sdk/contracts/index.ts';

/** Countries with their weight among creators and their main language. */
export const COUNTRIES = Object.freeze([
  ['US', 0.22, 'en'],
  ['GB', 0.07, 'en'],
  ['IN', 0.1, 'hi'],
  ['BR', 0.1, 'pt'],
  ['ID', 0.08, 'id'],
  ['VN', 0.06, 'vi'],
  ['DE', 0.06, 'de'],
  ['FR', 0.06, 'fr'],
  ['ES', 0.05, 'es'],
  ['MX', 0.07, 'es'],
  ['JP', 0.05, 'ja'],
  ['TR', 0.04, 'tr'],
  ['PH', 0.04, 'en'],
] as const);
export const COUNTRY_WEIGHTS = COUNTRIES.map((c) => c[1]);

/** Where follower farms' accounts claim to live: audience geography that fits no creator. */
export const FARM_COUNTRIES = Object.freeze(['BD', 'PK', 'NG', 'EG', 'KE', 'VN', 'ID', 'RU']);
export const LANGUAGES = Object.freeze(['en', 'hi', 'pt', 'id', 'vi', 'de', 'fr', 'es', 'ja', 'tr', 'ru', 'ar', 'bn']);

export const PLATFORM_WEIGHTS: Readonly<Record<Platform, number>> = Object.freeze({ instagram: 0.5, tiktok: 0.3, youtube: 0.2 });

export const POST_TYPE_MIX: Readonly<Record<Platform, readonly (readonly [PostType, number])[]>> = Object.freeze({
  instagram: [
    ['image', 0.4],
    ['carousel', 0.25],
    ['reel', 0.35],
  ],
  tiktok: [['short', 1]],
  youtube: [
    ['video', 0.7],
    ['short', 0.3],
  ],
});

export const VIDEO_TYPES: ReadonlySet<PostType> = new Set(['reel', 'video', 'short']);

export const HASHTAGS: Readonly<Record<Niche, readonly string[]>> = Object.freeze({
  fashion: ['#fashion', '#ootd', '#style', '#streetstyle', '#outfit'],
  beauty: ['#beauty', '#makeup', '#skincare', '#glow', '#mua'],
  fitness: ['#fitness', '#gym', '#workout', '#fitfam', '#health'],
  food: ['#food', '#foodie', '#recipe', '#yummy', '#homecooking'],
  travel: ['#travel', '#wanderlust', '#travelgram', '#explore', '#vacation'],
  tech: ['#tech', '#gadgets', '#unboxing', '#setup', '#review'],
  gaming: ['#gaming', '#gamer', '#esports', '#twitch', '#gameplay'],
  parenting: ['#parenting', '#momlife', '#family', '#kids', '#dadlife'],
  finance: ['#finance', '#investing', '#money', '#budget', '#stocks'],
  lifestyle: ['#lifestyle', '#daily', '#vlog', '#home', '#selfcare'],
});
export const GENERIC_HASHTAGS = Object.freeze(['#fyp', '#viral', '#love', '#instagood', '#trending', '#ad', '#new']);

const SYLLABLES = ['lu', 'ma', 'no', 'va', 'ri', 'ka', 'to', 'be', 'la', 'zen', 'mi', 'ra', 'so', 'fi', 'do', 'ne', 'xo', 'ta'];
const SUFFIXES = ['', '.official', '_daily', '.co', '_tv', '.studio', '_life'];
const BRAND_WORDS = ['Goods', 'Labs', 'Co', 'Studio', 'Collective', 'Works', 'Club', 'Market'];

/** A made-up handle from syllables plus a code that keeps it unique. */
export function handleOf(pick: (n: number) => number, code: string): string {
  let s = '';
  const n = 2 + pick(3);
  for (let i = 0; i < n; i++) s += SYLLABLES[pick(SYLLABLES.length)];
  return `${s}${SUFFIXES[pick(SUFFIXES.length)]}_${code.slice(0, 4)}`;
}

export function brandNameOf(pick: (n: number) => number): string {
  let s = '';
  const n = 2 + pick(2);
  for (let i = 0; i < n; i++) s += SYLLABLES[pick(SYLLABLES.length)];
  return `${s.charAt(0).toUpperCase()}${s.slice(1)} ${BRAND_WORDS[pick(BRAND_WORDS.length)]}`;
}
