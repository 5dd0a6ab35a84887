/** The evaluation card: metrics overall and per group, extra splits, importance, plots (plotly JSON + SVG). */
export { type BinaryMetrics, binaryMetrics, type EvaluationCard, evaluationCard } from './card.ts';
export { calibrationFigure, type Figure, importanceFigure, rocFigure } from './plots.ts';
export { figureToSvg } from './svg.ts';
