// Input of the administration services, validated at the boundary (routes, actions) and again in the
// services' callers' types. Codes are ASCII so they can appear in URLs and files; names are free text.
import { z } from 'zod';

const code = z
  .string()
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9_-]{1,39}$/, '编码须以字母开头，由字母、数字、下划线或连字符组成（2–40位）');
const name = z.string().trim().min(1, '请输入名称').max(100, '名称不能超过100个字');
const uuid = z.uuid();

// Update schemas are built from shapes without defaults: a PATCH that leaves a field out must not reset it.
const departmentFields = {
  code,
  name,
  kind: z.enum(['CENTRE', 'DEPARTMENT', 'SUBUNIT']),
  uscc: z.string().trim().max(18).nullable(),
  sortOrder: z.coerce.number().int().min(0).max(9999),
};
export const departmentCreateSchema = z.object({
  ...departmentFields,
  kind: departmentFields.kind.default('DEPARTMENT'),
  uscc: departmentFields.uscc.optional(),
  sortOrder: departmentFields.sortOrder.default(0),
  parentId: uuid.nullable(),
});
export const departmentUpdateSchema = z.object(departmentFields).partial();
export const departmentMoveSchema = z.object({ parentId: uuid.nullable() });

const username = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_.-]{2,31}$/, '用户名须以小写字母开头，由小写字母、数字、下划线、点或连字符组成（3–32位）');

export const userCreateSchema = z.object({
  username,
  displayName: name,
  departmentId: uuid,
  initialPassword: z.string().min(1).max(128),
});
export const userUpdateSchema = z.object({ displayName: name, departmentId: uuid }).partial();
export const userDisableSchema = z.object({ reason: z.string().trim().min(1, '请填写停用原因').max(200) });
export const userResetPasswordSchema = z.object({ password: z.string().min(1).max(128) });
export const userRolesSchema = z.object({ roleIds: z.array(uuid).max(50) });
export const userListQuerySchema = z.object({
  q: z.string().trim().max(50).optional(),
  departmentId: uuid.optional(),
  status: z.enum(['ACTIVE', 'DISABLED']).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});

const roleFields = {
  name,
  description: z.string().trim().max(500).nullable(),
  dataScope: z.enum(['OWN', 'OWN_AND_SUB', 'SHARED', 'ALL']),
  sharedDepartmentIds: z.array(uuid).max(500),
  permissions: z.array(z.string().max(64)).max(100),
};
export const roleCreateSchema = z.object({
  ...roleFields,
  code: z
    .string()
    .trim()
    .regex(/^[A-Z][A-Z0-9_]{1,39}$/, '角色编码须以大写字母开头，由大写字母、数字或下划线组成'),
  description: roleFields.description.optional(),
  sharedDepartmentIds: roleFields.sharedDepartmentIds.default([]),
  permissions: roleFields.permissions.default([]),
});
export const roleUpdateSchema = z.object(roleFields).partial();
export const columnGrantSchema = z.object({
  catalogId: uuid,
  fieldKeys: z.array(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/)).max(200),
});

// Menus link inside the app only: an absolute or javascript: URL in the navigation would be an open door.
const href = z
  .string()
  .trim()
  .regex(/^\/(?!\/)[A-Za-z0-9/_\-?=&.]*$/, '链接须为站内路径，例如 /records')
  .max(200);

const menuFields = {
  label: z.string().trim().min(1).max(30),
  href: href.nullable(),
  parentId: uuid.nullable(),
  permissionCode: z.string().max(64).nullable(),
  enabled: z.boolean(),
  sortOrder: z.coerce.number().int().min(0).max(9999),
};
export const menuCreateSchema = z.object({
  ...menuFields,
  code,
  enabled: menuFields.enabled.default(true),
  sortOrder: menuFields.sortOrder.default(0),
});
export const menuUpdateSchema = z.object(menuFields).partial();
export const operationUpdateSchema = z
  .object({ label: z.string().trim().min(1).max(30), enabled: z.boolean(), sortOrder: z.number().int().min(0) })
  .partial();

export const codeItemCreateSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.-]{1,20}$/, '字典项编码由字母、数字、下划线、点或连字符组成（1–20位）'),
  label: z.string().trim().min(1).max(100),
  sortOrder: z.coerce.number().int().min(0).max(9999).optional(),
});
export const codeItemUpdateSchema = z
  .object({ label: z.string().trim().min(1).max(100), sortOrder: z.coerce.number().int().min(0), enabled: z.boolean() })
  .partial();

export const dormancySchema = z.object({ days: z.coerce.number().int().min(7).max(365) });

export type DepartmentCreate = z.infer<typeof departmentCreateSchema>;
export type DepartmentUpdate = z.infer<typeof departmentUpdateSchema>;
export type UserCreate = z.infer<typeof userCreateSchema>;
export type UserUpdate = z.infer<typeof userUpdateSchema>;
export type UserListQuery = z.infer<typeof userListQuerySchema>;
export type RoleCreate = z.infer<typeof roleCreateSchema>;
export type RoleUpdate = z.infer<typeof roleUpdateSchema>;
export type MenuCreate = z.infer<typeof menuCreateSchema>;
export type MenuUpdate = z.infer<typeof menuUpdateSchema>;
export type OperationUpdate = z.infer<typeof operationUpdateSchema>;
export type CodeItemCreate = z.infer<typeof codeItemCreateSchema>;
export type CodeItemUpdate = z.infer<typeof codeItemUpdateSchema>;
