/**
 * Records what adapters report about communities joining and leaving. `createApp` hands its `lifecycle` object to
 * the adapters, which call its methods when the platform says so; wrapping the methods on that same object observes
 * the production path (the real work still runs first) and lets tests wait for it instead of sleeping.
 */
import type { App } from '../../src/app/create-app.ts';
import type { CommunityId } from '#core/ids.ts';
import type { CommunityLifecycle } from '#core/lifecycle.ts';
import { Recorder } from './recorder.ts';

export interface LifecycleRecord {
  readonly joined: Recorder<CommunityId>;
  readonly left: Recorder<CommunityId>;
}

export function recordLifecycle(app: App): LifecycleRecord {
  const lifecycle = app.lifecycle as { -readonly [K in keyof CommunityLifecycle]: CommunityLifecycle[K] };
  const record = { joined: new Recorder<CommunityId>(), left: new Recorder<CommunityId>() };
  const { joined, left } = lifecycle;
  lifecycle.joined = async (community) => {
    await joined(community);
    record.joined.push(community);
  };
  lifecycle.left = async (community, reason) => {
    await left(community, reason);
    record.left.push(community);
  };
  return record;
}
