'use client';

// The article form with its rich-text body (tiptap): headings, bold/italic, lists, quotes, links and images.
// An image is uploaded first (POST /api/admin/content/media) and inserted by its media URL; its alt text is
// required before the upload starts. The server sanitizes the HTML again on save (lib/cms/sanitize.ts).
import Image from '@tiptap/extension-image';
import { EditorContent, useEditor, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { callApi } from '@/app/_lib/api-client';
import { ARTICLE_PROSE } from '@/app/(public)/news/_lib/prose';

export interface EditorArticle {
  id: string;
  categoryCode: string;
  title: string;
  summary: string;
  bodyHtml: string;
  coverImageId: string | null;
}

interface Uploaded {
  id: string;
  src: string;
  thumb: string;
}

const input =
  'mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm shadow-sm focus:border-blue-600 focus:ring-2 focus:ring-blue-600/30 focus:outline-none';

async function upload(file: File): Promise<{ ok: true; data: Uploaded } | { ok: false; message: string }> {
  const res = await callApi<Uploaded>('/api/admin/content/media', {
    method: 'POST',
    body: file,
    networkError: '图片上传失败，请重试',
  });
  return res.ok ? { ok: true, data: res.data } : { ok: false, message: res.message };
}

export function ArticleEditor({
  article,
  categories,
}: {
  article: EditorArticle | null;
  categories: { code: string; name: string }[];
}) {
  const router = useRouter();
  const ids = useId();
  const [coverId, setCoverId] = useState<string | null>(article?.coverImageId ?? null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  // Enabled once hydrated: a click before that would submit the form natively.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  const editor = useEditor({
    immediatelyRender: false,
    extensions: [
      StarterKit.configure({
        heading: { levels: [2, 3, 4] },
        link: { openOnClick: false, autolink: true, protocols: ['mailto'], defaultProtocol: 'https' },
        code: false,
        codeBlock: false,
      }),
      Image.configure({ inline: false, allowBase64: false }),
    ],
    content: article?.bodyHtml ?? '',
    editorProps: {
      attributes: {
        class: `${ARTICLE_PROSE} min-h-64 px-3 py-2 focus:outline-none [&_img.ProseMirror-selectednode]:ring-2 [&_img.ProseMirror-selectednode]:ring-blue-500`,
        'aria-label': '正文',
        'aria-multiline': 'true',
        role: 'textbox',
        'data-testid': 'article-body',
      },
    },
  });

  async function save(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    setSaved(false);
    const json = {
      categoryCode: String(form.get('categoryCode') ?? ''),
      title: String(form.get('title') ?? ''),
      summary: String(form.get('summary') ?? ''),
      bodyHtml: editor?.getHTML() ?? '',
      coverImageId: coverId,
    };
    const res = await callApi<{ id: string; bodyHtml: string }>(
      article ? `/api/admin/content/${article.id}` : '/api/admin/content',
      { method: article ? 'PUT' : 'POST', json },
    );
    setBusy(false);
    if (!res.ok) return setError(res.message);
    setSaved(true);
    if (!article) router.push(`/admin/content/${res.data.id}`);
    else {
      // Show what was stored: the sanitized body.
      editor?.commands.setContent(res.data.bodyHtml, { emitUpdate: false });
      router.refresh();
    }
  }

  return (
    <form onSubmit={save} className="space-y-4" data-testid="article-form">
      <div className="grid gap-4 sm:grid-cols-[12rem_1fr]">
        <label className="block text-sm font-medium text-slate-700">
          栏目
          <select
            name="categoryCode"
            defaultValue={article?.categoryCode ?? categories[0]?.code}
            className={input}
            data-testid="article-category"
          >
            {categories.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="block text-sm font-medium text-slate-700">
          标题
          <input
            name="title"
            required
            maxLength={120}
            defaultValue={article?.title}
            className={input}
            data-testid="article-title"
          />
        </label>
      </div>
      <label className="block text-sm font-medium text-slate-700">
        摘要 <span className="font-normal text-slate-500">（列表中显示，不超过 300 字）</span>
        <textarea
          name="summary"
          rows={2}
          maxLength={300}
          defaultValue={article?.summary}
          className={input}
          data-testid="article-summary"
        />
      </label>

      <CoverPicker coverId={coverId} onChange={setCoverId} />

      <div>
        <span className="block text-sm font-medium text-slate-700" id={`${ids}-body`}>
          正文
        </span>
        <div className="mt-1 rounded-md border border-slate-300 bg-white shadow-sm focus-within:border-blue-600 focus-within:ring-2 focus-within:ring-blue-600/30">
          {editor && <Toolbar editor={editor} />}
          <EditorContent editor={editor} />
        </div>
      </div>

      <div className="flex flex-wrap items-center gap-3">
        <button
          type="submit"
          disabled={busy || !ready}
          data-testid="article-save"
          className="rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-blue-800 disabled:bg-blue-400"
        >
          {busy ? '正在保存…' : article ? '保存修改' : '保存草稿'}
        </button>
        {saved && (
          <span role="status" className="text-sm text-green-700" data-testid="article-saved">
            已保存
          </span>
        )}
      </div>
      {error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700" data-testid="article-error">
          {error}
        </p>
      )}
    </form>
  );
}

