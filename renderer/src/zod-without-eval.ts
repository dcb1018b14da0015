/**
 * zod compiles object parsers with `new Function` unless told not to; the renderer's CSP has no
 * 'unsafe-eval', so even zod's feature probe would log a CSP violation. This module must be
 * imported before any module that builds a schema (zod decides at schema construction).
 */
import { z } from 'zod';

z.config({ jitless: true });
