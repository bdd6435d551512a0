import { useTranslation } from 'react-i18next';
import { ResultCard } from './ResultCard.tsx';
import { SendForm } from './SendForm.tsx';
import './send.css';

export function SendScreen() {
  const { t } = useTranslation('send');
  return (
    <div className="screen send-screen">
      <h2 className="screen__title">{t('title')}</h2>
      <div className="send-screen__grid">
        <SendForm />
        <ResultCard />
      </div>
    </div>
  );
}
