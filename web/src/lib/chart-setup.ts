/**
 * chart.js with only the pieces the dashboard draws (line and bar charts on category axes),
 * registered once. Loaded on demand, so pages without a chart do not download it.
 */
import { BarController, BarElement, CategoryScale, Chart, Filler, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, Filler, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip);
Chart.defaults.color = '#a9b4c4';
Chart.defaults.borderColor = 'rgba(160,175,200,0.15)';
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
Chart.defaults.animation = false;

export { Chart };
