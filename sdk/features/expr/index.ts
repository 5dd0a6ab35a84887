/** The expression AST: one node kind per file, built by functions, never by JS lambdas. */
export { add, div, mul, sub } from './arith.ts';
export { caseWhen } from './case-when.ts';
export { cast } from './cast.ts';
export { coalesce } from './coalesce.ts';
export { col } from './col.ts';
export { eq, gt, gte, lt, lte, neq } from './compare.ts';
export { compileEvaluator, type Evaluator, type Row } from './evaluate.ts';
export { feat } from './feat.ts';
export { isNull } from './is-null.ts';
export { lit, toExpr } from './lit.ts';
export { and, or } from './logic.ts';
export type { ColsOf, Expr, ExprArg, ExprLike, ExprNode } from './node.ts';
export { isExpr } from './node.ts';
export { not } from './not.ts';
export { safeDiv } from './safe-div.ts';
export { type TypingScope, typeOfExpr, walkExpr } from './typing.ts';
