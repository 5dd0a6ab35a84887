/** Training must be reproducible from the spec's seed alone: the one seeded generator of the SDK. */
export { seeded } from '../../util/random.ts';
