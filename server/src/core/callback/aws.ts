/**
 * AWS connector fields are not documented by Sigfox (spec D15, §U-10): only what is certain about
 * AWS itself is checked, the shape of an IAM role ARN and of a region code.
 */
import { isWholeEnvReference } from './envReference';

/** `arn:<partition>:iam::<12-digit account>:role/<optional path/><name>`. */
const ROLE_ARN_RE = /^arn:aws(?:-cn|-us-gov)?:iam::\d{12}:role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;
/** `eu-west-1`, `us-gov-west-1`, `ap-southeast-2`, `cn-north-1`... */
const REGION_RE = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;

/** Why the value is not a role ARN, or undefined when it is one (or an `${env:NAME}` reference). */
export function roleArnIssue(value: string): string | undefined {
  if (isWholeEnvReference(value) || ROLE_ARN_RE.test(value)) return undefined;
  if (/^arn:[^:]*:iam::\d{12}:user\//.test(value))
    return `\`${value}\` is a user ARN; Sigfox assumes a role: \`arn:aws:iam::<account id>:role/<role name>\``;
  if (value.startsWith('arn:'))
    return `\`${value}\` is not an IAM role ARN: it reads \`arn:aws:iam::<12-digit account id>:role/<role name>\``;
  return `\`${value}\` is not an ARN: give the full role ARN, \`arn:aws:iam::<12-digit account id>:role/<role name>\``;
}

export function regionIssue(value: string): string | undefined {
  if (isWholeEnvReference(value) || REGION_RE.test(value)) return undefined;
  const lower = value.toLowerCase().trim();
  const hint = REGION_RE.test(lower) ? ` Write \`${lower}\`.` : '';
  return `\`${value}\` is not an AWS region code such as \`eu-west-1\` or \`us-east-1\`.${hint}`;
}
