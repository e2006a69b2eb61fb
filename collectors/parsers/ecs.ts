import { notImplemented } from './stub.ts';

export const parser = notImplemented('ecs', 'Winlogbeat / Elastic Agent ECS documents (NDJSON, JSON array, or Elasticsearch _bulk body)');
