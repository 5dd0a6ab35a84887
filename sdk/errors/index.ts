export { type Issue, IssueCollector, IssuesError, formatIssues } from './issues.ts';
export { RemoteError } from './remote.ts';
