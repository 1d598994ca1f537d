// 职位审核: postings the screener flagged, at the desk of their county (the province: also those placed outside it).
import { CasesPage } from './CasesPage.tsx';

export default function ModerationQueuePage() {
  return <CasesPage origin="screener" />;
}
