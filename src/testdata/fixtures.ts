/**
 * Real Kubernetes objects copied from public repositories (see real/SOURCES.md for where each
 * comes from and what makes it tricky), for tests.
 */
import { fileURLToPath } from 'node:url';

/** The folder holding `nodes/`, `daemonsets/`, `workloads/` and the running pods of `pods/`. */
export const realFixturesDir = fileURLToPath(new URL('./real/', import.meta.url)).replace(/\/$/, '');
