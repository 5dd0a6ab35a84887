import { describe, expect, it } from 'vitest';
import { binaryMetrics, evaluationCard, figureToSvg, rocAuc } from '../../sdk/train/index.ts';

const probability = [0.1, 0.4, 0.35, 0.8, 0.8, 0.2, 0.9, 0.65, 0.5, 0.5];
const label = [0, 0, 1, 1, 0, 0, 1, 1, 1, 0];
const tier = ['nano', 'nano', 'nano', 'micro', 'micro', 'micro', 'mega', 'mega', 'mega', 'mega'];

describe('evaluation card', () => {
  it('reports the headline metrics and per-group metrics, null where a group has one class', () => {
    const card = evaluationCard({
      probability,
      label,
      threshold: 0.5,
      groups: { tier },
      importance: [
        { name: 'a', gain: 2, splits: 3 },
        { name: 'b', gain: 5, splits: 1 },
      ],
    });
    expect(card.test.roc_auc).toBeCloseTo(0.76, 12);
    expect(card.test.rows).toBe(10);
    expect(Object.keys(card.groups.tier ?? {})).toEqual(['mega', 'micro', 'nano']);
    expect(card.groups.tier?.mega?.roc_auc).toBeCloseTo(rocAuc([0.9, 0.65, 0.5, 0.5], [1, 1, 1, 0]), 12);
    expect(binaryMetrics([0.2, 0.3], [0, 0], 0.5).roc_auc).toBeNull();
    expect(card.importance.map((i) => i.name)).toEqual(['b', 'a']);
    expect(card.plots.roc.data[0]?.type).toBe('scatter');
  });

  it('renders each plot as a standalone SVG image', () => {
    const card = evaluationCard({ probability, label, threshold: 0.5, importance: [{ name: 'x<y', gain: 1, splits: 1 }] });
    for (const figure of Object.values(card.plots)) {
      const svg = figureToSvg(figure);
      expect(svg.startsWith('<svg')).toBe(true);
      expect(svg).toMatch(/<(path|rect) /);
    }
    expect(figureToSvg(card.plots.importance)).toContain('x&lt;y');
  });
});
