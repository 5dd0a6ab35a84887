import {
  approxDistinct,
  caseWhen,
  col,
  count,
  creator,
  defineFeatureSet,
  derive,
  feat,
  lit,
  mean,
  safeDiv,
  sum,
} from '../../sdk/features/index.ts';
import { commentsSource } from '../sources.ts';

/**
 * Comment quality. Bot comments: duplicated texts, emoji-only, stray languages. Engagement pods: a small
 * recurring set of authors writes a large share of the comments (few distinct authors per comment).
 */
export const creatorComments = defineFeatureSet({
  name: 'creator_comments',
  version: 1,
  description: 'Duplicate, emoji-only and language mix of comments; concentration of comment authors.',
  entity: creator,
  source: commentsSource,
  windows: ['7d', '28d'],
  features: {
    comments: count(),
    authors: approxDistinct('author_id'),
    texts: approxDistinct('text_hash'),
    languages: approxDistinct('language'),
    emoji_only: sum(caseWhen([[col('is_emoji_only'), lit(1)]], lit(0))),
    length: mean('length'),
    duplicate_share: derive(lit(1).minus(safeDiv(feat('texts'), feat('comments')))),
    emoji_share: derive(safeDiv(feat('emoji_only'), feat('comments'))),
    author_concentration: derive(lit(1).minus(safeDiv(feat('authors'), feat('comments')))),
  },
});
