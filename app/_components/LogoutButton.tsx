import { logout } from '@/app/_lib/logout';

export function LogoutButton({ className = '' }: { className?: string }) {
  return (
    <form action={logout}>
      <button
        type="submit"
        data-testid="logout-button"
        className={`rounded-md border px-3 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-offset-2 ${className}`}
      >
        退出登录
      </button>
    </form>
  );
}
