// The one evaluator lives in kube/; this path stays for the Velero coverage module's import.
export { selectorMatches } from '../kube/labelSelector';
