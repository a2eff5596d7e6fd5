import { Component, type ErrorInfo, type ReactNode } from 'react';
import { FailurePanel } from './FailurePanel';

interface ErrorBoundaryProps {
  /** What is inside, for the heading: "The console screen". */
  what: string;
  canReload: boolean;
  canExport: boolean;
  onReload: () => void;
  onExport: () => void;
  onLibrary: () => void;
  children: ReactNode;
}

interface ErrorBoundaryState {
  error: Error | null;
  componentStack: string;
}

/** Catches a screen that throws while rendering and shows what failed instead of a blank window. */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { error: null, componentStack: '' };

  static getDerivedStateFromError(error: Error): Partial<ErrorBoundaryState> {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    this.setState({ componentStack: info.componentStack ?? '' });
    console.error(`${this.props.what} failed`, error);
  }

  override render(): ReactNode {
    const { error, componentStack } = this.state;
    if (!error) return this.props.children;
    return (
      <FailurePanel
        failure={{
          what: this.props.what,
          message: error.message || error.name,
          detail: `${error.stack ?? error.message}\n\nWhere in the screen:${componentStack}`,
        }}
        canReload={this.props.canReload}
        canExport={this.props.canExport}
        onReload={() => {
          this.setState({ error: null, componentStack: '' });
          this.props.onReload();
        }}
        onExport={this.props.onExport}
        onLibrary={() => {
          this.setState({ error: null, componentStack: '' });
          this.props.onLibrary();
        }}
      />
    );
  }
}
