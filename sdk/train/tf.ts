/**
 * tfjs with the WebAssembly backend: `@tensorflow/tfjs-node` cannot fetch its native library offline,
 * and the wasm backend is ~27× faster than the pure-JS one on matrix products. Loaded lazily so that
 * importing the SDK does not load tfjs.
 */
export type Tf = typeof import('@tensorflow/tfjs');

let ready: Promise<Tf> | undefined;

/** The tfjs namespace, with the wasm backend selected (once per process). */
export function loadTf(): Promise<Tf> {
  ready ??= (async () => {
    const tf = await import('@tensorflow/tfjs');
    await import('@tensorflow/tfjs-backend-wasm');
    await tf.setBackend('wasm');
    await tf.ready();
    return tf;
  })();
  return ready;
}
