/** The parts of Trino's client protocol (`/v1/statement`) the workbench reads. */

export interface TrinoTypeSignature {
  readonly rawType: string;
  readonly arguments?: readonly { readonly kind: string; readonly value: unknown }[];
}

export interface TrinoColumn {
  readonly name: string;
  readonly type: string;
  readonly typeSignature?: TrinoTypeSignature;
}

export interface TrinoError {
  readonly message?: string;
  readonly errorCode?: number;
  readonly errorName?: string;
  readonly errorType?: string;
  readonly errorLocation?: { readonly lineNumber: number; readonly columnNumber: number };
}

export interface TrinoStats {
  readonly state?: string;
  readonly progressPercentage?: number;
  readonly processedRows?: number;
  readonly processedBytes?: number;
  readonly elapsedTimeMillis?: number;
}

export interface TrinoResponse {
  readonly id?: string;
  readonly nextUri?: string;
  readonly columns?: readonly TrinoColumn[];
  readonly data?: readonly (readonly unknown[])[];
  readonly stats?: TrinoStats;
  readonly error?: TrinoError;
  readonly updateType?: string;
}
