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

  /**
   * Black or white, whichever contrasts more with the service's colour (WCAG 2 relative luminance): the duration
   * written inside a bar must stay readable on every theme's chart colours (the editor background was not, on
   * dark themes' darker colours).
   */
  textColorOn(service: string): string {
    const rgb = /rgba?\((\d+(?:\.\d+)?),\s*(\d+(?:\.\d+)?),\s*(\d+(?:\.\d+)?)/.exec(this.canvasColorOf(service));
    if (!rgb) return '';
    const luminance = relativeLuminance(Number(rgb[1]), Number(rgb[2]), Number(rgb[3]));
    // Contrast with black is (L + 0.05) / 0.05, with white 1.05 / (L + 0.05): equal at L ≈ 0.179.
    return (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) ? '#000' : '#fff';
  }

  /** The theme changed (VS Code swaps the body class): forget resolved canvas colours. */
  themeChanged(): void {
    this.resolved.clear();
  }
}

/** WCAG 2 relative luminance of an sRGB colour given as 0–255 channels. */
export function relativeLuminance(red: number, green: number, blue: number): number {
  const linear = (channel: number): number => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue);
}
