/** Small helpers shared by every layer. */
export { seeded } from './random.ts';
export { didYouMean, suggest } from './suggest.ts';
