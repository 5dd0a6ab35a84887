import { InvalidArgumentError } from 'commander';
import { parseParam, type SqlValue } from '../../query/index.ts';

/** Commander's collector for repeated `--param name=value`: a bad one is a usage error naming the fix. */
export function parseParamOption(text: string, previous: readonly [string, SqlValue][]): [string, SqlValue][] {
  try {
    return [...previous, parseParam(text)];
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}
