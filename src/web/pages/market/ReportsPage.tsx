// 举报处理: reports from the public, one case per posting, at the desk of its county (the province: also those placed outside it).
import { CasesPage } from './CasesPage.tsx';

export default function ReportsPage() {
  return <CasesPage origin="report" />;
}
