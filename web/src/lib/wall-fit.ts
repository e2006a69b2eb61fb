/**
 * The wall's fleet grid must show every host without scrolling at any screen size. Given the free
 * area and the cluster sizes this finds the largest tile that fits, either with each cluster
 * starting on its own row (clearer; used when it costs little) or packed one after another.
 * Every cluster begins with a label cell `labelSpan` tiles wide.
 */

export interface FitInput {
  width: number;
  height: number;
  clusters: number[];
  gap: number;
  /** Tile height / width (minimum). */
  ratio: number;
  /** Tile height / width the rows may stretch to when height is left over. */
  maxRatio?: number;
  /** Largest tile width (a small fleet should not get poster-sized tiles). */
  maxTile?: number;
  labelSpan: number;
}

export interface Fit {
  /** Tiles the cluster label cell spans. */
  labelSpan: number;
  tile: number;
  cols: number;
  /** Row height: the tile's own ratio, stretched (up to `maxRatio`) to use the leftover height. */
  rowHeight: number;
  newRowPerCluster: boolean;
}

function rowsNeeded(cols: number, clusters: number[], span: number, newRow: boolean): number {
  if (newRow) return clusters.reduce((r, n) => r + Math.ceil((n + span) / cols), 0);
  // Packed: a label cell never wraps across rows, so it may leave a gap at a row end.
  let row = 0;
  let col = 0;
  for (const n of clusters) {
    if (col + span > cols) {
      row++;
      col = 0;
    }
    col += span;
    let left = n;
    while (left > 0) {
      const room = cols - col;
      if (room === 0) {
        row++;
        col = 0;
        continue;
      }
      const take = Math.min(room, left);
      col += take;
      left -= take;
    }
  }
  return row + (col > 0 ? 1 : 0);
}

function largest(inp: FitInput, newRow: boolean): Fit {
  const { width, height, clusters, gap, ratio, labelSpan } = inp;
  let lo = 4;
  let hi = Math.max(4, Math.min(width, inp.maxTile ?? 480));
  const fits = (s: number) => {
    const cols = Math.max(labelSpan + 1, Math.floor((width + gap) / (s + gap)));
    if (cols * (s + gap) - gap > width + 0.5 && s > 4) return false;
    const rows = rowsNeeded(cols, clusters, labelSpan, newRow);
    return rows * (s * ratio + gap) - gap <= height;
  };
  while (hi - lo > 0.5) {
    const mid = (lo + hi) / 2;
    if (fits(mid)) lo = mid;
    else hi = mid;
  }
  const tile = Math.floor(lo);
  const cols = Math.max(labelSpan + 1, Math.floor((width + gap) / (tile + gap)));
  const rows = Math.max(1, rowsNeeded(cols, clusters, labelSpan, newRow));
  const stretched = Math.floor((height + gap) / rows - gap);
  const rowHeight = Math.max(Math.floor(tile * ratio), Math.min(stretched, Math.floor(tile * (inp.maxRatio ?? ratio))));
  return { tile, cols, rowHeight, newRowPerCluster: newRow, labelSpan };
}

export function fitFleet(inp: FitInput): Fit {
  if (inp.width <= 0 || inp.height <= 0 || inp.clusters.length === 0) return { tile: 120, cols: 1, rowHeight: 74, newRowPerCluster: true, labelSpan: inp.labelSpan };
  const pick = (i: FitInput) => {
    const own = largest(i, true);
    const packed = largest(i, false);
    return own.tile >= packed.tile * 0.85 ? own : packed;
  };
  const fit = pick(inp);
  // Big tiles have room for a one-tile cluster label.
  if (inp.labelSpan > 1 && fit.tile >= 150) {
    const narrow = pick({ ...inp, labelSpan: 1 });
    if (narrow.tile >= 150) return narrow;
  }
  return fit;
}

export type Detail = 'full' | 'compact' | 'micro';

export function detailFor(tile: number): Detail {
  return tile >= 150 ? 'full' : tile >= 64 ? 'compact' : 'micro';
}
