// The same plain answer as an unknown organisation (app/(public)/org/not-found.tsx): a record no longer public,
// a person's id.
export { default } from '../not-found';
