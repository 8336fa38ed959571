/**
 * A colour per service, from VS Code's chart palette (theme-aware `--vscode-charts-*` variables), then
 * golden-angle hues when a data set has more services than the palette (kept away from red, the error colour).
 * Same service, same colour.
 */
// Red is left out on purpose: it marks errors.
const FALLBACKS = ['#1a85ff', '#388a34', '#652d90', '#d18616', '#bf8803'];
const PALETTE = ['blue', 'green', 'purple', 'orange', 'yellow'].map((name, i) => `var(--vscode-charts-${name}, ${FALLBACKS[i]})`);

export class ServiceColors {
  private readonly assigned = new Map<string, string>();
  private readonly resolved = new Map<string, string>();

  colorOf(service: string): string {
    let color = this.assigned.get(service);
    if (color === undefined) {
      const n = this.assigned.size;
      color = n < PALETTE.length ? PALETTE[n]! : `hsl(${Math.round(25 + ((n * 137.508 + 190) % 310))}deg 55% 50%)`;
      this.assigned.set(service, color);
    }
    return color;
  }

  /** The colour as a canvas can use it (canvas does not understand `var(...)`): resolved once per theme. */
  canvasColorOf(service: string): string {
    const color = this.colorOf(service);
    let value = this.resolved.get(color);
    if (value === undefined) {
      const probe = document.createElement('span');
      probe.style.color = color;
      document.body.append(probe);
      value = getComputedStyle(probe).color;
      probe.remove();
      this.resolved.set(color, value);
    }
    return value;
  }

  /** The theme changed (VS Code swaps the body class): forget resolved canvas colours. */
  themeChanged(): void {
    this.resolved.clear();
  }
}
