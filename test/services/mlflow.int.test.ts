import { expect, it } from 'vitest';
import { config, describeService, unique } from './int-support.ts';

interface Experiment {
  experiment_id: string;
  name: string;
  lifecycle_stage: string;
}

describeService('mlflow', 'mlflow (tracking REST API)', () => {
  const base = `${config.mlflow.trackingUri.replace(/\/$/, '')}/api/2.0/mlflow`;

  async function call<T>(path: string, init?: RequestInit): Promise<T> {
    const response = await fetch(`${base}${path}`, { ...init, headers: { 'content-type': 'application/json' } });
    const body = (await response.json()) as T;
    expect(response.status, JSON.stringify(body)).toBe(200);
    return body;
  }

  it('creates a KOL_ experiment and reads it back by name', async () => {
    const name = `${config.mlflow.experimentPrefix}${unique('smoke')}`;
    const created = await call<{ experiment_id: string }>('/experiments/create', { method: 'POST', body: JSON.stringify({ name }) });
    expect(created.experiment_id).toMatch(/^\d+$/);
    const { experiment } = await call<{ experiment: Experiment }>(`/experiments/get-by-name?experiment_name=${encodeURIComponent(name)}`);
    expect(experiment).toMatchObject({ experiment_id: created.experiment_id, name, lifecycle_stage: 'active' });
    expect(name.startsWith('KOL_')).toBe(true);
  });
});