function ToolButton({
  onClick,
  active,
  label,
  children,
}: {
  onClick: () => void;
  active?: boolean;
  label: string;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      onClick={onClick}
      aria-label={label}
      aria-pressed={active}
      title={label}
      className={`min-w-8 rounded px-2 py-1 text-sm ${active ? 'bg-blue-100 text-blue-900' : 'text-slate-700 hover:bg-slate-100'}`}
    >
      {children}
    </button>
  );
}

function Toolbar({ editor }: { editor: Editor }) {
  const ids = useId();
  const [link, setLink] = useState('');
  const [alt, setAlt] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const chain = () => editor.chain().focus();

  async function addImage(file: File | undefined) {
    setMessage(null);
    if (!file) return;
    if (!alt.trim()) {
      setMessage('请先填写图片说明（供视障读者使用），再选择图片');
      if (fileRef.current) fileRef.current.value = '';
      return;
    }
    setMessage('正在上传图片…');
    const res = await upload(file);
    if (fileRef.current) fileRef.current.value = '';
    if (!res.ok) return setMessage(res.message);
    // A paragraph after the image takes the cursor: typing on would otherwise replace the selected image.
    chain()
      .insertContent([{ type: 'image', attrs: { src: res.data.src, alt: alt.trim() } }, { type: 'paragraph' }])
      .run();
    setAlt('');
    setMessage('图片已插入');
  }

  function applyLink() {
    const href = link.trim();
    if (!href) chain().extendMarkRange('link').unsetLink().run();
    else if (!/^(https?:\/\/|mailto:)/i.test(href)) return setMessage('链接须以 http://、https:// 或 mailto: 开头');
    else chain().extendMarkRange('link').setLink({ href }).run();
    setMessage(null);
    setLink('');
  }

  return (
    <div className="space-y-2 border-b border-slate-200 bg-slate-50 px-2 py-2" role="toolbar" aria-label="正文格式">
      <div className="flex flex-wrap gap-1">
        <ToolButton
          label="二级标题"
          active={editor.isActive('heading', { level: 2 })}
          onClick={() => chain().toggleHeading({ level: 2 }).run()}
        >
          H2
        </ToolButton>
        <ToolButton
          label="三级标题"
          active={editor.isActive('heading', { level: 3 })}
          onClick={() => chain().toggleHeading({ level: 3 }).run()}
        >
          H3
        </ToolButton>
        <ToolButton label="加粗" active={editor.isActive('bold')} onClick={() => chain().toggleBold().run()}>
          <strong>B</strong>
        </ToolButton>
        <ToolButton label="斜体" active={editor.isActive('italic')} onClick={() => chain().toggleItalic().run()}>
          <em>I</em>
        </ToolButton>
        <ToolButton
          label="无序列表"
          active={editor.isActive('bulletList')}
          onClick={() => chain().toggleBulletList().run()}
        >
          • 列表
        </ToolButton>
        <ToolButton
          label="有序列表"
          active={editor.isActive('orderedList')}
          onClick={() => chain().toggleOrderedList().run()}
        >
          1. 列表
        </ToolButton>
        <ToolButton
          label="引用"
          active={editor.isActive('blockquote')}
          onClick={() => chain().toggleBlockquote().run()}
        >
          “引用”
        </ToolButton>
        <ToolButton label="撤销" onClick={() => chain().undo().run()}>
          撤销
        </ToolButton>
      </div>
      <div className="flex flex-wrap items-end gap-2 text-xs text-slate-700">
        <label className="flex items-center gap-1">
          链接地址
          <input
            value={link}
            onChange={(e) => setLink(e.target.value)}
            placeholder="https://"
            className="w-44 rounded border border-slate-300 bg-white px-2 py-1 text-sm"
            data-testid="editor-link"
          />
        </label>
        <button
          type="button"
          onClick={applyLink}
          className="rounded border border-slate-300 bg-white px-2 py-1 hover:bg-slate-100"
        >
          设为链接
        </button>
        <label className="ml-2 flex items-center gap-1">
          图片说明（必填）
          <input
            value={alt}
            onChange={(e) => setAlt(e.target.value)}
            maxLength={120}
            className="w-44 rounded border border-slate-300 bg-white px-2 py-1 text-sm"
            data-testid="editor-image-alt"
          />
        </label>
        <label className="cursor-pointer rounded border border-slate-300 bg-white px-2 py-1 hover:bg-slate-100">
          插入图片
          <input
            ref={fileRef}
            type="file"
            accept="image/jpeg,image/png,image/webp,image/gif"
            className="sr-only"
            data-testid="editor-image-file"
            aria-describedby={`${ids}-msg`}
            onChange={(e) => void addImage(e.target.files?.[0])}
          />
        </label>
        <span id={`${ids}-msg`} role="status" data-testid="editor-message" className="text-slate-600">
          {message}
        </span>
      </div>
    </div>
  );
}

