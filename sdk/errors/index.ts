export { formatIssues, type Issue, IssueCollector, IssuesError } from './issues.ts';
export { RemoteError } from './remote.ts';
