import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { IncidentStage } from '../../api/incidents.ts';

const COLOR: Record<IncidentStage, string> = { detected: 'orange', reported: 'gold', isolated: 'blue', diagnosed: 'purple', treated: 'cyan', closed: 'green', ruled_out: 'default' };

/** An incident's stage as a coloured tag. */
export function StageTag({ stage }: { stage: IncidentStage }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLOR[stage]} data-testid="incident-stage" data-stage={stage}>
      {t(`incidents:stage.${stage}`)}
    </Tag>
  );
}
