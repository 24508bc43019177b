/** Runs in every test file: closes the databases the file opened, so PostgreSQL connections do not pile up. */
import { afterAll } from 'vitest';
import { closeTestStorages } from './databases.ts';

afterAll(closeTestStorages);
