// Headless Chromium for the preview tests (playwright-core, the system's /usr/bin/chromium, which
// .ci/run installs): open a page from HTML, with VS Code's theme variables set on <html> the way
// VS Code sets them in a webview, and record what the page logged, requested and threw.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/** A subset of VS Code's Dark Modern and Light Modern theme colours, as webviews receive them. */
export const THEMES = {
  dark: {
    '--vscode-foreground': '#cccccc', '--vscode-editor-background': '#1f1f1f', '--vscode-descriptionForeground': '#9d9d9d',
    '--vscode-panel-border': '#2b2b2b', '--vscode-textLink-foreground': '#4daafc', '--vscode-charts-blue': '#3794ff',
    '--vscode-charts-orange': '#d18616', '--vscode-charts-red': '#f14c4c', '--vscode-charts-lines': 'rgba(204, 204, 204, 0.5)',
    '--vscode-list-hoverBackground': '#2a2d2e', '--vscode-list-inactiveSelectionBackground': '#37373d', '--vscode-focusBorder': '#0078d4',
    '--vscode-textCodeBlock-background': '#2b2b2b', '--vscode-errorForeground': '#f85149',
    '--vscode-font-family': 'system-ui, -apple-system, "Segoe UI", sans-serif', '--vscode-font-size': '13px', '--vscode-editor-font-family': 'monospace',
  },
  light: {
    '--vscode-foreground': '#3b3b3b', '--vscode-editor-background': '#ffffff', '--vscode-descriptionForeground': '#717171',
    '--vscode-panel-border': '#e5e5e5', '--vscode-textLink-foreground': '#005fb8', '--vscode-charts-blue': '#1a85ff',
    '--vscode-charts-orange': '#d18616', '--vscode-charts-red': '#e51400', '--vscode-charts-lines': 'rgba(0, 0, 0, 0.4)',
    '--vscode-list-hoverBackground': '#f2f2f2', '--vscode-list-inactiveSelectionBackground': '#e4e6f1', '--vscode-focusBorder': '#005fb8',
    '--vscode-textCodeBlock-background': '#f8f8f8', '--vscode-errorForeground': '#f85149',
    '--vscode-font-family': 'system-ui, -apple-system, "Segoe UI", sans-serif', '--vscode-font-size': '13px', '--vscode-editor-font-family': 'monospace',
  },
} as const;

export interface OpenedPage {
  readonly page: Page;
  /** Console messages, page errors and requests the page made. */
  readonly console: string[];
  readonly errors: string[];
  readonly requests: string[];
}

export async function openHtml(browser: Browser, html: string, options: { theme?: keyof typeof THEMES; width?: number; height?: number } = {}): Promise<OpenedPage> {
  const page = await browser.newPage({ viewport: { width: options.width ?? 1280, height: options.height ?? 1000 } });
  page.setDefaultTimeout(5_000);
  const opened: OpenedPage = { page, console: [], errors: [], requests: [] };
  page.on('console', (m) => opened.console.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => opened.errors.push(String(e)));
  page.on('request', (r) => opened.requests.push(r.url()));
  await page.setContent(html);
  if (options.theme) {
    // VS Code puts the theme's colours on <html> as a style; the CSP does not restrict the CSSOM.
    await page.evaluate((vars) => {
      for (const [name, value] of Object.entries(vars)) (globalThis as any).document.documentElement.style.setProperty(name, value);
    }, THEMES[options.theme] as Record<string, string>);
  }
  return opened;
}
