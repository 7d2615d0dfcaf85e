// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { I18nProvider } from '../i18n/index.js';
import { SlaPanel, slaState, type SlaTargets } from './SlaPanel.js';

const entry = (over: Partial<NonNullable<SlaTargets['firstResponse']>> = {}) => ({
  startAt: '2030-01-06T08:00:00.000Z', dueAt: '2030-01-06T11:00:00.000Z', warnAt: '2030-01-06T10:30:00.000Z',
  metAt: null, breachedAt: null, pausedAt: null, stoppedAt: null, ...over,
});

afterEach(() => { cleanup(); localStorage.clear(); });

describe('R-SLA-6: the SLA panel shows each target as the customer may see it', () => {
  it('shows the due time in Israel time and the state of each target', () => {
    render(
      <I18nProvider personLanguage="en">
        <SlaPanel sla={{ firstResponse: entry({ metAt: '2030-01-06T09:15:00.000Z' }), contact: entry({ dueAt: '2030-01-07T08:00:00.000Z', breachedAt: '2030-01-07T08:00:00.000Z' }) }} />
      </I18nProvider>,
    );
    const first = screen.getByText('First response').closest('li')!;
    expect(within(first).getByText(/^Met/)).toBeTruthy();
    expect(first.textContent).toContain('13:00'); // 11:00Z due = 13:00 in Jerusalem (UTC+2 in January)
    expect(first.textContent).toContain('11:15'); // met at 09:15Z
    const contact = screen.getByText('Next update').closest('li')!;
    expect(within(contact).getByText(/^Missed/)).toBeTruthy();
  });

  it('R-SLA-5: says a paused target waits for the customer, in Hebrew', () => {
    render(<I18nProvider personLanguage="he"><SlaPanel sla={{ contact: entry({ pausedAt: '2030-01-06T10:00:00.000Z' }) }} /></I18nProvider>);
    expect(screen.getByText('מושהה בהמתנה לתשובתכם')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'זמני מענה' })).toBeTruthy();
  });

  it('R-ENT-1: says so when no target applies (no SLA clock)', () => {
    render(<I18nProvider personLanguage="en"><SlaPanel sla={{}} /></I18nProvider>);
    expect(screen.getByText('No response-time commitment applies to this ticket.')).toBeTruthy();
  });

  it('words a target met after its breach as met', () => {
    expect(slaState(entry({ breachedAt: '2030-01-06T11:00:00.000Z', metAt: '2030-01-06T12:00:00.000Z' }))).toBe('met');
    expect(slaState(entry())).toBe('running');
  });
});
