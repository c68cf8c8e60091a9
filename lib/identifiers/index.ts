export {
  checkUscc,
  computeOrgCodeCheckChar,
  computeUsccCheckChar,
  makeUscc,
  normaliseIdentifier,
  type UsccCheck,
  type UsccProblem,
} from './uscc';
export {
  birthDateOf,
  checkIdNumber,
  computeIdCheckChar,
  makeIdNumber,
  upgradeIdNumber15,
  type IdNumberCheck,
  type IdNumberProblem,
} from './id-number';
export {
  CERT_TYPES,
  checkCertNumber,
  isCertTypeCode,
  type CertNumberCheck,
  type CertNumberProblem,
  type CertTypeCode,
} from './cert-number';
export { isPhoneNumber, normalisePhone } from './phone';
