/**
 * A Jupyter mime bundle: one representation per mime type, all sent in one display message; the
 * frontend shows the richest one it can render. Always has `text/plain`.
 */
export type MimeBundle = Readonly<Record<string, unknown>> & { readonly 'text/plain': string };
