// Password policy for staff (等保 level 3, ASVS): at least 12 characters, three of four character classes,
// not the username, at most 128 characters; none of the last five passwords again; a maximum age.

/** How many passwords, the current one included, a new password must differ from. */
export const PASSWORD_HISTORY = 5;

export function passwordProblems(password: string, username: string): string[] {
  const problems: string[] = [];
  if (password.length < 12) problems.push('密码长度至少12位');
  if (password.length > 128) problems.push('密码长度不能超过128位');
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) problems.push('密码须包含大写字母、小写字母、数字、特殊字符中的至少三类');
  if (username && password.toLowerCase().includes(username.toLowerCase())) problems.push('密码不能包含用户名');
  return problems;
}

/** A password changed more than `maxAgeDays` ago must be changed before anything else; 0 means never. */
export function passwordExpired(changedAt: Date, now: Date, maxAgeDays: number): boolean {
  return maxAgeDays > 0 && now.getTime() - changedAt.getTime() > maxAgeDays * 86_400_000;
}
