import { useOrganisationStore } from '../organisations/organisationStore.js';

/** The organisations as the options of a required select, which starts on a blank that cannot be chosen. */
export function OrgOptions() {
  const orgs = useOrganisationStore((s) => s.byId);
  return (
    <>
      <option value="" disabled />
      {Object.values(orgs).map((o) => (
        <option key={o.id} value={o.id}>
          {o.name}
        </option>
      ))}
    </>
  );
}
