import { describe, expect, it } from 'vitest';
import { renderModal } from '../../adapters/slack/render-view.ts';
import { formSubmitEvent } from '../../adapters/slack/to-inbound.ts';
import { viewProblems } from '../support/block-kit-limits.ts';

describe('date-time fields on Slack', () => {
  const form = {
    formId: 'meetup.create',
    title: 'New meetup',
    submitLabel: 'Create',
    fields: [{ id: 'when', label: 'When', kind: 'datetime' as const, required: true, initialAt: 1795370400 }],
  };

  it('render as a datetimepicker that starts at the current value', () => {
    const view = renderModal(form);
    expect(view.blocks[0]).toMatchObject({
      type: 'input',
      block_id: 'when',
      element: { type: 'datetimepicker', action_id: 'when', initial_date_time: 1795370400 },
    });
    expect(viewProblems(view)).toEqual([]);
  });

  it('submit the picked instant as at:<seconds>', () => {
    const body = {
      team: { id: 'T1' },
      user: { id: 'U1', name: 'ana' },
      view: {
        callback_id: 'meetup.create',
        state: { values: { when: { when: { type: 'datetimepicker', selected_date_time: 1795370400 } } } },
      },
    };
    const facts = { displayName: 'Ana', isPlatformAdmin: false };
    const event = formSubmitEvent(body as never, facts as never);
    expect(event).toMatchObject({ kind: 'form_submit', values: { when: 'at:1795370400' } });
  });
});
