// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ErrorBoundary } from './ErrorBoundary.js';

afterEach(() => cleanup());

function Broken(): never {
  throw new Error('the page failed');
}

describe('an unexpected error', () => {
  it('is a page saying what happened and how to go on, never a blank page', () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    render(<ErrorBoundary language={() => 'he'}><Broken /></ErrorBoundary>);
    expect(screen.getByRole('heading', { level: 1, name: 'משהו השתבש' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'טעינה מחדש' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'לקריאות שלי' })).toBeTruthy();
    expect(screen.getByText('the page failed')).toBeTruthy();
    quiet.mockRestore();
  });
});
