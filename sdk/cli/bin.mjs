#!/usr/bin/env node
// The published entry point. The SDK ships as TypeScript sources (notebooks import them directly), so the
// CLI registers tsx's loader before importing its TypeScript main module.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv);
