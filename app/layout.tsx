import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: { default: '信用武陟', template: '%s · 信用武陟' },
  description: '武陟县公共信用信息平台',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="zh-CN">
      <body className="min-h-screen bg-slate-50 font-sans text-slate-800 antialiased">{children}</body>
    </html>
  );
}
