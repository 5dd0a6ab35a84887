#!/usr/bin/env node
// The published entry point. The SDK ships as TypeScript sources (notebooks import them directly), so the
// CLI registers tsx's loader before importing its TypeScript main module.
import { register } from 'tsx/esm/api';

register();
// The AWS SDK warns on every run that releases after January 2027 need Node 22. The lock file pins a
// release that supports Node 20 (the project's runtime), so the warning only adds noise to CLI output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv);
