'use client';

// The charts of the statistics and usage screens: one card, one trend line chart, one horizontal bar chart,
// each with the same grid, axes, tooltip and legend. A screen says only what to draw and in which colour.
import type { ReactNode } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

interface Series {
  /** The row property drawn. */
  key: string;
  name: string;
  color: string;
}

/** A chart with its title (figure and figcaption). */
export function ChartCard({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <figure data-testid={testId} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <figcaption className="mb-2 text-sm font-medium text-slate-900">{title}</figcaption>
      {children}
    </figure>
  );
}

/** Rows over time (`label` on the x axis), one line per series. */
export function TrendChart({ data, series, height }: { data: object[]; series: Series[]; height: number }) {
  return (
    <ResponsiveContainer width="100%" height={height}>
      <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
        <XAxis dataKey="label" tick={{ fontSize: 12 }} />
        <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
        <Tooltip />
        <Legend />
        {series.map((s) => (
          <Line key={s.key} type="monotone" dataKey={s.key} name={s.name} stroke={s.color} dot={false} />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}

/** One group of horizontal bars per row (`label` on the y axis), one bar per series. */
export function BarsChart({
  data,
  series,
  height,
  barSize,
}: {
  data: object[];
  series: Series[];
  height: number;
  barSize: number;
}) {
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart data={data} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" horizontal={false} />
        <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12 }} />
        <YAxis type="category" dataKey="label" width={150} tick={{ fontSize: 12 }} interval={0} />
        <Tooltip />
        <Legend />
        {series.map((s) => (
          <Bar key={s.key} dataKey={s.key} name={s.name} fill={s.color} barSize={barSize} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
