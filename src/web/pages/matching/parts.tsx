// What the matcher's desk views share (issue 12): the score as 匹配度 in per cent, the reasons as
// tags (their texts are the server's, in the caller's language), an education rank by its name.
import { Progress, Space, Tag } from 'antd';
import { type Reason, percentOf } from '../../api/matching.ts';
import { useEducationLevels } from '../../api/postings.ts';

export function MatchScore({ score }: { score: number }) {
  const percent = percentOf(score);
  return (
    <Space size={6} data-testid="match-score" data-score={percent} style={{ whiteSpace: 'nowrap' }}>
      <Progress type="circle" size={22} percent={percent} showInfo={false} strokeColor={percent >= 70 ? '#52c41a' : '#1677ff'} />
      <span data-testid="match-percent">{percent}%</span>
    </Space>
  );
}

export function ReasonTags({ reasons }: { reasons: readonly Reason[] }) {
  return (
    <Space size={[0, 4]} wrap data-testid="match-reasons">
      {reasons.map((r) => (
        <Tag key={r.code} color="blue" data-testid="match-reason" data-code={r.code}>
          {r.text}
        </Tag>
      ))}
    </Space>
  );
}

/** An education level's name from its rank (education_levels.rank: 8 博士 … 1 小学及以下); '—' when not given. */
export function EducationName({ rank }: { rank: number | null }) {
  const levels = useEducationLevels().data?.items;
  if (rank === null) return <>—</>;
  return <>{levels?.find((l) => l.rank === rank)?.name ?? rank}</>;
}

/** An education level's name from its code ('—' when not given). */
export function EducationOfCode({ code }: { code: string | null }) {
  const levels = useEducationLevels().data?.items;
  if (code === null) return <>—</>;
  return <>{levels?.find((l) => l.code === code)?.name ?? code}</>;
}
