import type { AggSpec } from './aggregates/define.ts';
import type { ListOfInput, SameAsInput } from './aggregates/values.ts';
import type { CohortSpec } from './cohort.ts';
import type { DerivedSpec } from './derived.ts';
import type { FeatureSetDef } from './feature-set.ts';
import type { SourceDef } from './source.ts';
import type { TsOfKind } from './value-type.ts';

/**
 * The TypeScript row type of a feature set's output, from its definition alone:
 * entity keys, `as_of: Date`, then one property per output (`likes_sum_7d: bigint | null`, …).
 *
 * @example type Row = InferFeatureRow<typeof creatorEngagement>;
 */
export type InferFeatureRow<S> =
  S extends FeatureSetDef<string, infer E, infer Src, infer W, infer F>
    ? Simplify<KeyColumns<E['keys'][number], ColsOfSource<Src>> & { as_of: Date } & FromEntries<Entries<F, W, ColsOfSource<Src>>>>
    : never;

type Simplify<T> = { [K in keyof T]: T[K] } & {};
type ColsOfSource<S> = S extends SourceDef<string, infer C> ? C : Record<string, unknown>;

type KeyColumns<K extends string, Cols> = { [P in K]: P extends keyof Cols ? Exclude<TsOfColumn<Cols[P]>, null> : string };

/** The TS type a declared column type reads back as. */
export type TsOfColumn<T> = T extends { readonly __ts?: infer X } ? (unknown extends X ? KindTs<T> : X) : KindTs<T>;

type KindTs<T> = T extends keyof TsOfKind
  ? TsOfKind[T]
  : T extends { readonly kind: infer K }
    ? K extends keyof TsOfKind
      ? TsOfKind[K]
      : K extends 'int32' | 'int16' | 'int8'
        ? number
        : K extends 'float32'
          ? number
          : unknown
    : unknown;

type SuffixOf<Op extends string> = Op extends 'var_samp'
  ? 'var'
  : Op extends 'stddev_samp'
    ? 'stddev'
    : Op extends 'approx_distinct'
      ? 'distinct'
      : Op extends 'last_k'
        ? `last${number}`
        : Op;

type InputTs<C extends string, Cols> = [C] extends [never] ? number | bigint : C extends keyof Cols ? TsOfColumn<Cols[C]> : number | bigint;

type ResolveOut<Out, C extends string, Cols> = Out extends SameAsInput
  ? InputTs<C, Cols>
  : Out extends ListOfInput
    ? InputTs<C, Cols>[]
    : Out;

type Entry<K extends string, V> = { key: K; value: V };

type EntryOf<K extends string, Spec, W extends string, Cols> =
  Spec extends AggSpec<infer Op, infer C, infer Out>
    ? Entry<`${K}_${SuffixOf<Op>}_${W}`, ResolveOut<Out, C, Cols>>
    : Spec extends DerivedSpec<infer O, infer PW>
      ? PW extends true
        ? Entry<`${K}_${W}`, O>
        : Entry<K, O>
      : Spec extends CohortSpec
        ? Entry<`${K}_${W}`, number | null>
        : never;

type Entries<F, W extends string, Cols> = { [K in keyof F & string]: EntryOf<K, F[K], W, Cols> }[keyof F & string];

type FromEntries<E extends Entry<string, unknown>> = { [P in E as P['key']]: P['value'] };
