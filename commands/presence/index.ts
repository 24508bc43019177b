/**
 * "Who's in today": `/here` (check in until a time, where), `/here off`, `/here who` with the members you might
 * like to meet and a Coffee? button, opt-in morning nudges, and an optional morning post. Presence is off until a
 * manager turns it on, shown only inside the community and only for members who checked in, and gone at the end
 * of the community's day: only a daily count is kept.
 */
import { presenceActions } from './coffee.ts';
import { presenceOn } from './gate.ts';
import { hereCommand } from './here.command.ts';
import { exportPresence, forgetPresence, presenceHome, presenceStats } from './hooks.ts';
import { defineFeature } from './kit.ts';
import { presencePostJob } from './morning.job.ts';
import { sendNudges } from './nudges.ts';
import { PRESENCE_SETTINGS } from './settings.ts';

export const presenceFeature = defineFeature({
  name: 'presence',
  settings: PRESENCE_SETTINGS,
  commands: [hereCommand],
  actions: presenceActions,
  jobs: [presencePostJob],
  // Each minute: yesterday's presence is deleted (even with the feature off), and morning nudges go out.
  async sweep(scope) {
    await scope.store.purgeExpired(scope.community.id, scope.now);
    if (presenceOn(scope)) await sendNudges(scope);
  },
  home: presenceHome,
  forget: forgetPresence,
  exportData: exportPresence,
  stats: presenceStats,
});
