// The 下载信用报告 button of an organisation's profile (app/(public)/org/[id]): a plain link to the PDF route,
// so it works without JavaScript and the browser shows its own download. Placed by the profile page's owner.
export function ReportDownload({ subjectId }: { subjectId: string }) {
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
      <a
        href={`/api/public/subjects/${encodeURIComponent(subjectId)}/report`}
        data-testid="report-download"
        className="inline-flex items-center rounded-md bg-blue-800 px-4 py-2 text-sm font-medium text-white hover:bg-blue-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-800"
      >
        下载信用报告（PDF）
      </a>
      <a href="/report/verify" className="text-sm text-blue-800 underline">
        核验报告真伪
      </a>
    </div>
  );
}
