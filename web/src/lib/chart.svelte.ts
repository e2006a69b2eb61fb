/**
 * chart.js through an attachment: `<canvas {@attach chart(() => spec)}>`. The spec is plain arrays
 * (labels, datasets of numbers); the chart is created once and updated in place when the arrays
 * change (no animation, no re-creation), and destroyed with the canvas.
 */
import type { Attachment } from 'svelte/attachments';
import { untrack } from 'svelte';
import type { Chart as ChartT, ChartConfiguration } from 'chart.js';

export interface ChartSeries {
  label: string;
  data: number[];
  color?: string;
}

export interface ChartSpec {
  type: 'line' | 'bar';
  labels: string[];
  series: ChartSeries[];
  stacked?: boolean;
  /** Axis-less, legend-less, tooltip-less mini chart (the wall's sparkline). */
  sparkline?: boolean;
  yTitle?: string;
}

export const PALETTE = ['#4ea1ff', '#f5a524', '#e5484d', '#46a758', '#8e4ec6', '#12a594', '#d6409f', '#978365', '#7ce2fe', '#ffc53d'];

let loader: Promise<typeof import('./chart-setup.ts')> | null = null;
const loadChartJs = () => (loader ??= import('./chart-setup.ts'));

function datasets(spec: ChartSpec) {
  return spec.series.map((s, i) => {
    const color = s.color ?? PALETTE[i % PALETTE.length];
    return {
      label: s.label,
      data: s.data,
      borderColor: color,
      backgroundColor: spec.type === 'bar' ? color : color + '33',
      fill: spec.sparkline ? 'origin' : false,
      borderWidth: spec.sparkline ? 2 : spec.type === 'bar' ? 0 : 2,
      pointRadius: spec.sparkline ? 0 : 2,
      tension: 0.25,
    };
  });
}

function config(spec: ChartSpec): ChartConfiguration {
  const mini = Boolean(spec.sparkline);
  return {
    type: spec.type,
    data: { labels: spec.labels, datasets: datasets(spec) as never },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      normalized: true,
      interaction: { mode: 'index', intersect: false },
      plugins: { legend: { display: !mini && spec.series.length > 1, position: 'bottom' }, tooltip: { enabled: !mini } },
      scales: {
        x: { display: !mini, stacked: spec.stacked, ticks: { maxRotation: 0, autoSkip: true } },
        y: { display: !mini, stacked: spec.stacked, beginAtZero: true, title: { display: Boolean(spec.yTitle), text: spec.yTitle ?? '' }, ticks: { precision: 0 } },
      },
    },
  };
}

export function chart(spec: () => ChartSpec): Attachment<HTMLCanvasElement> {
  return (canvas) => {
    let instance = $state.raw<ChartT | null>(null);
    let dead = false;
    loadChartJs().then(({ Chart }) => {
      if (!dead) instance = new Chart(canvas, config(untrack(spec)));
    });
    let shape = '';
    $effect(() => {
      const s = spec();
      const c = instance;
      if (!c) return;
      const next = s.series.map((x) => x.label).join('\u0000');
      if (next !== shape || c.data.datasets.length !== s.series.length) {
        c.data.datasets = datasets(s) as never;
        shape = next;
      } else {
        c.data.datasets.forEach((d, i) => (d.data = s.series[i]?.data ?? []));
      }
      c.data.labels = s.labels;
      c.update('none');
    });
    return () => {
      dead = true;
      instance?.destroy();
    };
  };
}
