import type { Metadata } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: { default: '信用武陟', template: '%s · 信用武陟' },
  description: '武陟县公共信用信息平台',
};

// Every page is rendered per request: its scripts carry that response's CSP nonce (proxy.ts), which a page
// rendered at build time could not.
export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection();
  return (
    <html lang="zh-CN">
      <body className="min-h-screen bg-slate-50 font-sans text-slate-800 antialiased">{children}</body>
    </html>
  );
}
