// An unexpected error is a page that says what happened and how to go on, never a blank page.
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { translator } from '../i18n/index.js';
import type { Language } from '../session/claims.js';

type Props = { children: ReactNode; language: () => Language; resetKey?: string };
type State = { error: Error | null; key: string | undefined };

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, key: undefined };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    // Navigating elsewhere clears the error: the next page gets its chance.
    return props.resetKey !== state.key ? { key: props.resetKey, error: state.key === undefined ? state.error : null } : null;
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('portal: a page failed', error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return <ErrorPage error={this.state.error} language={this.props.language()} />;
  }
}

export function ErrorPage({ error, language }: { error: Error; language: Language }) {
  const t = translator(language);
  return (
    <main id="main" className="page error-page">
      <h1>{t('error.title')}</h1>
      <p>{t('error.body')}</p>
      <p className="actions">
        <button type="button" onClick={() => location.reload()}>{t('error.reload')}</button>
        <a href="/">{t('error.home')}</a>
      </p>
      <details>
        <summary>{t('error.details')}</summary>
        <pre dir="ltr">{error.message}</pre>
      </details>
    </main>
  );
}
