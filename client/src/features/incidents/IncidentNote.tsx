import { useTranslation } from 'react-i18next';
import '../../app/screens.css';

/** The note every incident view carries (SPEC 2.4), in the interface language, as the server words it. */
export function IncidentNote({ note }: { note: { vi: string; en: string } }) {
  const { i18n } = useTranslation();
  return (
    <p className="alert alert--warn incident-note" data-testid="incident-note">
      {i18n.language.startsWith('en') ? note.en : note.vi}
    </p>
  );
}
