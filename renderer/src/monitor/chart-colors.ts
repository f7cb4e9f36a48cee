import { useEffect, useState } from 'react';
import { useThemeStore } from '../stores/theme-store';

const tokens = ['fg', 'fg-muted', 'border', 'accent', 'info', 'ok', 'warn', 'danger', 'neutral'] as const;
export type ChartColors = Record<(typeof tokens)[number], string>;

/**
 * The theme's colours as a canvas needs them. The tokens are `light-dark()` pairs that only an
 * element's computed style resolves, so each is read off a probe element in the current theme.
 */
function resolve(): ChartColors {
  const probe = document.createElement('span');
  probe.style.display = 'none';
  document.body.append(probe);
  const colors = Object.fromEntries(
    tokens.map((token) => {
      probe.style.color = `var(--${token})`;
      return [token, getComputedStyle(probe).color];
    }),
  ) as ChartColors;
  probe.remove();
  return colors;
}

/** The chart colours, again whenever the theme picker or the OS switches between light and dark. */
export function useChartColors(): ChartColors {
  const preference = useThemeStore((s) => s.preference);
  const [colors, setColors] = useState(resolve);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the picker's choice changes the resolved colours.
  useEffect(() => {
    // A new object only when a colour changed: the charts are rebuilt on it.
    const change = () =>
      setColors((previous) => {
        const next = resolve();
        return JSON.stringify(next) === JSON.stringify(previous) ? previous : next;
      });
    change();
    const dark = matchMedia('(prefers-color-scheme: dark)');
    dark.addEventListener('change', change);
    return () => dark.removeEventListener('change', change);
  }, [preference]);
  return colors;
}
