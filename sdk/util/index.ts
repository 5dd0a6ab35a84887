/** Small helpers shared by every layer. */
export { didYouMean, suggest } from './suggest.ts';
