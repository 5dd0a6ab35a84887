/** Plotly figures of the evaluation card, as plain JSON (`{data, layout}`): rendered by notebooks and MLflow. */
export interface Figure {
  readonly data: readonly Record<string, unknown>[];
  readonly layout: Record<string, unknown>;
}

export function rocFigure(curve: { fpr: number[]; tpr: number[] }, auc: number): Figure {
  return {
    data: [
      { type: 'scatter', mode: 'lines', name: `ROC (AUC ${auc.toFixed(3)})`, x: curve.fpr, y: curve.tpr },
      { type: 'scatter', mode: 'lines', name: 'chance', x: [0, 1], y: [0, 1], line: { dash: 'dot' } },
    ],
    layout: {
      title: { text: 'ROC curve' },
      xaxis: { title: { text: 'false positive rate' } },
      yaxis: { title: { text: 'true positive rate' } },
    },
  };
}

export function calibrationFigure(curve: { meanPredicted: number[]; observed: number[]; count: number[] }, ece: number): Figure {
  return {
    data: [
      {
        type: 'scatter',
        mode: 'lines+markers',
        name: `model (ECE ${ece.toFixed(3)})`,
        x: curve.meanPredicted,
        y: curve.observed,
        text: curve.count.map((c) => `${c} rows`),
      },
      { type: 'scatter', mode: 'lines', name: 'perfect', x: [0, 1], y: [0, 1], line: { dash: 'dot' } },
    ],
    layout: {
      title: { text: 'Calibration' },
      xaxis: { title: { text: 'mean predicted probability' } },
      yaxis: { title: { text: 'observed rate' } },
    },
  };
}

export function importanceFigure(importance: readonly { name: string; gain: number }[], top = 20): Figure {
  const rows = [...importance]
    .sort((a, b) => b.gain - a.gain)
    .slice(0, top)
    .reverse();
  return {
    data: [{ type: 'bar', orientation: 'h', x: rows.map((r) => r.gain), y: rows.map((r) => r.name) }],
    layout: { title: { text: 'Feature importance (total split gain)' }, margin: { l: 220 } },
  };
}