function CoverPicker({ coverId, onChange }: { coverId: string | null; onChange: (id: string | null) => void }) {
  const [message, setMessage] = useState<string | null>(null);
  return (
    <div className="flex flex-wrap items-center gap-3 text-sm text-slate-700">
      <span className="font-medium">封面图片</span>
      {coverId ? (
        // our own WebP thumbnail, already sized
        <img
          src={`/api/public/media/${coverId}/thumb`}
          alt="封面缩略图"
          width={120}
          height={80}
          className="rounded border border-slate-200"
          data-testid="article-cover"
        />
      ) : (
        <span className="text-slate-500">未设置（列表中不显示图片）</span>
      )}
      <label className="cursor-pointer rounded border border-slate-300 bg-white px-2 py-1 text-xs hover:bg-slate-100">
        {coverId ? '更换封面' : '上传封面'}
        <input
          type="file"
          accept="image/jpeg,image/png,image/webp,image/gif"
          className="sr-only"
          data-testid="article-cover-file"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (!file) return;
            setMessage('正在上传…');
            const res = await upload(file);
            if (!res.ok) return setMessage(res.message);
            onChange(res.data.id);
            setMessage(null);
          }}
        />
      </label>
      {coverId && (
        <button type="button" onClick={() => onChange(null)} className="text-xs text-slate-600 underline">
          移除封面
        </button>
      )}
      {message && (
        <span role="status" className="text-xs text-slate-600">
          {message}
        </span>
      )}
    </div>
  );
}
