/**
 * Loads every builder that the chaining methods of `node.ts` call, so that `col('a').plus(...)` works whichever
 * file a node came from.
 */
import './arith.ts';
import './cast.ts';
import './compare.ts';
import './is-null.ts';
import './logic.ts';
import './not.ts';
